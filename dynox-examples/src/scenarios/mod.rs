//! One module per documented scenario.

pub mod consistent_read;
pub mod crud;
pub mod dict_conversion;
pub mod dirty_tracking;
pub mod error_handling;
pub mod fields;
pub mod full_replace;
pub mod hooks;
pub mod instance_update;
pub mod key_operations;
pub mod measure_wcu;
pub mod new_items;
pub mod optimistic_locking;
pub mod single_table;
pub mod smart_save;
pub mod sync_consistent_read;
pub mod sync_crud;
pub mod sync_key_operations;
pub mod testing;
pub mod with_conditions;
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
    // the smart-save guide
    ("smart_save", |db| Box::pin(smart_save::run(db))),
    ("measure_wcu", |db| Box::pin(measure_wcu::run(db))),
    ("dirty_tracking", |db| Box::pin(dirty_tracking::run(db))),
    ("full_replace", |db| Box::pin(full_replace::run(db))),
    ("new_items", |db| Box::pin(new_items::run(db))),
    ("with_conditions", |db| Box::pin(with_conditions::run(db))),
    ("optimistic_locking", |db| {
        Box::pin(optimistic_locking::run(db))
    }),
    // the models guide
    ("crud", |db| Box::pin(crud::run(db))),
    ("with_defaults", |db| Box::pin(with_defaults::run(db))),
    ("consistent_read", |db| Box::pin(consistent_read::run(db))),
    ("instance_update", |db| Box::pin(instance_update::run(db))),
    ("key_operations", |db| Box::pin(key_operations::run(db))),
    ("dict_conversion", |db| Box::pin(dict_conversion::run(db))),
    ("hooks", |db| Box::pin(hooks::run(db))),
    ("error_handling", |db| Box::pin(error_handling::run(db))),
    ("testing", |db| Box::pin(testing::run(db))),
    // the single-table guide
    ("template_basic", |db| {
        Box::pin(single_table::template_basic::run(db))
    }),
    ("template_multiple", |db| {
        Box::pin(single_table::template_multiple::run(db))
    }),
    ("inverted_index", |db| {
        Box::pin(single_table::inverted_index::run(db))
    }),
    ("follower_following", |db| {
        Box::pin(single_table::follower_following::run(db))
    }),
    ("mixed_entities", |db| {
        Box::pin(single_table::mixed_entities::run(db))
    }),
    // field extensions
    ("generated_values", |db| {
        Box::pin(fields::generated_values::run(db))
    }),
    ("compression", |db| Box::pin(fields::compression::run(db))),
    ("encryption", |db| Box::pin(fields::encryption::run(db))),
    ("s3_files", |db| Box::pin(fields::s3_files::run(db))),
];

/// A scenario of blocking calls: a plain `fn`, run outside any async runtime.
pub type SyncScenario = (&'static str, fn(&Dynox) -> Result<()>);

/// The seed examples that have a `sync_` twin, as blocking programs.
pub const SYNC: &[SyncScenario] = &[
    ("sync_crud", sync_crud::run),
    ("sync_consistent_read", sync_consistent_read::run),
    ("sync_key_operations", sync_key_operations::run),
];
