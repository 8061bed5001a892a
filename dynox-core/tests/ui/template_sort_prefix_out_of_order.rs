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
    // the first placeholder is the day, not the number
    let _ = Order::query(&db, "ann").sort_prefix(7u32);
}
