use dynox_core::prelude::*;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "accounts")]
pub struct Account {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(encrypt(key = "alias/app"))]
    pub ssn: String,
}

async fn misuse(db: &Dynox) -> Result<()> {
    // a ciphertext cannot be compared, nor set by an update
    let _ = Account::SSN.eq("123-45-6789");
    Account::update_by_key(db, "a").set(Account::SSN, "123-45-6789").await?;
    // existence may be tested
    let _ = Account::SSN.exists();
    Ok(())
}

fn main() {
    let _ = misuse;
}
