use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct StringVersion {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(version)]
    version: String,
}

fn main() {}
