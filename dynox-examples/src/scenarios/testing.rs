//! Testing code on the embedded engine: no server, no credentials, real
//! DynamoDB semantics (models guide, "Testing your code").

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario. In a test, `Dynox::memory_with::<(User, ...)>()` is
/// the one line of set-up: a fresh engine with the tables created.
pub async fn run(_db: &Dynox) -> Result<()> {
    let db = Dynox::memory_with::<(User,)>();
    User::new("USER#t", "PROFILE", "Test").save(&db).await?;
    let user = User::get(&db, "USER#t", "PROFILE").await?.expect("saved");
    assert_eq!(user.name, "Test");
    // conditions are evaluated as DynamoDB would, not by a mock
    let again = User::new("USER#t", "PROFILE", "Other")
        .save(&db)
        .condition(User::PK.not_exists())
        .await;
    assert!(matches!(again, Err(Error::ConditionalCheckFailed { .. })));
    println!(
        "embedded engine: {} requests, {} WCU",
        db.metrics().requests,
        db.metrics().total_wcu
    );
    Ok(())
}
