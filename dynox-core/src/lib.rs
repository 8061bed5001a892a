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
pub mod compress;
pub mod condition;
pub mod encrypt;
pub mod error;
mod expr;
pub mod generate;
mod hooks;
pub mod hot;
mod iam;
mod index;
pub mod index_multi;
pub mod json;
// the lock table's record is a derived model
#[cfg(feature = "derive")]
pub mod lock;
pub mod metrics;
mod model;
mod operation;
pub mod ops;
pub mod partiql;
pub mod rate_limit;
mod redact;
mod routing;
#[cfg(feature = "s3")]
pub mod s3;
pub mod size;
pub mod streams;
pub mod template;
pub mod testing;
pub mod timestamp;
mod tracked;
pub mod transport;
pub mod value;
mod version;
mod wire_size;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

/// The static description of a model's table that its derive writes
/// (`Model::SCHEMA`), and the typed key of a model.
pub mod schema {
    pub use crate::index::Index;
    pub use crate::model::{
        FieldInfo, IndexKind, IndexProjection, IndexSchema, KeyAttribute, ModelKey, TableSchema,
    };
    pub use crate::value::KeyType;
}

// What a model file uses. Everything else lives in the modules above.
pub use attr::Attr;
pub use aws_sdk_dynamodb::types::AttributeValue;
pub use blocking::Blocking;
pub use client::Dynox;
pub use condition::Condition;
pub use error::{Error, Result};
pub use hooks::DynoHooks;
pub use model::DynoModel;
pub use ops::ModelExt;
pub use routing::set_default_client;
pub use tracked::Tracked;
pub use value::{DynoValue, Number};

// The names the root held before the modules, kept so that code naming them
// there still compiles; documented in their modules.
#[doc(hidden)]
pub use blocking::BlockingIter;
#[doc(hidden)]
pub use condition::{
    AttrPath, ConditionOf, Containable, DynamoType, Keyed, ListLike, MapLike, Measurable, Nested,
    NestedIn, Ordered, Path, Prefixable, Size, Sized_,
};
#[doc(hidden)]
pub use error::{BackendError, CancellationReason, Unprocessed};
#[doc(hidden)]
pub use index::Index;
#[doc(hidden)]
pub use metrics::{Metrics, OperationKind, OperationRecord, TableMetrics};
#[doc(hidden)]
pub use model::{
    FieldInfo, IndexKind, IndexProjection, IndexSchema, KeyAttribute, ModelKey, S3Attribute,
    TableSchema,
};
#[doc(hidden)]
pub use ops::{
    Addable, BatchGet, BatchWrite, BatchWriteReport, CreateTable, Cursor, Delete, DeleteByKey,
    DeleteTable, DescribeTable, Get, Numeric, OnIndex, OnTable, Page, Projection, Query,
    QueryFilter, RetryPolicy, Save, Scan, SetField, SmartSave, TrackedDelete, TrackedUpdate,
    TransactGet, TransactGetResult, TransactUpdate, TransactWrite, UpdateByKey, MAX_BATCH_GET_KEYS,
    MAX_BATCH_WRITE_ITEMS, MAX_TRANSACTION_ITEMS,
};
#[doc(hidden)]
pub use size::{item_size, read_units, value_size, write_units, MAX_ITEM_SIZE};
#[doc(hidden)]
pub use testing::ModelSet;
#[doc(hidden)]
pub use value::{
    FieldValue, IndexKeyValue, KeyText, KeyType, KeyValue, Removable, TtlValue, ValueError,
    VersionValue,
};

#[cfg(feature = "derive")]
pub use dynox_derive::{DynoCollection, DynoModel, DynoValue};

/// A DynamoDB item: attribute names to values, as the AWS SDK types it.
pub type Item = std::collections::HashMap<String, AttributeValue>;

/// Everything a model file needs: `use dynox_core::prelude::*;`.
pub mod prelude {
    #[cfg(feature = "derive")]
    pub use crate::DynoCollection;
    pub use crate::{
        Blocking, Condition, DynamoType, DynoHooks, DynoModel, DynoValue, Dynox, Error, Item,
        ModelExt, Result, Tracked,
    };
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
