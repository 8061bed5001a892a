//! `set_default_client` and `Dynox::default_client()`: unset, a clear error;
//! set, the same client from anywhere. A binary of its own: the default is
//! process-wide, and no other test may see it change.

use dynox_core::prelude::*;
use dynox_tests::models::User;

/// A function deep in a program that reaches the client without a parameter.
async fn count_users() -> Result<u64> {
    let db = Dynox::default_client()?;
    User::scan(&db).count().await
}

#[tokio::test]
async fn the_default_client_is_an_error_until_set_then_reachable_anywhere() -> Result<()> {
    match Dynox::default_client() {
        Err(e @ Error::Configuration { .. }) => {
            assert!(e.to_string().contains("set_default_client"), "{e}");
        }
        other => panic!("expected a configuration error, got {other:?}"),
    }
    let db = dynox_tests::connect(dynox_tests::Backend::Embedded);
    User::create_table(&db).await?;
    User::new("U", "P", "n").save(&db).await?;
    dynox_core::set_default_client(db.clone());
    assert_eq!(count_users().await?, 1);
    assert_eq!(Dynox::default_client()?.table_prefix(), db.table_prefix());
    Ok(())
}
