// the models every typed-API test uses
include!("shared/models.rs");

async fn run(db: &Dynox) -> Result<()> {
    User::get(db, 1, "sk").await.map(|_| ())
}

fn main() {}
