use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Tuple(String);

fn main() {}
