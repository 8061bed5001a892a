//! `Dynox::from_env_blocking()` builds the AWS client with no runtime in
//! sight, from the environment, and its client serves blocking calls against
//! DynamoDB Local. A binary of its own: it sets the process's AWS variables.
#![cfg(feature = "dynamodb-local")]

use dynox_core::prelude::*;
use dynox_tests::models::User;

#[test]
fn from_env_blocking_talks_to_dynamodb_local_without_a_runtime() {
    let endpoint = dynox_tests::local_endpoint();
    for (name, value) in [
        ("AWS_ENDPOINT_URL_DYNAMODB", endpoint.as_str()),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "dynox"),
        ("AWS_SECRET_ACCESS_KEY", "dynox"),
        // no instance metadata look-up: no network here but loopback
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ] {
        std::env::set_var(name, value);
    }
    let db = Dynox::from_env_blocking()
        .expect("a client")
        .with_table_prefix(dynox_tests::unique_prefix());
    User::create_table(&db).blocking().expect("table");
    User::new("U", "P", "n")
        .save(&db)
        .blocking()
        .expect("saved");
    let u = User::get(&db, "U", "P")
        .blocking()
        .expect("read")
        .expect("found");
    assert_eq!(u.name, "n");
    assert_eq!(
        db.last_operation().map(|o| o.rcu),
        Some(0.5),
        "DynamoDB Local answered"
    );
}
