use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct LocalIndex {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(lsi = "by_date")]
    date: String,
}

fn main() {}
