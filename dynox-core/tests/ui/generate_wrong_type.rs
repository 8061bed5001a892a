use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "posts")]
struct Post {
    #[dyno(partition_key)]
    id: String,
    #[dyno(generate = "uuid_v4")]
    sequence: u64,
}

fn main() {}
