//! DynamoDB JSON: every value tagged with its type, `{"S": "text"}`,
//! `{"N": "1.5"}`, `{"B": "<base64>"}`, `{"L": [...]}`, `{"M": {...}}`.

use super::plain::{decode_binary, describe, encode_binary};
use crate::value::ValueError;
use crate::{AttributeValue, Item};
use aws_smithy_types::Blob;
use serde_json::{Map, Value};

/// An item as DynamoDB JSON: `{"pk": {"S": "USER#1"}, "age": {"N": "30"}}`.
pub fn item_to_dynamodb_json(item: &Item) -> Value {
    Value::Object(
        item.iter()
            .map(|(k, v)| (k.clone(), attribute_to_dynamodb_json(v)))
            .collect(),
    )
}

/// One attribute value as DynamoDB JSON.
pub fn attribute_to_dynamodb_json(value: &AttributeValue) -> Value {
    let texts = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
    let (tag, json) = match value {
        AttributeValue::S(s) => ("S", Value::String(s.clone())),
        AttributeValue::N(n) => ("N", Value::String(n.clone())),
        AttributeValue::B(b) => ("B", Value::String(encode_binary(b.as_ref()))),
        AttributeValue::Bool(b) => ("BOOL", Value::Bool(*b)),
        AttributeValue::Null(_) => ("NULL", Value::Bool(true)),
        AttributeValue::Ss(v) => ("SS", texts(v)),
        AttributeValue::Ns(v) => ("NS", texts(v)),
        AttributeValue::Bs(v) => (
            "BS",
            Value::Array(
                v.iter()
                    .map(|b| Value::String(encode_binary(b.as_ref())))
                    .collect(),
            ),
        ),
        AttributeValue::L(l) => (
            "L",
            Value::Array(l.iter().map(attribute_to_dynamodb_json).collect()),
        ),
        AttributeValue::M(m) => ("M", item_to_dynamodb_json(m)),
        // a type newer than this SDK knows: nothing faithful to write
        _ => ("NULL", Value::Bool(true)),
    };
    let mut tagged = Map::with_capacity(1);
    tagged.insert(tag.to_owned(), json);
    Value::Object(tagged)
}

/// Reads an item from DynamoDB JSON. A line of DynamoDB's export to S3 holds
/// the item under `"Item"`: pass `&line["Item"]`.
pub fn item_from_dynamodb_json(json: &Value) -> Result<Item, ValueError> {
    match json {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| match attribute_from_dynamodb_json(v) {
                Ok(v) => Ok((k.clone(), v)),
                Err(e) => Err(e.at_key(k)),
            })
            .collect(),
        other => Err(ValueError::custom(
            "an item in DynamoDB JSON (a JSON object)",
            describe(other),
        )),
    }
}

