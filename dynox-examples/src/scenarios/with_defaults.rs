//! Required, optional and defaulted fields (models guide, "Defaults and required fields").

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().await?;
    // `email: None` is not stored at all; `age` is stored as 0 and would read
    // back as 0 even if the attribute were missing (`#[dyno(default)]`).
    let user = User::new("USER#defaults", "PROFILE", "Dana");
    user.save(db).await?;
    let item = user.to_item();
    println!("stored attributes: {:?}", {
        let mut names: Vec<_> = item.keys().collect();
        names.sort();
        names
    });
    let mut loaded = User::get(db, "USER#defaults", "PROFILE")
        .await?
        .expect("saved");
    println!("email = {:?}, age = {}", loaded.email, loaded.age);
    loaded.delete(db).await?;
    Ok(())
}
