//! Key identity for batches: DynamoDB refuses two requests for one key in one
//! batch, so batches find duplicates by the key attributes' values.

use crate::model::TableSchema;
use crate::{AttributeValue, Item};

/// One key attribute's value, hashable (keys are S, N or B).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Part {
    S(String),
    N(String),
    B(Vec<u8>),
    Missing,
    // not a valid key type: DynamoDB will reject it; keep it distinct
    Other(String),
}

/// The table and key values of one item or key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct KeyId {
    table: std::sync::Arc<str>,
    parts: [Part; 2],
}

fn part(item: &Item, name: Option<&str>) -> Part {
    match name.and_then(|n| item.get(n)) {
        None => Part::Missing,
        Some(AttributeValue::S(s)) => Part::S(s.clone()),
        Some(AttributeValue::N(n)) => Part::N(n.clone()),
        Some(AttributeValue::B(b)) => Part::B(b.as_ref().to_vec()),
        Some(other) => Part::Other(format!("{other:?}")),
    }
}

impl KeyId {
    /// The key of `item` (a whole item or just its key attributes) in `table`.
    pub(crate) fn of(table: &std::sync::Arc<str>, schema: &TableSchema, item: &Item) -> Self {
        KeyId {
            table: table.clone(),
            parts: [
                part(item, Some(schema.partition_key.name)),
                part(item, schema.sort_key.as_ref().map(|k| k.name)),
            ],
        }
    }
}
