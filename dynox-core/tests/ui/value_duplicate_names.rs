use dynox_core::prelude::*;

#[derive(DynoValue)]
struct Address {
    #[dyno(rename = "city")]
    town: String,
    city: String,
}

#[derive(DynoValue)]
#[dyno(rename_all = "lowercase")]
enum Status {
    Active,
    #[dyno(rename = "active")]
    Enabled,
}

fn main() {}
