use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t", max_size = 99999999999999999999999)]
struct TooBig {
    #[dyno(partition_key)]
    pk: String,
}

fn main() {}
