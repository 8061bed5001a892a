use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Taken {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(gsi = "query")]
    a: String,
    #[dyno(gsi = "self")]
    b: String,
}

fn main() {}
