use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "docs")]
struct Doc {
    #[dyno(partition_key)]
    id: String,
    #[dyno(s3(bucket = "docs"))]
    text: String,
}

fn main() {}
