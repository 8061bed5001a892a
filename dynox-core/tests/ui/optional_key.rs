use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct OptionalSortKey {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sort_key)]
    sk: Option<String>,
}

fn main() {}
