use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "app", pk = "USER#{user}", sk = "ORDER#{number}")]
struct Order {
    user: String,
    number: u32,
    /// the template's sort key attribute is `sk` too
    sk: String,
}

fn main() {}
