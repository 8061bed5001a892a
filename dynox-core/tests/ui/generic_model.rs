use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Generic<T> {
    #[dyno(partition_key)]
    pk: String,
    value: T,
}

fn main() {}
