use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Counter {
    #[dyno(partition_key)]
    id: String,
    #[dyno(version, ttl)]
    version: u64,
}

fn main() {}
