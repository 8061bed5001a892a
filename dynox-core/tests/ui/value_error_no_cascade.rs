use dynox_core::prelude::*;

#[derive(DynoValue, Clone, PartialEq)]
enum Shape {
    Circle(u32),
}

// the model that uses the broken value type shows no second error
#[derive(DynoModel)]
#[dyno(table = "t")]
struct Drawing {
    #[dyno(partition_key)]
    pk: String,
    shape: Shape,
}

fn main() {}
