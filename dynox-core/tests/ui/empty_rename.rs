use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct EmptyRename {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(rename = "")]
    name: String,
}

fn main() {}
