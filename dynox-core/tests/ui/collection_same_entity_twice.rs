use dynox_core::prelude::*;

#[derive(DynoModel, Debug)]
#[dyno(table = "app", pk = "USER#{user}", sk = "PROFILE")]
struct User {
    user: String,
}

#[derive(DynoCollection)]
enum UserItems {
    Profile(User),
    Again(User),
}

fn main() {}
