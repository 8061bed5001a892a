use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "posts")]
struct Post {
    #[dyno(partition_key, generate = "ulid", on = "write")]
    id: String,
    #[dyno(generate = "snowflake")]
    other: String,
    #[dyno(on = "write")]
    stamp: u64,
}

fn main() {}
