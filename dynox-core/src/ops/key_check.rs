//! Key values DynamoDB refuses, refused before sending: an empty string or
//! binary value in a table or index key. Checked here so that both
//! transports give the same error (the embedded engine answered a query of
//! an empty partition key with no items, DynamoDB with a validation error).

use crate::model::TableSchema;
use crate::{AttributeValue, Error, Item, Result};

/// Checks the key attributes of `item` (a key or a whole item): the table's
/// keys and, where present, the index keys.
pub(crate) fn check(schema: &TableSchema, item: &Item) -> Result<()> {
    let table_keys = std::iter::once(&schema.partition_key).chain(&schema.sort_key);
    let index_keys = schema
        .indexes
        .iter()
        .flat_map(|i| std::iter::once(&i.partition_key).chain(&i.sort_key));
    for key in table_keys.chain(index_keys) {
        if let Some(value) = item.get(key.name) {
            check_value(key.name, value)?;
        }
    }
    Ok(())
}

/// Checks one key value, e.g. the partition key of a query.
pub(crate) fn check_value(name: &str, value: &AttributeValue) -> Result<()> {
    let empty = match value {
        AttributeValue::S(s) => s.is_empty(),
        AttributeValue::B(b) => b.as_ref().is_empty(),
        _ => false,
    };
    if empty {
        return Err(Error::Validation {
            message: format!(
                "the key attribute `{}` is empty; DynamoDB keys (of the table and of its indexes) cannot be an empty string or binary value",
                name
            ),
        });
    }
    Ok(())
}
