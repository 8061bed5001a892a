//! dynox: typed, compile-time checked models for Amazon DynamoDB.
//!
//! ```
//! use dynox_core::prelude::*;
//!
//! #[derive(DynoModel, Debug, Clone, PartialEq)]
//! #[dyno(table = "users")]
//! pub struct User {
//!     #[dyno(partition_key)]
//!     pub pk: String,
//!     #[dyno(sort_key)]
//!     pub sk: String,
//!     pub name: String,
//!     pub email: Option<String>,
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! let db = Dynox::memory();
//! User::create_table(&db).await?;
//!
//! let user = User { pk: "USER#1".into(), sk: "PROFILE".into(), name: "John".into(), email: None };
//! user.save(&db).await?;
//!
//! let loaded = User::get(&db, "USER#1", "PROFILE").await?.expect("saved above");
//! assert_eq!(loaded.name, "John");
//!
//! User::update_by_key(&db, "USER#1", "PROFILE")
//!     .set(User::EMAIL, "john@example.com")
//!     .await?;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod attr;
mod blocking;
mod client;
mod condition;
mod error;
mod expr;
mod hooks;
mod index;
pub mod json;
mod metrics;
mod model;
mod operation;
mod ops;
mod redact;
mod routing;
mod size;
mod testing;
pub mod timestamp;
mod tracked;
pub mod transport;
mod value;
mod version;
mod wire_size;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

pub use attr::Attr;
pub use aws_sdk_dynamodb::types::AttributeValue;
pub use blocking::{Blocking, BlockingIter};
pub use client::Dynox;
pub use condition::{
    AttrPath, Condition, ConditionOf, Containable, DynamoType, Keyed, ListLike, MapLike, Nested,
    NestedIn, Ordered, Path, Prefixable, Size, Sized_,
};
pub use error::{BackendError, CancellationReason, Error, Result, Unprocessed};
pub use hooks::DynoHooks;
pub use index::Index;
pub use metrics::{Metrics, OperationKind, OperationRecord, TableMetrics};
pub use model::{
    DynoModel, FieldInfo, IndexKind, IndexProjection, IndexSchema, KeyAttribute, ModelKey,
    TableSchema,
};
pub use ops::{
    Addable, BatchGet, BatchWrite, BatchWriteReport, CreateTable, Cursor, Delete, DeleteByKey,
    DeleteTable, DescribeTable, Get, ModelExt, Numeric, OnIndex, OnTable, Page, Projection, Query,
    QueryFilter, RetryPolicy, Save, Scan, SetField, SmartSave, TrackedDelete, TrackedUpdate,
    TransactGet, TransactGetResult, TransactUpdate, TransactWrite, UpdateByKey, MAX_BATCH_GET_KEYS,
    MAX_BATCH_WRITE_ITEMS, MAX_TRANSACTION_ITEMS,
};
pub use routing::set_default_client;
pub use size::{item_size, read_units, value_size, write_units, MAX_ITEM_SIZE};
pub use testing::ModelSet;
pub use tracked::Tracked;
pub use value::{
    DynoValue, FieldValue, IndexKeyValue, KeyText, KeyType, KeyValue, Number, Removable, ValueError,
};
pub use version::{TtlValue, VersionValue};

#[cfg(feature = "derive")]
pub use dynox_derive::{DynoModel, DynoValue};

/// A DynamoDB item: attribute names to values, as the AWS SDK types it.
pub type Item = std::collections::HashMap<String, AttributeValue>;

/// Everything a model file needs: `use dynox_core::prelude::*;`.
pub mod prelude {
    pub use crate::{
        Blocking, Condition, DynamoType, DynoHooks, DynoModel, DynoValue, Dynox, Error, Item,
        ModelExt, Result, Tracked,
    };
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
