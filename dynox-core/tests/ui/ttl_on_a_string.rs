use dynox_core::prelude::*;

#[derive(DynoModel, Clone, PartialEq)]
#[dyno(table = "t")]
struct TtlOnString {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(ttl)]
    expires: String,
}

fn main() {}
