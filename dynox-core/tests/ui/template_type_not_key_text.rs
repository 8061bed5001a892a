use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "app", pk = "USER#{user}", sk = "PRICE#{price}")]
struct Order {
    user: String,
    price: f64,
}

fn main() {}
