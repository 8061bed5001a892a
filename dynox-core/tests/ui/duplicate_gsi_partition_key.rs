use dynox_core::prelude::*;

#[derive(DynoModel)]
#[dyno(table = "t")]
struct TwoGsiPartitionKeys {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(gsi = "by_owner")]
    owner: String,
    #[dyno(gsi = "by_owner")]
    team: String,
}

fn main() {}
