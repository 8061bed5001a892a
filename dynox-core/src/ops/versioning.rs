//! Optimistic locking for `#[dyno(version)]` models, and the existence checks
//! of writes to loaded items: every write path asks here what to check, what
//! version to write and what a failed check means.

use super::update_expr::UpdateActions;
use crate::condition::{Condition, Node, RawPath};
use crate::{AttributeValue, DynoModel, Error, Item, Tracked};

/// What a write expects to find stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    /// A new item: nothing may be stored under its key (for a versioned
    /// model; an unversioned put creates or replaces).
    New,
    /// The item as it was loaded (or last written) with this version; 0 is
    /// an item stored without a version attribute (a table that adopts
    /// versioning), checked with `attribute_not_exists(<version>)`.
    Stored(u64),
}

impl Expected {
    /// A plain value knows no more than its version field: 0 is new.
    pub(crate) fn of_value<M: DynoModel>(value: &M) -> Self {
        match value.version() {
            0 => Expected::New,
            v => Expected::Stored(v),
        }
    }

    /// The version a [`Tracked`] value was loaded (or last written) with;
    /// `None` for a value never stored.
    pub(crate) fn loaded<M: DynoModel>(tracked: &Tracked<M>) -> Option<Self> {
        tracked.stored.as_ref().map(|s| Expected::Stored(s.version))
    }

    /// The version a write stores: a new item starts at 1.
    pub(crate) fn next(self) -> u64 {
        match self {
            Expected::New => 1,
            Expected::Stored(v) => v + 1,
        }
    }
}

/// The condition of a write: the version check of a versioned model and,
/// when `must_exist` (an update of a loaded item), that the item is still
/// there, so a write never brings back a deleted item as a fragment.
pub(crate) fn check<M: DynoModel>(expected: Expected, must_exist: bool) -> Option<Condition<M>> {
    let key = || RawPath::attribute(M::SCHEMA.partition_key.name);
    let mut nodes = Vec::new();
    if let Some(attribute) = M::SCHEMA.version_attribute {
        nodes.push(match expected {
            Expected::New => Node::NotExists(key()),
            Expected::Stored(0) => Node::NotExists(RawPath::attribute(attribute)),
            Expected::Stored(v) => Node::Compare(
                RawPath::attribute(attribute),
                crate::condition::Cmp::Eq,
                AttributeValue::N(v.to_string()),
            ),
        });
    }
    // `version = n` already implies that the item exists
    let implied = matches!(expected, Expected::Stored(v) if v > 0) && !nodes.is_empty();
    if must_exist && !implied {
        nodes.insert(0, Node::Exists(key()));
    }
    match nodes.len() {
        0 => None,
        1 => Some(Condition::from_node(nodes.remove(0))),
        _ => Some(Condition::from_node(Node::All(nodes))),
    }
}

/// Sets the version attribute of a whole item to `version` (no-op without one).
pub(crate) fn stamp<M: DynoModel>(item: &mut Item, version: u64) {
    if let Some(attribute) = M::SCHEMA.version_attribute {
        item.insert(attribute.to_owned(), AttributeValue::N(version.to_string()));
    }
}

/// `SET <version> = version` in an update (no-op without one).
pub(crate) fn set_in<M: DynoModel>(actions: &mut UpdateActions, version: u64) {
    if let Some(attribute) = M::SCHEMA.version_attribute {
        actions.set(
            RawPath::attribute(attribute),
            Some(AttributeValue::N(version.to_string())),
        );
    }
}

/// `ADD <version> 1` in an update that does not read the item first
/// (`update_by_key`, a transaction's update): every write of a versioned
/// model moves the version on, so a stale copy's save fails instead of
/// overwriting it. A missing version counts from 0. Left alone when the
/// update itself writes the version.
pub(crate) fn bump_in<M: DynoModel>(actions: &mut UpdateActions) {
    if let Some(attribute) = M::SCHEMA.version_attribute {
        if !actions.touches(attribute) {
            actions.add(
                RawPath::attribute(attribute),
                Some(AttributeValue::N("1".to_owned())),
            );
        }
    }
}

/// Both conditions, either, or none.
pub(crate) fn and<M>(a: Option<Condition<M>>, b: Option<Condition<M>>) -> Option<Condition<M>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a & b),
        (a, b) => a.or(b),
    }
}

/// What a failed condition of a write checked with [`check`] means: the
/// item is gone, a new item's key is taken, another writer moved the
/// version on, or else the caller's own condition did not hold.
pub(crate) fn classify_failure<M: DynoModel>(
    err: Error,
    expected: Expected,
    must_exist: bool,
) -> Error {
    let Error::ConditionalCheckFailed { item } = err else {
        return err;
    };
    let Some(attribute) = M::SCHEMA.version_attribute else {
        return match item {
            None if must_exist => Error::ItemDeleted,
            item => Error::ConditionalCheckFailed { item },
        };
    };
    let Some(stored) = item else {
        return match expected {
            // a new item's check holds when nothing is stored
            Expected::New => Error::ConditionalCheckFailed { item: None },
            Expected::Stored(0) if !must_exist => Error::ConditionalCheckFailed { item: None },
            Expected::Stored(_) => Error::ItemDeleted,
        };
    };
    let version = stored
        .get(attribute)
        .and_then(|v| v.as_n().ok())
        .and_then(|n| n.parse::<u64>().ok());
    match (expected, version) {
        (Expected::New, _) => Error::AlreadyExists { item: Some(stored) },
        (Expected::Stored(0), None) => Error::ConditionalCheckFailed { item: Some(stored) },
        (Expected::Stored(v), Some(now)) if now == v => {
            Error::ConditionalCheckFailed { item: Some(stored) }
        }
        _ => Error::VersionConflict { item: Some(stored) },
    }
}

#[cfg(test)]
mod tests {
    use super::Expected;

    #[test]
    fn a_new_item_starts_at_one_and_a_stored_one_moves_on() {
        assert_eq!(Expected::New.next(), 1);
        assert_eq!(Expected::Stored(0).next(), 1);
        assert_eq!(Expected::Stored(7).next(), 8);
    }
}
