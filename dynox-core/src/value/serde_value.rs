//! `#[dyno(serde)]` fields: any `Serialize + DeserializeOwned` type, stored as
//! the DynamoDB form of its serde data model (maps as M, sequences as L,
//! numbers as N, strings as S, booleans as BOOL).

use super::ValueError;
use crate::AttributeValue;
use serde_json::Value;

fn to_av(v: Value) -> AttributeValue {
    match v {
        Value::Null => AttributeValue::Null(true),
        Value::Bool(b) => AttributeValue::Bool(b),
        Value::Number(n) => AttributeValue::N(n.to_string()),
        Value::String(s) => AttributeValue::S(s),
        Value::Array(a) => AttributeValue::L(a.into_iter().map(to_av).collect()),
        Value::Object(o) => AttributeValue::M(o.into_iter().map(|(k, v)| (k, to_av(v))).collect()),
    }
}

fn number(n: &str) -> Value {
    if let Ok(u) = n.parse::<u64>() {
        return Value::from(u);
    }
    if let Ok(i) = n.parse::<i64>() {
        return Value::from(i);
    }
    match n.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
        Some(f) => Value::Number(f),
        None => Value::String(n.to_owned()),
    }
}

fn from_av(v: AttributeValue) -> Value {
    match v {
        AttributeValue::S(s) => Value::String(s),
        AttributeValue::N(n) => number(&n),
        AttributeValue::Bool(b) => Value::Bool(b),
        AttributeValue::Null(_) => Value::Null,
        AttributeValue::B(b) => Value::Array(b.into_inner().into_iter().map(Value::from).collect()),
        AttributeValue::Ss(v) => Value::Array(v.into_iter().map(Value::String).collect()),
        AttributeValue::Ns(v) => Value::Array(v.iter().map(|n| number(n)).collect()),
        AttributeValue::Bs(v) => Value::Array(
            v.into_iter()
                .map(|b| Value::Array(b.into_inner().into_iter().map(Value::from).collect()))
                .collect(),
        ),
        AttributeValue::L(l) => Value::Array(l.into_iter().map(from_av).collect()),
        AttributeValue::M(m) => {
            Value::Object(m.into_iter().map(|(k, v)| (k, from_av(v))).collect())
        }
        _ => Value::Null,
    }
}

/// The stored form of a serde value; `None` when it serializes to null.
pub(crate) fn to_attribute_value<T: serde::Serialize>(value: &T) -> Option<AttributeValue> {
    match serde_json::to_value(value) {
        Ok(Value::Null) => None,
        Ok(v) => Some(to_av(v)),
        Err(e) => {
            // only maps with non-string keys fail here; say so loudly
            tracing::error!(error = %e, "a #[dyno(serde)] field could not be serialized and is not stored");
            None
        }
    }
}

/// Reads a serde value back; a missing attribute reads as null.
pub(crate) fn from_attribute_value<T: serde::de::DeserializeOwned>(
    value: Option<AttributeValue>,
) -> Result<T, ValueError> {
    let json = value.map(from_av).unwrap_or(Value::Null);
    serde_json::from_value(json).map_err(|e| {
        ValueError::custom(
            std::any::type_name::<T>().to_owned(),
            format!("a value it cannot read ({e})"),
        )
    })
}
