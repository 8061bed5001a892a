use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
enum NotAStruct {
    A,
}

fn main() {}
