//! The models of the examples, as in the seed documents.

use dynox_core::prelude::*;

/// The `User` of the models guide.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "examples_users")]
pub struct User {
    /// Partition key, e.g. `USER#123`.
    #[dyno(partition_key)]
    pub pk: String,
    /// Sort key, e.g. `PROFILE`.
    #[dyno(sort_key)]
    pub sk: String,
    /// Required: an item without it fails to load.
    pub name: String,
    /// Optional: `None` is not stored.
    pub email: Option<String>,
    /// Missing in the item -> 0.
    #[dyno(default)]
    pub age: u32,
}

impl User {
    /// A user with the given key and name.
    pub fn new(pk: &str, sk: &str, name: &str) -> Self {
        User {
            pk: pk.into(),
            sk: sk.into(),
            name: name.into(),
            email: None,
            age: 0,
        }
    }
}
