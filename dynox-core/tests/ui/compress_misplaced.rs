use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "pages")]
struct Page {
    #[dyno(partition_key, compress)]
    url: String,
    #[dyno(compress = "brotli")]
    html: String,
}

fn main() {}
