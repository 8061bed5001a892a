use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Member {
    #[dyno(partition_key)]
    id: String,
    #[dyno(default = "not a path")]
    other: String,
}

fn main() {}
