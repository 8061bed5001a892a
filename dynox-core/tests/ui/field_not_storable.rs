use dynox_core::prelude::*;

struct Opaque;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct HasOpaque {
    #[dyno(partition_key)]
    pk: String,
    opaque: Opaque,
}

fn main() {}
