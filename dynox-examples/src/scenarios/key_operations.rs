//! Update and delete by key, one request each (models guide, "Update and delete by key").

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().await?;
    User::new("USER#key", "PROFILE", "Kim").save(db).await?;
    db.reset_metrics();

    // One UpdateItem, no read first and no hooks.
    User::update_by_key(db, "USER#key", "PROFILE")
        .set(User::NAME, "Jane")
        .await?;
    // One DeleteItem.
    User::delete_by_key(db, "USER#key", "PROFILE").await?;

    println!("requests sent: {}", db.metrics().requests);
    Ok(())
}
