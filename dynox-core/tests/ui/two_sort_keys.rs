use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct TwoSortKeys {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sort_key)]
    a: String,
    #[dyno(sort_key)]
    b: String,
}

fn main() {}
