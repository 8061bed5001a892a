use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct TwoVersions {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(version)]
    a: u64,
    #[dyno(version)]
    b: u64,
}

fn main() {}
