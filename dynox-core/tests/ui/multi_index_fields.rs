use dynox_core::prelude::*;

#[derive(DynoModel, Debug)]
#[dyno(
    table = "shops",
    gsi(name = "by_place", partition = "country, town", sort = "a, b, c, d, e")
)]
struct Shop {
    #[dyno(partition_key)]
    id: String,
    country: String,
    a: u8,
    b: u8,
    c: u8,
    d: u8,
    e: u8,
}

fn main() {}
