// the models every typed-API test uses
include!("shared/models.rs");

async fn run(db: &Dynox) -> Result<()> {
    User::update_by_key(db, "pk", "sk").remove(User::NAME).await
}

fn main() {}
