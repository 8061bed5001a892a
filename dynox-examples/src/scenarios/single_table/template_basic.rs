//! Keys built from a template: `USER#{email}` and a fixed `PROFILE`.

use dynox_core::prelude::*;

/// A user profile, its keys composed from the email.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_basic", pk = "USER#{email}", sk = "PROFILE")]
pub struct User {
    pub email: String,
    pub name: String,
}

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().await?;
    let user = User {
        email: "john@example.com".into(),
        name: "John".into(),
    };
    // the key the template composes, stored as `pk` and `sk`
    let key = dynox_core::ModelKey::to_key_item(&user.key());
    println!("pk = {:?}, sk = {:?}", key["pk"], key["sk"]);
    user.save(db).await?;

    // get by the placeholder, not by the composed text
    let found = User::get(db, "john@example.com").await?.expect("saved");
    println!("{}", found.name);
    assert_eq!(found.name, "John");

    User::delete_by_key(db, "john@example.com").await?;
    Ok(())
}
