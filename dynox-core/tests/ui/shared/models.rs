// Shared by the UI tests of the typed API (included, not a test itself).
use dynox_core::prelude::*;
use std::collections::BTreeSet;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "users")]
struct User {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sort_key)]
    sk: String,
    name: String,
    email: Option<String>,
    age: u32,
    active: bool,
    tags: BTreeSet<String>,
    history: Vec<String>,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "orders")]
struct Order {
    #[dyno(partition_key)]
    id: String,
    total: u64,
}
