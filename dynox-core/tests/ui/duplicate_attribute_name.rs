use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct SameName {
    #[dyno(partition_key)]
    pk: String,
    name: String,
    #[dyno(rename = "name")]
    title: String,
}

fn main() {}
