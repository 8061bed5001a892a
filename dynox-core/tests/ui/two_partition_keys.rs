use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct TwoKeys {
    #[dyno(partition_key)]
    a: String,
    #[dyno(partition_key)]
    b: String,
}

fn main() {}
