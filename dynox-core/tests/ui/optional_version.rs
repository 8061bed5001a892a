use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct OptionalVersion {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(version)]
    version: Option<u64>,
}

fn main() {}
