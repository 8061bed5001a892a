//! Lifecycle hooks and skipping them (models guide, "Skipping hooks").

use crate::models::ValidatedUser;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    ValidatedUser::create_table(db).if_not_exists().await?;
    let bad = ValidatedUser {
        pk: "USER#hook".into(),
        email: "not-an-email".into(),
    };
    // before_save refuses it: nothing is sent
    match bad.save(db).await {
        Err(Error::Hook(reason)) => println!("refused: {reason}"),
        other => println!("unexpected: {other:?}"),
    }
    // a data migration can skip validation on purpose
    bad.save(db).skip_hooks().await?;
    println!("saved without hooks");
    Ok(())
}
