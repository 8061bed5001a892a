//! `#[dyno(write_once)]` fields (`created_at`): no write changes a stored
//! value. An update sets them with `if_not_exists`; a whole-item write of
//! such a model is sent as an UpdateItem that sets every attribute of the
//! item (those with `if_not_exists`) and removes the model's attributes the
//! item lacks, in one request, so a replace of an existing item keeps them.
//! Unlike a PutItem, it leaves attributes that no field of the model names.

use super::update_expr::UpdateActions;
use crate::condition::RawPath;
use crate::{DynoModel, Item};

/// Whether the model has write-once fields.
pub(crate) fn any<M: DynoModel>() -> bool {
    !M::SCHEMA.write_once.is_empty()
}

/// A batch's PutRequest replaces an item whole: it cannot keep them.
pub(crate) fn batch_refusal<M: DynoModel>() -> Option<crate::Error> {
    any::<M>().then(|| crate::Error::Refused {
        message: format!(
            "a batch write cannot keep the write-once fields of `{}` ({}): save the items, or put them in a transaction",
            M::SCHEMA.table,
            M::SCHEMA.write_once.join(", ")
        ),
    })
}

/// The key of `item`, and the update that replaces the stored item with it
/// but for the write-once attributes it already has.
pub(crate) fn replace<M: DynoModel>(mut item: Item) -> (Item, UpdateActions) {
    let schema = M::SCHEMA;
    let mut key = Item::with_capacity(2);
    for name in std::iter::once(schema.partition_key.name).chain(schema.sort_key.map(|k| k.name)) {
        if let Some(v) = item.remove(name) {
            key.insert(name.to_owned(), v);
        }
    }
    let mut actions = UpdateActions::default();
    for field in M::FIELDS {
        if !field.key && !item.contains_key(field.attribute) {
            actions.remove(RawPath::attribute(field.attribute));
        }
    }
    // a stable order: the request is the same for the same item
    let mut attributes: Vec<(String, crate::AttributeValue)> = item.into_iter().collect();
    attributes.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, value) in attributes {
        actions.set(RawPath::attribute_owned(name), Some(value));
    }
    actions.keep_once(schema.write_once);
    (key, actions)
}
