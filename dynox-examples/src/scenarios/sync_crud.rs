//! The CRUD scenario with blocking calls, for a program without an async
//! runtime (models guide, "CRUD operations", the `sync_` tab).

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario from a plain `fn`.
pub fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().blocking()?;

    let mut user = User::new("USER#sync", "PROFILE", "John");
    user.age = 30;
    user.save(db).blocking()?;

    match User::get(db, "USER#sync", "PROFILE").blocking()? {
        Some(user) => println!("loaded {} ({} years)", user.name, user.age),
        None => println!("user not found"),
    }

    user.name = "Jane".into();
    user.save(db).blocking()?;
    User::update_by_key(db, "USER#sync", "PROFILE")
        .set(User::AGE, 31)
        .blocking()?;
    let mut user = User::get(db, "USER#sync", "PROFILE")
        .blocking()?
        .expect("just saved");
    println!("after update: {} ({} years)", user.name, user.age);

    user.delete(db).blocking()?;
    assert!(User::get(db, "USER#sync", "PROFILE").blocking()?.is_none());
    println!("deleted; {} still exists in Rust", user.name);
    Ok(())
}
