// the models every typed-API test uses
include!("shared/models.rs");

async fn run(db: &Dynox, user: &User) -> Result<()> {
    user.save(db).condition(Order::TOTAL.gt(5)).await
}

fn main() {}
