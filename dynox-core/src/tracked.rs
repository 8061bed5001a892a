//! `Tracked<T>`: a model value plus what is stored, to save only what changed.

use crate::{DynoModel, Item};
use std::ops::{Deref, DerefMut};

/// What the last load or successful write left in DynamoDB.
pub(crate) struct Stored<M: DynoModel> {
    /// The stored field values, copied when the value is first borrowed
    /// mutably; `None` while the value cannot have changed, so reading items
    /// (a query of thousands) copies nothing.
    snapshot: Option<M::Snapshot>,
    pub(crate) key: M::Key,
    pub(crate) version: u64,
}

impl<M: DynoModel> Stored<M> {
    fn of(value: &M) -> Self {
        Stored {
            snapshot: None,
            key: value.key(),
            version: value.version(),
        }
    }

    /// Indexes (into `M::FIELDS`) of the fields of `value` that differ.
    fn changed(&self, value: &M) -> Vec<usize> {
        let mut changed = Vec::new();
        if let Some(snapshot) = &self.snapshot {
            value.changed(snapshot, &mut changed);
        }
        changed
    }
}

/// A model value that remembers what is stored, so [`Tracked::save`] sends
/// only the fields that changed (and nothing when none did).
///
/// `User::get` returns one; [`Tracked::new`] wraps a value that was never
/// saved, whose first save is a full PutItem. It dereferences to the model, so
/// fields are read and assigned as usual.
///
/// ```
/// # use dynox_core::prelude::*;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
/// # fn order(id: &str, total: u32) -> Order { Order { customer: "c1".into(), id: id.into(), total } }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// # let db = Dynox::memory_with::<(Order,)>();
/// order("o1", 5).save(&db).await?;
/// let mut loaded: Tracked<Order> = Order::get(&db, "c1", "o1").await?.expect("saved");
/// loaded.total = 7; // DerefMut to the model
/// assert_eq!(loaded.changed_fields(), vec!["total"]);
/// loaded.save(&db).await?; // UpdateItem SET total = 7, nothing else
/// assert!(!loaded.is_dirty());
/// loaded.save(&db).await?; // clean: no request at all
///
/// let mut fresh = Tracked::new(order("o2", 1)); // never saved: the first save is a PutItem
/// fresh.save(&db).await?;
/// # Ok(())
/// # }
/// ```
pub struct Tracked<M: DynoModel> {
    pub(crate) value: M,
    pub(crate) stored: Option<Stored<M>>,
}

impl<M: DynoModel> Tracked<M> {
    /// A value that was never saved: its first save is a PutItem, then
    /// tracking starts.
    pub fn new(value: M) -> Self {
        Tracked {
            value,
            stored: None,
        }
    }

    /// A value as loaded from DynamoDB: clean.
    pub(crate) fn loaded(value: M) -> Self {
        Tracked {
            stored: Some(Stored::of(&value)),
            value,
        }
    }

    /// Marks the current value as what is stored (after a successful write).
    pub(crate) fn mark_stored(&mut self) {
        self.stored = Some(Stored::of(&self.value));
    }

    /// Whether the value was loaded or saved (as opposed to never saved).
    pub fn is_stored(&self) -> bool {
        self.stored.is_some()
    }

    /// Whether a save would send anything: a field changed, or the value was
    /// never saved.
    pub fn is_dirty(&self) -> bool {
        match &self.stored {
            None => true,
            Some(stored) => {
                !stored.changed(&self.value).is_empty() || self.value.key() != stored.key
            }
        }
    }

    /// The Rust names of the fields that differ from what is stored, in
    /// declaration order. Every stored field of a value never saved.
    /// Compares field by field; serializes nothing.
    pub fn changed_fields(&self) -> Vec<&'static str> {
        match &self.stored {
            None => non_key_fields::<M>(),
            Some(stored) => stored
                .changed(&self.value)
                .into_iter()
                .map(|i| M::FIELDS[i].name)
                .collect(),
        }
    }

    /// Indexes (into `M::FIELDS`) of the changed fields.
    pub(crate) fn changed_indexes(&self, stored: &Stored<M>) -> Vec<usize> {
        stored.changed(&self.value)
    }

    /// The value, without tracking.
    pub fn into_inner(self) -> M {
        self.value
    }

    /// The item the value would be stored as.
    pub fn to_item(&self) -> Item {
        self.value.to_item()
    }
}

impl<M: DynoModel> Deref for Tracked<M> {
    type Target = M;
    fn deref(&self) -> &M {
        &self.value
    }
}

impl<M: DynoModel> DerefMut for Tracked<M> {
    fn deref_mut(&mut self) -> &mut M {
        // the value may change from here on: keep what is stored first
        if let Some(stored) = &mut self.stored {
            if stored.snapshot.is_none() {
                stored.snapshot = Some(self.value.snapshot());
            }
        }
        &mut self.value
    }
}

impl<M: DynoModel> AsRef<M> for Tracked<M> {
    fn as_ref(&self) -> &M {
        &self.value
    }
}

impl<M: DynoModel + std::fmt::Debug> std::fmt::Debug for Tracked<M> {
    /// The value, or, for a model with `#[dyno(sensitive)]` fields, its
    /// stored attributes with those values replaced by `<redacted>`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("Tracked");
        if M::SCHEMA.sensitive.is_empty() {
            s.field("value", &self.value);
        } else {
            let item = self.value.to_item();
            s.field("table", &M::SCHEMA.table).field(
                "item",
                &crate::redact::Redacted {
                    item: &item,
                    sensitive: M::SCHEMA.sensitive,
                },
            );
        }
        s.field("dirty_fields", &self.changed_fields()).finish()
    }
}

impl<M: DynoModel + Clone> Clone for Tracked<M> {
    fn clone(&self) -> Self {
        Tracked {
            value: self.value.clone(),
            stored: self.stored.as_ref().map(|s| Stored {
                snapshot: s.snapshot.clone(),
                key: s.key.clone(),
                version: s.version,
            }),
        }
    }
}

impl<M: DynoModel + PartialEq> PartialEq<M> for Tracked<M> {
    fn eq(&self, other: &M) -> bool {
        self.value == *other
    }
}

impl<M: DynoModel + PartialEq> PartialEq for Tracked<M> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

/// The Rust names of a model's stored fields other than its keys: what a
/// value never stored (or an inserted item) has changed.
pub(crate) fn non_key_fields<M: DynoModel>() -> Vec<&'static str> {
    M::FIELDS
        .iter()
        .filter(|f| !f.key)
        .map(|f| f.name)
        .collect()
}