/// Reads one attribute value from DynamoDB JSON (`{"S": "text"}`).
pub fn attribute_from_dynamodb_json(json: &Value) -> Result<AttributeValue, ValueError> {
    let tagged = match json {
        Value::Object(map) if map.len() == 1 => map.iter().next(),
        _ => None,
    };
    let Some((tag, value)) = tagged else {
        return Err(ValueError::custom(
            "a value in DynamoDB JSON (an object with one type tag: S, N, B, BOOL, NULL, SS, NS, BS, L or M)",
            describe(json),
        ));
    };
    let wrong = |expected: &'static str| ValueError::custom(expected, describe(value));
    Ok(match (tag.as_str(), value) {
        ("S", Value::String(s)) => AttributeValue::S(s.clone()),
        ("N", Value::String(n)) => AttributeValue::N(n.clone()),
        ("B", Value::String(b)) => AttributeValue::B(Blob::new(decode_binary(b)?)),
        ("BOOL", Value::Bool(b)) => AttributeValue::Bool(*b),
        ("NULL", Value::Bool(true)) => AttributeValue::Null(true),
        ("SS", Value::Array(v)) => AttributeValue::Ss(texts(v, "SS as an array of strings")?),
        ("NS", Value::Array(v)) => {
            AttributeValue::Ns(texts(v, "NS as an array of number strings")?)
        }
        ("BS", Value::Array(v)) => AttributeValue::Bs(
            texts(v, "BS as an array of base64 strings")?
                .iter()
                .enumerate()
                .map(|(i, b)| decode_binary(b).map(Blob::new).map_err(|e| e.at_index(i)))
                .collect::<Result<_, _>>()?,
        ),
        ("L", Value::Array(v)) => AttributeValue::L(
            v.iter()
                .enumerate()
                .map(|(i, v)| attribute_from_dynamodb_json(v).map_err(|e| e.at_index(i)))
                .collect::<Result<_, _>>()?,
        ),
        ("M", Value::Object(_)) => AttributeValue::M(item_from_dynamodb_json(value)?),
        ("S", _) => return Err(wrong("S as a string")),
        ("N", _) => return Err(wrong("N as a string of digits")),
        ("B", _) => return Err(wrong("B as a base64 string")),
        ("BOOL", _) => return Err(wrong("BOOL as true or false")),
        ("NULL", _) => return Err(wrong("NULL as true")),
        ("SS" | "NS" | "BS" | "L", _) => return Err(wrong("an array")),
        ("M", _) => return Err(wrong("M as an object")),
        _ => {
            return Err(ValueError::custom(
                "a DynamoDB type tag (S, N, B, BOOL, NULL, SS, NS, BS, L or M)",
                format!("the tag `{}`", tag.escape_debug()),
            ))
        }
    })
}

fn texts(values: &[Value], expected: &'static str) -> Result<Vec<String>, ValueError> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::String(s) => Ok(s.clone()),
            other => Err(ValueError::custom(expected, describe(other)).at_index(i)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_type_tag_round_trips() {
        let item: Item = [
            ("s", AttributeValue::S("a".into())),
            ("n", AttributeValue::N("-1.5e-3".into())),
            ("b", AttributeValue::B(Blob::new(vec![0, 255]))),
            ("bool", AttributeValue::Bool(false)),
            ("null", AttributeValue::Null(true)),
            ("ss", AttributeValue::Ss(vec!["x".into()])),
            ("ns", AttributeValue::Ns(vec!["1".into()])),
            ("bs", AttributeValue::Bs(vec![Blob::new(vec![1])])),
            (
                "l",
                AttributeValue::L(vec![
                    AttributeValue::Null(true),
                    AttributeValue::S("".into()),
                ]),
            ),
            (
                "m",
                AttributeValue::M([("k".to_owned(), AttributeValue::Bool(true))].into()),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let json = item_to_dynamodb_json(&item);
        assert_eq!(json["b"], json!({ "B": "AP8=" }));
        assert_eq!(json["null"], json!({ "NULL": true }));
        assert_eq!(json["l"], json!({ "L": [{ "NULL": true }, { "S": "" }] }));
        assert_eq!(item_from_dynamodb_json(&json), Ok(item));
    }

    #[test]
    fn malformed_values_say_what_was_expected() {
        for (bad, expected) in [
            (json!({ "S": 1 }), "S as a string"),
            (json!({ "N": 1 }), "N as a string of digits"),
            (json!({ "B": "***" }), "binary as base64 text"),
            (json!({ "NULL": false }), "NULL as true"),
            (json!({ "SS": ["a", 1] }), "SS as an array of strings"),
            (json!({ "S": "a", "N": "1" }), "a value in DynamoDB JSON"),
            (json!({ "Q": "a" }), "a DynamoDB type tag"),
            (json!("a"), "a value in DynamoDB JSON"),
        ] {
            let e = attribute_from_dynamodb_json(&bad).expect_err("malformed");
            assert!(e.expected.starts_with(expected), "{bad}: {e}");
        }
    }
}
