use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Nested {
    #[dyno(partition_key)]
    pk: String,
    note: Option<Option<String>>,
}

fn main() {}
