//! Smart save: only changed fields are sent (smart-save guide, first example).

use crate::models::Profile;
use dynox_core::prelude::*;
use dynox_core::OperationKind;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Profile::create_table(db).if_not_exists().await?;
    Profile::sample("USER#1", 4000).save(db).await?; // a 4 KB item

    if let Some(mut user) = Profile::get(db, "USER#1", "PROFILE").await? {
        user.name = "New Name".into(); // change one field
        user.save(db).await?; // UpdateItem of `name` only, not all 4 KB
        let op = db.last_operation().expect("a request was sent");
        assert_eq!(op.kind, OperationKind::UpdateItem);
        println!(
            "sent {} bytes to change one field of a 4 KB item",
            op.bytes_sent
        );
    }
    Ok(())
}
