//! Smart save with a version attribute (smart-save guide, "With optimistic locking").

use crate::models::VersionedUser;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    VersionedUser::create_table(db).if_not_exists().await?;
    VersionedUser::delete_by_key(db, "USER#v", "PROFILE").await?;
    let mut created = Tracked::new(VersionedUser {
        pk: "USER#v".into(),
        sk: "PROFILE".into(),
        name: "Vera".into(),
        version: 0,
    });
    created.save(db).await?; // version 1, only if no such item exists yet

    let mut mine = VersionedUser::get(db, "USER#v", "PROFILE")
        .await?
        .expect("saved");
    let mut theirs = VersionedUser::get(db, "USER#v", "PROFILE")
        .await?
        .expect("saved");
    mine.name = "New Name".into();
    mine.save(db).await?; // UpdateItem with `version = 1`, writes version 2

    theirs.name = "Stale".into();
    match theirs.save(db).await {
        Err(Error::VersionConflict { .. }) => println!("stale copy refused; reload and retry"),
        other => println!("unexpected: {other:?}"),
    }
    println!("stored version: {}", mine.version);
    Ok(())
}
