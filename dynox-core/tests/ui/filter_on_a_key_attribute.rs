// the models every typed-API test uses
include!("shared/models.rs");

async fn run(db: &Dynox) -> Result<()> {
    // DynamoDB refuses a query filter on a key attribute at run time; here
    // it does not compile, alone or combined with another condition
    User::query(db, "pk").filter(User::SK.eq("x")).all().await?;
    User::query(db, "pk").filter(User::NAME.eq("a") & User::SK.begins_with("x")).all().await?;
    // a scan may filter on keys
    User::scan(db).filter(User::PK.eq("x")).all().await?;
    Ok(())
}

fn main() {}
