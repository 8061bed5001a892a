use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t", stream = "new_and_old")]
struct Watched {
    #[dyno(partition_key)]
    pk: String,
}

fn main() {}
