//! Update and delete by key with blocking calls (models guide, "Update and
//! delete by key", the `sync_` tab).

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario from a plain `fn`.
pub fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().blocking()?;
    User::new("USER#skey", "PROFILE", "Kim")
        .save(db)
        .blocking()?;
    db.reset_metrics();

    User::update_by_key(db, "USER#skey", "PROFILE")
        .set(User::NAME, "Jane")
        .blocking()?;
    User::delete_by_key(db, "USER#skey", "PROFILE").blocking()?;

    println!("requests sent: {}", db.metrics().requests);
    Ok(())
}
