use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Member {
    #[dyno(partition_key)]
    id: String,
    #[dyno(default = "no_such_function")]
    status: String,
}

fn main() {}
