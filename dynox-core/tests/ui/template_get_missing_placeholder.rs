use dynox_core::prelude::*;

#[derive(DynoModel, Debug)]
#[dyno(table = "app", pk = "USER#{user}", sk = "ORDER#{day}#{number}")]
struct Order {
    user: String,
    day: String,
    number: u32,
}

fn main() {
    let db = Dynox::memory();
    // the number is missing
    let _ = Order::get(&db, "ann", "2026-11-26");
}
