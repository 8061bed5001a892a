use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "accounts")]
struct Account {
    #[dyno(partition_key, encrypt(key = "alias/app"))]
    id: String,
    #[dyno(encrypt(key = "alias/app", mode = "sometimes"))]
    ssn: String,
    #[dyno(encrypt(key = ""), compress)]
    notes: String,
    #[dyno(encrypt(key = "alias/app"), gsi = "by_email")]
    email: String,
}

#[derive(DynoModel)]
#[dyno(table = "users", pk = "USER#{ssn}")]
struct User {
    #[dyno(encrypt(key = "alias/app"))]
    ssn: String,
}

fn main() {}
