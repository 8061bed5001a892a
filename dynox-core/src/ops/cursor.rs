//! An opaque, resumable position in a query or scan: DynamoDB's
//! LastEvaluatedKey as URL-safe text, for handing to an HTTP client and back.

use crate::{AttributeValue, Error, Item, Result};
use serde_json::{Map, Value};

/// Where a query or scan stopped. Its text form (`to_string`, `parse`) is
/// stable and URL-safe; treat it as opaque.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor(pub(crate) Item);

fn to_json(v: &AttributeValue) -> Value {
    let (tag, body) = match v {
        AttributeValue::S(s) => ("S", Value::String(s.clone())),
        AttributeValue::N(n) => ("N", Value::String(n.clone())),
        AttributeValue::B(b) => (
            "B",
            Value::String(aws_smithy_types::base64::encode(b.as_ref())),
        ),
        // keys are only ever S, N or B
        other => ("S", Value::String(format!("{other:?}"))),
    };
    let mut m = Map::new();
    m.insert(tag.to_owned(), body);
    Value::Object(m)
}

fn from_json(v: &Value) -> Option<AttributeValue> {
    let (tag, body) = v.as_object()?.iter().next()?;
    let text = body.as_str()?;
    Some(match tag.as_str() {
        "S" => AttributeValue::S(text.to_owned()),
        "N" => AttributeValue::N(text.to_owned()),
        "B" => AttributeValue::B(aws_smithy_types::Blob::new(
            aws_smithy_types::base64::decode(text).ok()?,
        )),
        _ => return None,
    })
}

/// URL-safe alphabet, no padding: the cursor can sit in a query string as is.
fn url_safe(standard: String) -> String {
    standard
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect()
}

fn standard(url_safe: &str) -> String {
    let mut s: String = url_safe
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !s.len().is_multiple_of(4) {
        s.push('=');
    }
    s
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // sorted, so the same key always gives the same text
        let sorted: std::collections::BTreeMap<&String, Value> =
            self.0.iter().map(|(k, v)| (k, to_json(v))).collect();
        let json = serde_json::to_string(&sorted).map_err(|_| std::fmt::Error)?;
        f.write_str(&url_safe(aws_smithy_types::base64::encode(json.as_bytes())))
    }
}

impl std::str::FromStr for Cursor {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let invalid = || Error::Refused {
            message: "not a dynox cursor: pass back the text of a cursor a page returned"
                .to_owned(),
        };
        let bytes = aws_smithy_types::base64::decode(standard(text)).map_err(|_| invalid())?;
        let json: Map<String, Value> = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        let item = json
            .iter()
            .map(|(k, v)| from_json(v).map(|v| (k.clone(), v)).ok_or_else(invalid))
            .collect::<Result<Item>>()?;
        Ok(Cursor(item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_as_url_safe_text() {
        let item: Item = [
            ("pk".to_owned(), AttributeValue::S("USER#1/ü?".into())),
            ("n".to_owned(), AttributeValue::N("42".into())),
            (
                "b".to_owned(),
                AttributeValue::B(aws_smithy_types::Blob::new(vec![0xfb, 0xff])),
            ),
        ]
        .into();
        let text = Cursor(item.clone()).to_string();
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{text}"
        );
        assert_eq!(text.parse::<Cursor>().expect("parses").0, item);
        assert!("not a cursor!".parse::<Cursor>().is_err());
    }
}
