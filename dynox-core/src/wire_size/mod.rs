//! The size of requests and responses in DynamoDB's JSON wire format,
//! computed from the rendered values without serializing them. Both
//! transports report these figures, so metrics compare across them. These
//! are the primitives; each operation module sizes its own request and
//! response with them.

use crate::AttributeValue;
use aws_sdk_dynamodb::types::ConsumedCapacity;
use std::collections::HashMap;

/// Length of a JSON string literal, quotes and escapes included.
///
/// Every request's and response's size is computed, so this runs over every
/// byte sent and received. Most strings need no escape: a check the compiler
/// vectorizes (16 bytes at a time, no branches) finds that out, and only a
/// string that has a byte to escape is counted byte by byte.
pub(crate) fn string_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let extra = if needs_escape(bytes) {
        bytes.iter().map(|&b| escape_extra(b)).sum()
    } else {
        0
    };
    2 + bytes.len() + extra
}

/// Whether any byte is a control byte, `"` or `\\`.
fn needs_escape(bytes: &[u8]) -> bool {
    let special = |b: u8| u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\');
    let mut chunks = bytes.chunks_exact(16);
    let mut any = 0u8;
    for chunk in &mut chunks {
        for &b in chunk {
            any |= special(b);
        }
    }
    for &b in chunks.remainder() {
        any |= special(b);
    }
    any != 0
}

/// Bytes JSON writes beyond the byte itself.
fn escape_extra(b: u8) -> usize {
    match b {
        b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
        0..=0x1f => 5,
        _ => 0,
    }
}

fn base64(n: usize) -> usize {
    2 + n.div_ceil(3) * 4
}

/// `[a,b,c]` given the elements' lengths.
pub(crate) fn array(lengths: impl Iterator<Item = usize>) -> usize {
    let (count, sum) = lengths.fold((0usize, 0usize), |(c, s), l| (c + 1, s + l));
    2 + sum + count.saturating_sub(1)
}

pub(crate) fn value(v: &AttributeValue) -> usize {
    value_with(v, string_len)
}

/// An upper bound of a string's length in JSON that reads none of its
/// bytes: every byte as a six-byte escape.
fn string_bound(s: &str) -> usize {
    2 + 6 * s.len()
}

/// An upper bound of [`item`], at the cost of a walk over the attributes
/// only, where [`item`] reads every byte of every string.
pub(crate) fn item_bound(m: &HashMap<String, AttributeValue>) -> usize {
    item_with(m, string_bound)
}

fn value_with(v: &AttributeValue, string_len: fn(&str) -> usize) -> usize {
    // {"T":<body>}
    let body = match v {
        AttributeValue::S(s) | AttributeValue::N(s) => string_len(s),
        AttributeValue::B(b) => base64(b.as_ref().len()),
        AttributeValue::Bool(b) => {
            if *b {
                4
            } else {
                5
            }
        }
        AttributeValue::Null(_) => 4,
        AttributeValue::Ss(v) | AttributeValue::Ns(v) => array(v.iter().map(|s| string_len(s))),
        AttributeValue::Bs(v) => array(v.iter().map(|b| base64(b.as_ref().len()))),
        AttributeValue::L(v) => array(v.iter().map(|v| value_with(v, string_len))),
        AttributeValue::M(m) => item_with(m, string_len),
        _ => 4,
    };
    let tag = match v {
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 4,
        AttributeValue::Ss(_) | AttributeValue::Ns(_) | AttributeValue::Bs(_) => 2,
        _ => 1,
    };
    2 + (2 + tag) + 1 + body
}

/// `{"name":{...},...}`
pub(crate) fn item(m: &HashMap<String, AttributeValue>) -> usize {
    item_with(m, string_len)
}

fn item_with(m: &HashMap<String, AttributeValue>, string_len: fn(&str) -> usize) -> usize {
    2 + m
        .iter()
        .map(|(k, v)| string_len(k) + 1 + value_with(v, string_len))
        .sum::<usize>()
        + m.len().saturating_sub(1)
}

pub(crate) fn names(m: &HashMap<String, String>) -> usize {
    2 + m
        .iter()
        .map(|(k, v)| string_len(k) + 1 + string_len(v))
        .sum::<usize>()
        + m.len().saturating_sub(1)
}

/// A JSON object built field by field.
pub(crate) struct Object {
    len: usize,
    fields: usize,
}

impl Object {
    pub(crate) fn new() -> Self {
        Object { len: 2, fields: 0 }
    }
    /// The object's length so far.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
    pub(crate) fn field(&mut self, name: &str, value_len: usize) -> &mut Self {
        self.len += usize::from(self.fields > 0) + string_len(name) + 1 + value_len;
        self.fields += 1;
        self
    }
    pub(crate) fn opt<T: ?Sized>(
        &mut self,
        name: &str,
        v: Option<&T>,
        f: impl FnOnce(&T) -> usize,
    ) -> &mut Self {
        if let Some(v) = v {
            self.field(name, f(v));
        }
        self
    }
    pub(crate) fn str(&mut self, name: &str, v: Option<&str>) -> &mut Self {
        self.opt(name, v, string_len)
    }
}

