use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct NoKey {
    id: String,
}

fn main() {}
