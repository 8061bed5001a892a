use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t", index(name = "by_email", keys_only, include = "name"))]
struct BothProjections {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(gsi = "by_email")]
    email: String,
    name: String,
}

fn main() {}
