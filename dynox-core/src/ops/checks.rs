//! What every request is checked for before it is sent: key values
//! DynamoDB refuses, and items over the model's `max_size` or DynamoDB's
//! 400 KB. Checked here so that both transports give the same error and
//! nothing is sent (the embedded engine answered a query of an empty
//! partition key with no items, DynamoDB with a validation error).

use super::update_expr::UpdateActions;
use crate::model::TableSchema;
use crate::size::{item_size, value_size, MAX_ITEM_SIZE};
use crate::{AttributeValue, DynoModel, Error, Item, Result};

/// Checks the key attributes of `item` (a key or a whole item): the table's
/// keys and, where present, the index keys. An empty string or binary value
/// is refused.
pub(crate) fn keys(schema: &TableSchema, item: &Item) -> Result<()> {
    let table_keys = std::iter::once(&schema.partition_key).chain(&schema.sort_key);
    let index_keys = schema
        .indexes
        .iter()
        .flat_map(|i| std::iter::once(&i.partition_key).chain(&i.sort_key));
    for key in table_keys.chain(index_keys) {
        if let Some(value) = item.get(key.name) {
            key_value(key.name, value)?;
        }
    }
    Ok(())
}

/// Checks one key value, e.g. the partition key of a query.
pub(crate) fn key_value(name: &str, value: &AttributeValue) -> Result<()> {
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

fn limit<M: DynoModel>() -> usize {
    schema_limit(M::SCHEMA)
}

fn schema_limit(schema: &TableSchema) -> usize {
    schema.max_size.unwrap_or(MAX_ITEM_SIZE).min(MAX_ITEM_SIZE)
}

/// Refuses an item over the model's `max_size` or DynamoDB's limit.
pub(crate) fn size<M: DynoModel>(item: &Item) -> Result<()> {
    size_in(M::SCHEMA, item)
}

/// [`size`], by the model's schema.
pub(crate) fn size_in(schema: &TableSchema, item: &Item) -> Result<()> {
    let max = schema_limit(schema);
    // the bytes of an S3 object not yet uploaded go to S3, not the item
    // (the item is checked again with its stored form before it is sent)
    let pending: usize = schema
        .s3_objects
        .iter()
        .filter_map(|o| item.get(o.attribute))
        .map(|v| match v {
            AttributeValue::M(m) => match m.get("pending") {
                Some(AttributeValue::B(b)) => b.as_ref().len(),
                _ => 0,
            },
            _ => 0,
        })
        .sum();
    let size = item_size(item) - pending;
    if size > max {
        return Err(Error::ItemTooLarge { size, max });
    }
    Ok(())
}

/// An update that does not read the item cannot know the size it leaves
/// (the rest of the item is not here), but one value that alone, with its
/// attribute name, exceeds the limit can never fit: refuse that.
pub(crate) fn update_size<M: DynoModel>(actions: &UpdateActions) -> Result<()> {
    let max = limit::<M>();
    for (path, value) in actions.values() {
        let name = path.top_level().map_or(0, str::len);
        let size = name + value_size(value);
        if size > max {
            return Err(Error::ItemTooLarge { size, max });
        }
    }
    Ok(())
}
