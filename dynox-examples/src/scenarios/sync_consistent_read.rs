//! Eventually and strongly consistent reads with blocking calls (models
//! guide, "Consistent reads", the `sync_` tab).

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario from a plain `fn`.
pub fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().blocking()?;
    User::new("USER#scr", "PROFILE", "Casey")
        .save(db)
        .blocking()?;

    User::get(db, "USER#scr", "PROFILE").blocking()?;
    let eventual = db.last_operation().map(|o| o.rcu).unwrap_or_default();
    let user = User::get(db, "USER#scr", "PROFILE")
        .consistent_read(true)
        .blocking()?;
    let strong = db.last_operation().map(|o| o.rcu).unwrap_or_default();
    println!("eventually consistent: {eventual} RCU, strongly consistent: {strong} RCU");

    if let Some(mut user) = user {
        user.delete(db).blocking()?;
    }
    Ok(())
}
