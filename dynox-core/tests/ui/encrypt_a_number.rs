use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "accounts")]
struct Account {
    #[dyno(partition_key)]
    id: String,
    #[dyno(encrypt(key = "alias/app"))]
    balance: u64,
}

fn main() {}
