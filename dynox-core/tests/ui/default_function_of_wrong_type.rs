use dynox_core::prelude::*;

fn zero() -> u32 {
    0
}

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Member {
    #[dyno(partition_key)]
    id: String,
    #[dyno(default = "zero")]
    status: String,
}

fn main() {}
