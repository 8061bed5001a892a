use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(
    table = "app",
    pk = "USER#{user}",
    sk = "ORDER#{number}",
    gsi(name = "by_status", pk = "STATUS#{status}", pk_attribute = "gsi1pk"),
    gsi(name = "by_day", pk = "DAY#{day}", pk_attribute = "gsi1pk")
)]
struct Order {
    user: String,
    number: u32,
    status: String,
    day: String,
}

fn main() {}
