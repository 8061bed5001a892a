//! One module per documented scenario.

pub mod consistent_read;
pub mod crud;
pub mod error_handling;
pub mod key_operations;
pub mod with_defaults;

use dynox_core::{Dynox, Result};
use futures::future::BoxFuture;

/// A scenario's name and entry point.
pub type Scenario = (
    &'static str,
    for<'a> fn(&'a Dynox) -> BoxFuture<'a, Result<()>>,
);

/// Every scenario, in the order of the seed documents.
pub const ALL: &[Scenario] = &[
    ("crud", |db| Box::pin(crud::run(db))),
    ("with_defaults", |db| Box::pin(with_defaults::run(db))),
    ("consistent_read", |db| Box::pin(consistent_read::run(db))),
    ("key_operations", |db| Box::pin(key_operations::run(db))),
    ("error_handling", |db| Box::pin(error_handling::run(db))),
];
