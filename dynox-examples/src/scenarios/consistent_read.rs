//! Eventually and strongly consistent reads (models guide, "Consistent reads").

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().await?;
    User::new("USER#cr", "PROFILE", "Casey").save(db).await?;

    // Default: eventually consistent, half a read unit per 4 KB.
    User::get(db, "USER#cr", "PROFILE").await?;
    let eventual = db.last_operation().map(|o| o.rcu).unwrap_or_default();

    // Right after a write, or where stale data is unacceptable: strongly consistent.
    let user = User::get(db, "USER#cr", "PROFILE")
        .consistent_read(true)
        .await?;
    let strong = db.last_operation().map(|o| o.rcu).unwrap_or_default();
    println!("eventually consistent: {eventual} RCU, strongly consistent: {strong} RCU");

    if let Some(mut user) = user {
        user.delete(db).await?;
    }
    Ok(())
}
