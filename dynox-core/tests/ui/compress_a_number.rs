use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "pages")]
struct Page {
    #[dyno(partition_key)]
    url: String,
    #[dyno(compress)]
    views: u64,
}

fn main() {}
