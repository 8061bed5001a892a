use dynox_core::prelude::*;

#[derive(DynoValue)]
enum Shape {
    Circle,
    Square(u32),
}

fn main() {}
