//! New items are put whole, then smart save takes over (smart-save guide, "New items").

use crate::models::Profile;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Profile::create_table(db).if_not_exists().await?;
    // New item: PutItem
    let mut user = Tracked::new(Profile::sample("USER#new", 10));
    user.save(db).await?;
    println!("first save: {:?}", db.last_operation().map(|o| o.kind));

    // After the save, tracking is on
    user.name = "Jane".into();
    user.save(db).await?;
    println!("second save: {:?}", db.last_operation().map(|o| o.kind));

    user.delete(db).await?;
    Ok(())
}
