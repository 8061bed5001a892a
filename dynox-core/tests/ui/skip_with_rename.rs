use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct SkipRename {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(skip, rename = "x")]
    cache: String,
}

fn main() {}
