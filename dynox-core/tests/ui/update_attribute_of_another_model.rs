// the models every typed-API test uses
include!("shared/models.rs");

async fn run(db: &Dynox) -> Result<()> {
    User::update_by_key(db, "pk", "sk").set(Order::TOTAL, 5u64).await
}

fn main() {}
