// the models every typed-API test uses
include!("shared/models.rs");

async fn run(db: &Dynox) -> Result<()> {
    // DynamoDB refuses to update a key attribute
    User::update_by_key(db, "pk", "sk").set(User::SK, "other").await
}

fn main() {}
