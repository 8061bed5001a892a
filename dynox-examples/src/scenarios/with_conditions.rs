//! Smart save with a condition (smart-save guide, "With conditions").

use crate::models::Profile;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Profile::create_table(db).if_not_exists().await?;
    let mut seed = Profile::sample("USER#cond", 10);
    seed.status = "done".into();
    seed.save(db).await?;
    if let Some(mut user) = Profile::get(db, "USER#cond", "PROFILE").await? {
        user.status = "active".into();
        // UpdateItem with a condition, checked by the compiler: STATUS is a String field
        match user.save(db).condition(Profile::STATUS.eq("pending")).await {
            Ok(()) => println!("saved"),
            Err(Error::ConditionalCheckFailed { item }) => {
                // the status was not "pending"; DynamoDB returned what is stored
                let stored = item.map(|i| Profile::from_item(*i)).transpose()?;
                println!(
                    "condition failed; stored status: {:?}",
                    stored.map(|p| p.status)
                );
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
