use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "app", pk = "USER#{user}")]
struct User {
    #[dyno(partition_key)]
    user: String,
}

fn main() {}
