//! The traits `#[derive(DynoModel)]` implements, and the static schema it describes.

use crate::value::KeyType;
use crate::{Item, Result};

/// A Rust type stored as one item of one DynamoDB table.
///
/// Implemented by `#[derive(DynoModel)]`; the methods are what the derive
/// generates, and the operations (`save`, `get`, ...) are built on them.
pub trait DynoModel: crate::DynoHooks + Sized + Send + Sync + 'static {
    /// The typed primary key (`UserKey` for `User`).
    type Key: ModelKey;
    /// The loaded values of every non-key field, kept by [`crate::Tracked`] to
    /// tell what changed.
    type Snapshot: Clone + Send + Sync + 'static;

    /// Table name, keys, indexes and options.
    const SCHEMA: &'static TableSchema;
    /// Every stored field in declaration order (skipped fields excluded).
    const FIELDS: &'static [FieldInfo];

    /// The item to store: every field that has a value.
    fn to_item(&self) -> Item;
    /// Reads a stored item; a missing required field or a wrong type is
    /// [`crate::Error::Deserialize`].
    fn from_item(item: Item) -> Result<Self>;
    /// This value's primary key.
    fn key(&self) -> Self::Key;

    /// Copies the non-key fields, for change tracking.
    fn snapshot(&self) -> Self::Snapshot;
    /// Pushes the index (into [`DynoModel::FIELDS`]) of every non-key field
    /// that differs from `snapshot`, in declaration order. Compares values;
    /// serializes nothing.
    fn changed(&self, snapshot: &Self::Snapshot, out: &mut Vec<usize>);
    /// The stored value of field `index` of [`DynoModel::FIELDS`] (`None`
    /// when it is absent: a `None` option or an empty set).
    fn field_value(&self, index: usize) -> Option<crate::AttributeValue>;

    /// The version number of a `#[dyno(version)]` field (0 when the model has none).
    fn version(&self) -> u64 {
        0
    }
    /// Sets the `#[dyno(version)]` field (no-op without one).
    fn set_version(&mut self, _version: u64) {}
}

/// The typed primary key of a model.
pub trait ModelKey: Clone + Send + Sync + std::fmt::Debug + PartialEq + 'static {
    /// The model this is the key of, so a key alone names its table
    /// (`batch.delete(user.key())`).
    type Model: DynoModel<Key = Self>;
    /// The key attributes as an item (partition key, and sort key if any).
    fn to_key_item(&self) -> Item;
}

/// Static description of a model's table.
#[derive(Debug)]
pub struct TableSchema {
    /// The table name, before any client prefix.
    pub table: &'static str,
    /// The partition (hash) key.
    pub partition_key: KeyAttribute,
    /// The sort (range) key, if the table has one.
    pub sort_key: Option<KeyAttribute>,
    /// Global and local secondary indexes.
    pub indexes: &'static [IndexSchema],
    /// The stored name of the `#[dyno(ttl)]` attribute.
    pub ttl_attribute: Option<&'static str>,
    /// The stored name of the `#[dyno(version)]` attribute.
    pub version_attribute: Option<&'static str>,
    /// Reads are strongly consistent unless a call says otherwise.
    pub consistent_read: bool,
    /// Items larger than this many bytes are refused before any request.
    pub max_size: Option<usize>,
    /// Hooks are off for every operation of this model.
    pub skip_hooks: bool,
    /// Stored names of the `#[dyno(sensitive)]` attributes: their values are
    /// never shown by dynox's `Debug` output or errors.
    pub sensitive: &'static [&'static str],
}

/// A key attribute: its stored name and scalar type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyAttribute {
    /// The stored attribute name.
    pub name: &'static str,
    /// S, N or B.
    pub key_type: KeyType,
}

/// Whether an index is global or local.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    /// A global secondary index: its own partition key.
    Global,
    /// A local secondary index: the table's partition key, another sort key.
    Local,
}

/// A secondary index declared on the model's fields.
#[derive(Debug)]
pub struct IndexSchema {
    /// The index name.
    pub name: &'static str,
    /// Global or local.
    pub kind: IndexKind,
    /// The index partition key (for a local index, the table's).
    pub partition_key: KeyAttribute,
    /// The index sort key, if any.
    pub sort_key: Option<KeyAttribute>,
    /// Which attributes the index copies.
    pub projection: IndexProjection,
}

/// Which attributes a secondary index copies from the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexProjection {
    /// Every attribute (the default).
    All,
    /// Only the table and index keys.
    KeysOnly,
    /// The keys and these attributes.
    Include(&'static [&'static str]),
}

/// One stored field of a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldInfo {
    /// The Rust field name.
    pub name: &'static str,
    /// The stored attribute name (after `rename`).
    pub attribute: &'static str,
    /// Part of the primary key.
    pub key: bool,
}
