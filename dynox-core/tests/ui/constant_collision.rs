use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
#[allow(non_snake_case)]
struct Collide {
    #[dyno(partition_key)]
    pk: String,
    name: String,
    Name: String,
}

fn main() {}