fn number(x: f64) -> usize {
    format!("{x:?}").len()
}

/// Length of an integer as JSON writes it.
pub(crate) fn number_len(n: i32) -> usize {
    let digits = n
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |d| d as usize + 1);
    digits + usize::from(n < 0)
}

/// Length of a boolean as JSON writes it.
pub(crate) fn flag(b: &bool) -> usize {
    if *b {
        4
    } else {
        5
    }
}

/// `{"table":<f(value)>,...}`
pub(crate) fn per_table<T>(m: &HashMap<String, T>, f: impl Fn(&T) -> usize) -> usize {
    2 + m
        .iter()
        .map(|(k, v)| string_len(k) + 1 + f(v))
        .sum::<usize>()
        + m.len().saturating_sub(1)
}

pub(crate) fn capacities(v: &[ConsumedCapacity]) -> usize {
    array(v.iter().map(capacity))
}

pub(crate) fn capacity(c: &ConsumedCapacity) -> usize {
    let mut o = Object::new();
    o.str("TableName", c.table_name())
        .opt("CapacityUnits", c.capacity_units.as_ref(), |x| number(*x))
        .opt("ReadCapacityUnits", c.read_capacity_units.as_ref(), |x| {
            number(*x)
        })
        .opt("WriteCapacityUnits", c.write_capacity_units.as_ref(), |x| {
            number(*x)
        });
    o.len
}

/// Capacity units a response reports, summed over its tables.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct Units {
    pub(crate) total: f64,
    pub(crate) read: Option<f64>,
    pub(crate) write: Option<f64>,
}

impl Units {
    /// The units of a single-table response.
    pub(crate) fn one(c: Option<&ConsumedCapacity>) -> Option<Units> {
        c.map(|c| Units::default().add(c))
    }

    /// The units of a response over several tables, summed.
    pub(crate) fn many(c: Option<&[ConsumedCapacity]>) -> Option<Units> {
        c.map(|v| v.iter().fold(Units::default(), Units::add))
    }

    fn add(mut self, c: &ConsumedCapacity) -> Self {
        let sum = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
        };
        self.total += c.capacity_units.unwrap_or(0.0);
        self.read = sum(self.read, c.read_capacity_units);
        self.write = sum(self.write, c.write_capacity_units);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_sized_as_serde_json_writes_them() {
        let mut cases: Vec<String> = vec![
            String::new(),
            "plain ascii text that is longer than eight bytes".into(),
            "quote \" and backslash \\ and newline \n tab \t".into(),
            "ünï côdé ✓ and a \u{1} control".into(),
            "\u{7f}\u{80}\u{1f}\u{20}!\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}~".into(),
        ];
        // every byte value at every offset within a word
        for c in (0u8..0x80).map(char::from) {
            for pad in 0..9 {
                cases.push(format!("{}{c}{}", "a".repeat(pad), "b".repeat(8 - pad)));
            }
        }
        for s in cases {
            let json = serde_json::to_string(&s).expect("a JSON string");
            assert_eq!(string_len(&s), json.len(), "{s:?}");
        }
    }

    #[test]
    fn the_bound_is_never_below_the_size() {
        let strings = ["", "plain", "\u{1}\u{2}\u{3}", "quote \" \\", "ünï"];
        for s in strings {
            let m = HashMap::from([
                (s.to_owned(), AttributeValue::S(s.to_owned())),
                ("n".to_owned(), AttributeValue::N("12".to_owned())),
                (
                    "l".to_owned(),
                    AttributeValue::L(vec![AttributeValue::Ss(vec![s.to_owned()])]),
                ),
            ]);
            assert!(item_bound(&m) >= item(&m), "{s:?}");
        }
    }

    #[test]
    fn values_are_sized_as_json() {
        // {"S":"ab"} is 10 bytes
        assert_eq!(
            value(&AttributeValue::S("ab".into())),
            r#"{"S":"ab"}"#.len()
        );
        assert_eq!(
            value(&AttributeValue::N("12".into())),
            r#"{"N":"12"}"#.len()
        );
        assert_eq!(value(&AttributeValue::Bool(true)), r#"{"BOOL":true}"#.len());
        assert_eq!(value(&AttributeValue::Null(true)), r#"{"NULL":true}"#.len());
        assert_eq!(
            value(&AttributeValue::Ss(vec!["a".into(), "b".into()])),
            r#"{"SS":["a","b"]}"#.len()
        );
        assert_eq!(
            value(&AttributeValue::B(aws_smithy_types::Blob::new(vec![
                1, 2, 3, 4
            ]))),
            r#"{"B":"AQIDBA=="}"#.len()
        );
        assert_eq!(
            value(&AttributeValue::S("a\"b\n".into())),
            r#"{"S":"a\"b\n"}"#.len()
        );
        let m: HashMap<String, AttributeValue> = [(
            "k".to_owned(),
            AttributeValue::L(vec![AttributeValue::N("1".into())]),
        )]
        .into();
        assert_eq!(item(&m), r#"{"k":{"L":[{"N":"1"}]}}"#.len());
    }
}
