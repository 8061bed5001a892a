use dynox_core::prelude::*;

fn later() -> u64 {
    0
}

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Session {
    #[dyno(partition_key)]
    id: String,
    #[dyno(ttl, default = "later")]
    expires: u64,
}

fn main() {}
