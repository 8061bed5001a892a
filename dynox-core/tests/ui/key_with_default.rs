use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct DefaultKey {
    #[dyno(partition_key, default)]
    pk: String,
}

fn main() {}
