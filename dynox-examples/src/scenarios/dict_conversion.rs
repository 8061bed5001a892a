//! Converting to and from plain data (models guide, "Converting to dict" and
//! "Creating from dict"): `to_json` / `from_json` under the stored names.

use crate::models::User;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    User::create_table(db).if_not_exists().await?;
    let user = User::new("USER#123", "PROFILE", "John");
    let data = user.to_json();
    // {"age":0,"name":"John","pk":"USER#123","sk":"PROFILE"}
    println!("to_json: {data}");

    let data = serde_json::json!({ "pk": "USER#123", "sk": "PROFILE", "name": "John" });
    let user = User::from_json(&data)?;
    user.save(db).await?;
    let mut stored = User::get(db, "USER#123", "PROFILE").await?.expect("saved");
    println!("from_json, saved and loaded: {:?}", *stored);
    // the same item in DynamoDB's typed JSON, as the AWS CLI prints it
    println!("to_dynamodb_json: {}", stored.to_dynamodb_json());
    stored.delete(db).await?;
    Ok(())
}
