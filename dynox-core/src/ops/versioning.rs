//! Optimistic locking for `#[dyno(version)]` models, and the conditions it adds.

use crate::condition::{Cmp, Condition, Node, RawPath};
use crate::{AttributeValue, DynoModel, Error};

/// The condition that the stored version is `expected`: the item must not
/// exist yet when `expected` is 0. `None` for models without a version.
pub(crate) fn version_check<M: DynoModel>(expected: u64) -> Option<Condition<M>> {
    let attribute = M::SCHEMA.version_attribute?;
    Some(Condition::from_node(if expected == 0 {
        Node::NotExists(RawPath::attribute(M::SCHEMA.partition_key.name))
    } else {
        Node::Compare(
            RawPath::attribute(attribute),
            Cmp::Eq,
            AttributeValue::N(expected.to_string()),
        )
    }))
}

/// Both conditions, either, or none.
pub(crate) fn and<M>(a: Option<Condition<M>>, b: Option<Condition<M>>) -> Option<Condition<M>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a & b),
        (a, b) => a.or(b),
    }
}

/// A failed check of a versioned write is a version conflict when the stored
/// version is not the expected one (or the item is gone or already there);
/// otherwise the user's own condition failed.
pub(crate) fn classify_failure<M: DynoModel>(err: Error, expected: u64) -> Error {
    let Some(attribute) = M::SCHEMA.version_attribute else {
        return err;
    };
    match err {
        Error::ConditionalCheckFailed { item } => {
            let stored = item
                .as_ref()
                .and_then(|i| i.get(attribute))
                .and_then(|v| v.as_n().ok())
                .and_then(|n| n.parse::<u64>().ok());
            let conflict = match (&item, stored) {
                (None, _) => expected != 0,
                (Some(_), _) if expected == 0 => true,
                (Some(_), stored) => stored.unwrap_or(0) != expected,
            };
            if conflict {
                Error::VersionConflict { item }
            } else {
                Error::ConditionalCheckFailed { item }
            }
        }
        other => other,
    }
}
