use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct BoolKey {
    #[dyno(partition_key)]
    pk: bool,
}

fn main() {}
