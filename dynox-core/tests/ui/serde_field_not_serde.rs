use dynox_core::prelude::*;

#[derive(Clone, PartialEq)]
struct NotSerde;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct HasSerde {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(serde)]
    data: NotSerde,
}

fn main() {}
