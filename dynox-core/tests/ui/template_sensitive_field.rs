use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "app", pk = "USER#{email}", sk = "PROFILE")]
struct User {
    #[dyno(sensitive)]
    email: String,
}

fn main() {}
