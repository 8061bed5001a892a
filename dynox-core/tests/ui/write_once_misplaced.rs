use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "docs")]
struct Doc {
    #[dyno(partition_key, write_once)]
    id: String,
    #[dyno(write_once, generate = "epoch_millis", on = "write")]
    updated_at: u64,
}

fn main() {}
