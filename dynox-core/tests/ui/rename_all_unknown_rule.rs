use dynox_core::prelude::*;

#[derive(DynoValue)]
#[dyno(rename_all = "Title Case")]
enum Status {
    Active,
    OnHold,
}

fn main() {}
