//! `is_dirty` and `changed_fields` (smart-save guide, "Check if item changed").

use crate::models::Profile;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Profile::create_table(db).if_not_exists().await?;
    Profile::sample("USER#dirty", 10).save(db).await?;
    if let Some(mut user) = Profile::get(db, "USER#dirty", "PROFILE").await? {
        println!("{}", user.is_dirty()); // false

        user.name = "New Name".into();
        println!("{}", user.is_dirty()); // true
        println!("{:?}", user.changed_fields()); // ["name"]

        user.email = "new@example.com".into();
        println!("{:?}", user.changed_fields()); // ["name", "email"]
        assert_eq!(user.changed_fields(), ["name", "email"]);
    }
    Ok(())
}
