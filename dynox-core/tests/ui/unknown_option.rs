use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Typo {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sortkey)]
    sk: String,
}

fn main() {}
