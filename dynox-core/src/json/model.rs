//! A model from either JSON form: the errors name the field and its table.

use super::plain::{describe, read_entries};
use crate::value::ValueError;
use crate::{DynoModel, Error, Result};
use serde_json::Value;

/// A model from plain JSON: each attribute read as its field's type reads
/// it, then the item read as a stored one is.
pub(crate) fn model_from_json<M: DynoModel>(json: &Value) -> Result<M> {
    let Value::Object(entries) = json else {
        return Err(not_an_object::<M>(json));
    };
    let item = read_entries(entries, M::__attribute_from_json).map_err(field_error::<M>)?;
    M::from_item(item)
}

/// A model from DynamoDB JSON.
pub(crate) fn model_from_dynamodb_json<M: DynoModel>(json: &Value) -> Result<M> {
    if !json.is_object() {
        return Err(not_an_object::<M>(json));
    }
    let item = super::item_from_dynamodb_json(json).map_err(field_error::<M>)?;
    M::from_item(item)
}

fn not_an_object<M: DynoModel>(json: &Value) -> Error {
    Error::Deserialize {
        table: M::SCHEMA.table.to_owned(),
        field: "(the item)".to_owned(),
        expected: "an item as a JSON object".to_owned(),
        found: describe(json).to_owned(),
    }
}

fn field_error<M: DynoModel>(mut e: ValueError) -> Error {
    // the top-level attribute names the field, with no leading dot
    e.path = e.path.trim_start_matches('.').to_owned();
    crate::__private::deserialize_error(M::SCHEMA.table, "", e)
}
