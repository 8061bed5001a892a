use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Account {
    #[dyno(partition_key, sensitive)]
    email: String,
}

fn main() {}
