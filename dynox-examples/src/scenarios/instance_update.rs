//! Partial update of a loaded item, which also updates the local value
//! (models guide, "Update", `update()`).

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().await?;
    User::new("USER#upd", "PROFILE", "John").save(db).await?;
    let mut user = User::get(db, "USER#upd", "PROFILE").await?.expect("saved");
    user.update(db)
        .set(User::NAME, "Jane")
        .set(User::AGE, 31)
        .await?;
    // the local value is what DynamoDB stored
    println!("{} is {}", user.name, user.age);
    Ok(())
}
