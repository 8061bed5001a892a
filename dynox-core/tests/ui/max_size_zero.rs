use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t", max_size = 0)]
struct Zero {
    #[dyno(partition_key)]
    pk: String,
}

fn main() {}
