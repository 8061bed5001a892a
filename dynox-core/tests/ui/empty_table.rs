use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "")]
struct EmptyTable {
    #[dyno(partition_key)]
    pk: String,
}

fn main() {}
