//! Typed change streams: `User::changes(&db)` reads the table's DynamoDB
//! stream as [`Change`]s of `User`, shard after shard with each parent
//! before its children (so the changes of one item come in the order they
//! were made), from a [`Checkpoint`] the caller keeps.
//!
//! The table needs a stream: `create_table().stream(view)` or
//! `update_table().stream(view)`; what a change holds depends on the view
//! (`NewAndOldImages` gives both sides of every change). On AWS the
//! client needs a DynamoDB Streams client too (`Dynox::from_env` makes one;
//! `Dynox::from_clients` takes one).
//!
//! ```
//! # use dynox_core::prelude::*;
//! use aws_sdk_dynamodb::types::StreamViewType;
//! use dynox_core::streams::{Change, Checkpoint};
//! # #[derive(DynoModel, Debug, Clone, PartialEq)]
//! # #[dyno(table = "users")]
//! # pub struct User { #[dyno(partition_key)] pub id: String, pub name: String }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! # let db = Dynox::memory();
//! User::create_table(&db).stream(StreamViewType::NewAndOldImages).await?;
//! let mut ann = Tracked::new(User { id: "1".into(), name: "Ann".into() });
//! ann.save(&db).await?;
//! ann.name = "Anne".into();
//! ann.save(&db).await?;
//!
//! let mut checkpoint = Checkpoint::default();
//! let changes = User::changes(&db).resume(&checkpoint).all().await?;
//! assert!(matches!(&changes[0].change, Change::Insert { new: Some(u) } if u.name == "Ann"));
//! assert_eq!(changes[1].changed_fields(), vec!["name"]);
//! for c in &changes {
//!     checkpoint.advance(c); // keep it where the changes are processed
//! }
//! assert!(User::changes(&db).resume(&checkpoint).all().await?.is_empty());
//! # Ok(())
//! # }
//! ```

pub(crate) mod convert;
#[cfg(feature = "lambda")]
mod lambda;
mod reader;

#[cfg(feature = "lambda")]
pub use lambda::{from_lambda_event, from_lambda_record};
pub use reader::Changes;

use crate::{DynoModel, Item};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What happened to one item. The images are there as the stream's view
/// type keeps them (`KeysOnly` keeps none, `NewImage` the new side,
/// `OldImage` the old side, `NewAndOldImages` both).
#[derive(Debug, Clone, PartialEq)]
pub enum Change<T> {
    /// The item was created.
    Insert {
        /// The item as written.
        new: Option<T>,
    },
    /// The item was changed.
    Modify {
        /// Before the change.
        old: Option<T>,
        /// After the change.
        new: Option<T>,
    },
    /// The item was deleted (or expired by its TTL).
    Remove {
        /// The item as it was.
        old: Option<T>,
    },
}

/// One change read from a stream, and where it sits in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<T> {
    /// What changed.
    pub change: Change<T>,
    /// The item's key attributes.
    pub keys: Item,
    /// The shard the change was read from.
    pub shard_id: String,
    /// Its position in the shard (grows within a shard).
    pub sequence_number: String,
    /// When DynamoDB recorded it, to the second.
    pub created: Option<std::time::SystemTime>,
}

impl<T: DynoModel> Record<T> {
    /// The Rust names of the fields that differ between the old and the
    /// new image, in declaration order, as [`crate::Tracked::changed_fields`]
    /// gives them: every stored field of an inserted item, none of a
    /// removed one, and none when the view lacks an image.
    pub fn changed_fields(&self) -> Vec<&'static str> {
        match &self.change {
            Change::Insert { new: Some(_) } => crate::tracked::non_key_fields::<T>(),
            Change::Modify {
                old: Some(old),
                new: Some(new),
            } => {
                let mut changed = Vec::new();
                new.changed(&old.snapshot(), &mut changed);
                changed.into_iter().map(|i| T::FIELDS[i].name).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// Where a reader of a stream got to: the last change handed on, per
/// shard. Advance it as changes are processed, store it (it serializes
/// with serde, or as text with `to_string` and `parse`), and resume from it:
/// nothing after it is lost and nothing up to it comes again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Last sequence number processed, by shard id.
    shards: BTreeMap<String, String>,
}

impl Checkpoint {
    /// Marks `record` (and everything before it in its shard) processed.
    pub fn advance<T>(&mut self, record: &Record<T>) {
        self.shards
            .insert(record.shard_id.clone(), record.sequence_number.clone());
    }

    /// The last sequence number processed in `shard_id`.
    pub fn position(&self, shard_id: &str) -> Option<&str> {
        self.shards.get(shard_id).map(String::as_str)
    }
}

impl std::fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| std::fmt::Error)?;
        f.write_str(&text)
    }
}

impl std::str::FromStr for Checkpoint {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        serde_json::from_str(s).map_err(|e| crate::Error::Refused {
            message: format!(
                "not a stream checkpoint ({e}); use the text `Checkpoint::to_string` gave"
            ),
        })
    }
}
