use dynox_core::prelude::*;

#[derive(DynoModel)]
struct NoTable {
    #[dyno(partition_key)]
    pk: String,
}

fn main() {}
