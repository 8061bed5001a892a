use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct TwoTtls {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(ttl)]
    a: Option<u64>,
    #[dyno(ttl)]
    b: Option<u64>,
}

fn main() {}
