use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "app", sk = "ORDER#{number}")]
struct Order {
    #[dyno(partition_key)]
    user: String,
    number: u32,
}

fn main() {}
