use dynox_core::prelude::*;

#[derive(DynoModel, Debug)]
#[dyno(table = "app", pk = "USER#{user}", sk = "PROFILE")]
struct User {
    user: String,
}

#[derive(DynoModel, Debug)]
#[dyno(table = "app", pk = "USER#{user}", sk = "ORDER#{number}")]
struct Order {
    user: u64,
    number: u32,
}

#[derive(DynoCollection)]
enum UserItems {
    Profile(User),
    Orders(Order),
}

fn main() {}
