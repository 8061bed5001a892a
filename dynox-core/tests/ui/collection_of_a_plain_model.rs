use dynox_core::prelude::*;

#[derive(DynoModel, Debug)]
#[dyno(table = "app")]
struct User {
    #[dyno(partition_key)]
    user: String,
}

#[derive(DynoCollection)]
enum UserItems {
    Profile(User),
}

fn main() {}
