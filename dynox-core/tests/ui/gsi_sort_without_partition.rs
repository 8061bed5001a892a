use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct HalfIndex {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(gsi_sort = "by_date")]
    date: String,
}

fn main() {}
