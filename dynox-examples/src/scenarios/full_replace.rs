//! Force a PutItem of every field (smart-save guide, "Force full replace").

use crate::models::Profile;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Profile::create_table(db).if_not_exists().await?;
    Profile::sample("USER#full", 10).save(db).await?;
    if let Some(mut user) = Profile::get(db, "USER#full", "PROFILE").await? {
        user.name = "New Name".into();
        // PutItem with all fields: also drops attributes the model does not know
        user.save(db).full_replace().await?;
        println!("{:?}", db.last_operation().map(|o| o.kind));
    }
    Ok(())
}
