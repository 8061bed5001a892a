//! Typed errors (models guide, "Error handling").

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    // A table that does not exist: `ResourceNotFound`.
    let missing = db.with_table_prefix("does_not_exist_");
    match User::new("USER#err", "PROFILE", "Eve").save(&missing).await {
        Err(Error::ResourceNotFound { .. }) => println!("table doesn't exist"),
        Err(Error::Throttled { .. }) => println!("rate limited, try again"),
        Err(e) => println!("DynamoDB error: {e}"),
        Ok(()) => println!("saved"),
    }

    // A value DynamoDB refuses (an empty key): `Validation`, with DynamoDB's message.
    User::create_table(db).if_not_exists().await?;
    if let Err(Error::Validation { message }) = User::new("", "PROFILE", "Eve").save(db).await {
        println!("invalid data: {message}");
    }
    Ok(())
}
