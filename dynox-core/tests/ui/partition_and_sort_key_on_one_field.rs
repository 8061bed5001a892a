use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct BothKeys {
    #[dyno(partition_key, sort_key)]
    pk: String,
}

fn main() {}
