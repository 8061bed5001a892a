use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct SameHandle {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(gsi = "g.1")]
    a: String,
    #[dyno(gsi = "g-1")]
    b: String,
}

fn main() {}
