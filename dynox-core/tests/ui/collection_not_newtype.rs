use dynox_core::prelude::*;

#[derive(DynoCollection)]
enum UserItems {
    Profile { name: String },
}

fn main() {}
