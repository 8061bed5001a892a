use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct Session {
    #[dyno(partition_key)]
    id: String,
    #[dyno(ttl, serde)]
    expires: Option<i64>,
}

fn main() {}
