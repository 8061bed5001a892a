//! Plain JSON: the item as a boto3 resource user sees it. Writing needs only
//! the stored types; reading is directed by the model's field types, which
//! say whether a string is base64 binary and an array a set.

use crate::value::{DynoValue, SetKind, ValueError};
use crate::{AttributeValue, Item};
use aws_smithy_types::Blob;
use serde_json::{Map, Number, Value};

/// An item as plain JSON (see the [module docs](super)).
pub fn item_to_json(item: &Item) -> Value {
    Value::Object(
        item.iter()
            .map(|(k, v)| (k.clone(), attribute_to_json(v)))
            .collect(),
    )
}

/// One attribute value as plain JSON: S a string, N a number with its exact
/// text, B base64 text, BOOL a boolean, NULL null, a set or L an array, M an
/// object.
pub fn attribute_to_json(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::S(s) => Value::String(s.clone()),
        AttributeValue::N(n) => number(n),
        AttributeValue::B(b) => Value::String(encode_binary(b.as_ref())),
        AttributeValue::Bool(b) => Value::Bool(*b),
        AttributeValue::Ss(v) => Value::Array(v.iter().cloned().map(Value::String).collect()),
        AttributeValue::Ns(v) => Value::Array(v.iter().map(|n| number(n)).collect()),
        AttributeValue::Bs(v) => Value::Array(
            v.iter()
                .map(|b| Value::String(encode_binary(b.as_ref())))
                .collect(),
        ),
        AttributeValue::L(l) => Value::Array(l.iter().map(attribute_to_json).collect()),
        AttributeValue::M(m) => item_to_json(m),
        _ => Value::Null,
    }
}

/// DynamoDB number text as a JSON number that keeps the text; text that is
/// not a JSON number (DynamoDB never stores one) stays a string.
fn number(text: &str) -> Value {
    match text.parse::<Number>() {
        Ok(n) => Value::Number(n),
        Err(_) => Value::String(text.to_owned()),
    }
}

pub(super) fn encode_binary(bytes: &[u8]) -> String {
    aws_smithy_types::base64::encode(bytes)
}

pub(super) fn decode_binary(text: &str) -> std::result::Result<Vec<u8>, ValueError> {
    // the value itself stays out of the message: it may be a secret
    aws_smithy_types::base64::decode(text)
        .map_err(|_| ValueError::custom("binary as base64 text", "text that is not base64"))
}

/// What a JSON value is, for messages; never the value itself.
pub(super) fn describe(json: &Value) -> &'static str {
    match json {
        Value::Null => "null",
        Value::Bool(_) => "a JSON boolean",
        Value::Number(_) => "a JSON number",
        Value::String(_) => "a JSON string",
        Value::Array(_) => "a JSON array",
        Value::Object(_) => "a JSON object",
    }
}

/// The stored form JSON has when nothing says otherwise: a string is S, a
/// number N, an array L, an object M; null is no attribute.
pub(crate) fn natural(json: &Value) -> Option<AttributeValue> {
    match json {
        Value::Null => None,
        other => Some(natural_member(other)),
    }
}

/// Like [`natural`], inside a list or map, where null is a NULL value.
fn natural_member(json: &Value) -> AttributeValue {
    match json {
        Value::Null => AttributeValue::Null(true),
        Value::Bool(b) => AttributeValue::Bool(*b),
        Value::Number(n) => AttributeValue::N(n.to_string()),
        Value::String(s) => AttributeValue::S(s.clone()),
        Value::Array(a) => AttributeValue::L(a.iter().map(natural_member).collect()),
        Value::Object(o) => AttributeValue::M(
            o.iter()
                .map(|(k, v)| (k.clone(), natural_member(v)))
                .collect(),
        ),
    }
}

/// Binary data: base64 text is B. Anything else keeps its natural form, and
/// the field's reader says what it expected.
pub(crate) fn binary_from_json(
    json: &Value,
) -> std::result::Result<Option<AttributeValue>, ValueError> {
    match json {
        Value::String(text) => Ok(Some(AttributeValue::B(Blob::new(decode_binary(text)?)))),
        other => Ok(natural(other)),
    }
}

/// A list: each element read as `T` reads it.
pub(crate) fn list_from_json<T: DynoValue>(
    json: &Value,
) -> std::result::Result<Option<AttributeValue>, ValueError> {
    match json {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match T::attribute_value_from_json(v) {
                Ok(v) => Ok(v.unwrap_or(AttributeValue::Null(true))),
                Err(e) => Err(e.at_index(i)),
            })
            .collect::<std::result::Result<_, _>>()
            .map(|l| Some(AttributeValue::L(l))),
        other => Ok(natural(other)),
    }
}

/// A set, as an array of its members: read as a list (which the set reader
/// accepts, checking each member's type and that none repeats), with base64
/// members of a binary set decoded.
pub(crate) fn set_from_json(
    kind: SetKind,
    json: &Value,
) -> std::result::Result<Option<AttributeValue>, ValueError> {
    match (kind, json) {
        (SetKind::Bs, Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match binary_from_json(v) {
                Ok(v) => Ok(v.unwrap_or(AttributeValue::Null(true))),
                Err(e) => Err(e.at_index(i)),
            })
            .collect::<std::result::Result<_, _>>()
            .map(|l| Some(AttributeValue::L(l))),
        (_, other) => Ok(natural(other)),
    }
}

/// A map: each entry read by `read(key, value)`; an entry that reads as
/// absent (null) is left out, as `to_item` leaves out `None`.
pub(crate) fn map_from_json(
    json: &Value,
    read: impl Fn(&str, &Value) -> std::result::Result<Option<AttributeValue>, ValueError>,
) -> std::result::Result<Option<AttributeValue>, ValueError> {
    match json {
        Value::Object(entries) => read_entries(entries, read).map(|m| Some(AttributeValue::M(m))),
        other => Ok(natural(other)),
    }
}

pub(super) fn read_entries(
    entries: &Map<String, Value>,
    read: impl Fn(&str, &Value) -> std::result::Result<Option<AttributeValue>, ValueError>,
) -> std::result::Result<Item, ValueError> {
    let mut item = Item::with_capacity(entries.len());
    for (k, v) in entries {
        if let Some(v) = read(k, v).map_err(|e| e.at_key(k))? {
            item.insert(k.clone(), v);
        }
    }
    Ok(item)
}
