use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t", index(name = "by_typo", keys_only))]
struct UnknownIndex {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(gsi = "by_owner")]
    owner: String,
}

fn main() {}
