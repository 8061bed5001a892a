//! Create, read, update and delete (models guide, "CRUD operations").

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().await?;

    // Create: a save is a PutItem, which replaces any item with the same key.
    let mut user = User::new("USER#123", "PROFILE", "John");
    user.age = 30;
    user.save(db).await?;

    // Read: `None` when no item has the key.
    match User::get(db, "USER#123", "PROFILE").await? {
        Some(user) => println!("loaded {} ({} years)", user.name, user.age),
        None => println!("user not found"),
    }

    // Update: change fields and save again, or update chosen attributes in place.
    user.name = "Jane".into();
    user.save(db).await?;
    User::update_by_key(db, "USER#123", "PROFILE")
        .set(User::AGE, 31)
        .set(User::EMAIL, "jane@example.com")
        .await?;
    let mut user = User::get(db, "USER#123", "PROFILE")
        .await?
        .expect("just saved");
    println!(
        "after update: {} <{}>",
        user.name,
        user.email.as_deref().unwrap_or("-")
    );

    // Delete: the Rust value lives on, the item is gone.
    user.delete(db).await?;
    assert!(User::get(db, "USER#123", "PROFILE").await?.is_none());
    println!("deleted; {} still exists in Rust", user.name);
    Ok(())
}
