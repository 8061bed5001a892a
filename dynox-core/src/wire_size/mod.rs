//! The size of requests and responses in DynamoDB's JSON wire format,
//! computed from the rendered values without serializing them. Both
//! transports report these figures, so metrics compare across them.

use crate::transport::{Request, Response};
use crate::AttributeValue;
use aws_sdk_dynamodb::types::ConsumedCapacity;
use std::collections::HashMap;

mod batch;

/// Length of a JSON string literal, quotes and escapes included.
///
/// Every request's and response's size is computed, so this runs over every
/// byte sent and received. Most strings need no escape: a check the compiler
/// vectorizes (16 bytes at a time, no branches) finds that out, and only a
/// string that has a byte to escape is counted byte by byte.
fn string(s: &str) -> usize {
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
fn array(lengths: impl Iterator<Item = usize>) -> usize {
    let (count, sum) = lengths.fold((0usize, 0usize), |(c, s), l| (c + 1, s + l));
    2 + sum + count.saturating_sub(1)
}

pub(crate) fn value(v: &AttributeValue) -> usize {
    // {"T":<body>}
    let body = match v {
        AttributeValue::S(s) | AttributeValue::N(s) => string(s),
        AttributeValue::B(b) => base64(b.as_ref().len()),
        AttributeValue::Bool(b) => {
            if *b {
                4
            } else {
                5
            }
        }
        AttributeValue::Null(_) => 4,
        AttributeValue::Ss(v) | AttributeValue::Ns(v) => array(v.iter().map(|s| string(s))),
        AttributeValue::Bs(v) => array(v.iter().map(|b| base64(b.as_ref().len()))),
        AttributeValue::L(v) => array(v.iter().map(value)),
        AttributeValue::M(m) => item(m),
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
    2 + m
        .iter()
        .map(|(k, v)| string(k) + 1 + value(v))
        .sum::<usize>()
        + m.len().saturating_sub(1)
}

fn names(m: &HashMap<String, String>) -> usize {
    2 + m
        .iter()
        .map(|(k, v)| string(k) + 1 + string(v))
        .sum::<usize>()
        + m.len().saturating_sub(1)
}

/// A JSON object built field by field.
struct Object {
    len: usize,
    fields: usize,
}

impl Object {
    fn new() -> Self {
        Object { len: 2, fields: 0 }
    }
    fn field(&mut self, name: &str, value_len: usize) -> &mut Self {
        self.len += usize::from(self.fields > 0) + string(name) + 1 + value_len;
        self.fields += 1;
        self
    }
    fn opt<T: ?Sized>(
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
    fn str(&mut self, name: &str, v: Option<&str>) -> &mut Self {
        self.opt(name, v, string)
    }
}

fn number(x: f64) -> usize {
    format!("{x:?}").len()
}

fn capacities(v: &[ConsumedCapacity]) -> usize {
    array(v.iter().map(capacity))
}

fn capacity(c: &ConsumedCapacity) -> usize {
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

/// Size of a request as DynamoDB's JSON body.
pub(crate) fn request(r: &Request) -> usize {
    let mut o = Object::new();
    match r {
        Request::PutItem(i) => {
            o.str("TableName", i.table_name.as_deref())
                .opt("Item", i.item.as_ref(), item)
                .str("ConditionExpression", i.condition_expression.as_deref())
                .opt(
                    "ExpressionAttributeNames",
                    i.expression_attribute_names.as_ref(),
                    names,
                )
                .opt(
                    "ExpressionAttributeValues",
                    i.expression_attribute_values.as_ref(),
                    item,
                )
                .str("ReturnValues", i.return_values.as_ref().map(|v| v.as_str()))
                .str(
                    "ReturnConsumedCapacity",
                    i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
                )
                .str(
                    "ReturnValuesOnConditionCheckFailure",
                    i.return_values_on_condition_check_failure
                        .as_ref()
                        .map(|v| v.as_str()),
                );
        }
        Request::GetItem(i) => {
            o.str("TableName", i.table_name.as_deref())
                .opt("Key", i.key.as_ref(), item)
                .opt("ConsistentRead", i.consistent_read.as_ref(), |b| {
                    if *b {
                        4
                    } else {
                        5
                    }
                })
                .str("ProjectionExpression", i.projection_expression.as_deref())
                .opt(
                    "ExpressionAttributeNames",
                    i.expression_attribute_names.as_ref(),
                    names,
                )
                .str(
                    "ReturnConsumedCapacity",
                    i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
                );
        }
        Request::UpdateItem(i) => {
            o.str("TableName", i.table_name.as_deref())
                .opt("Key", i.key.as_ref(), item)
                .str("UpdateExpression", i.update_expression.as_deref())
                .str("ConditionExpression", i.condition_expression.as_deref())
                .opt(
                    "ExpressionAttributeNames",
                    i.expression_attribute_names.as_ref(),
                    names,
                )
                .opt(
                    "ExpressionAttributeValues",
                    i.expression_attribute_values.as_ref(),
                    item,
                )
                .str("ReturnValues", i.return_values.as_ref().map(|v| v.as_str()))
                .str(
                    "ReturnConsumedCapacity",
                    i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
                )
                .str(
                    "ReturnValuesOnConditionCheckFailure",
                    i.return_values_on_condition_check_failure
                        .as_ref()
                        .map(|v| v.as_str()),
                );
        }
        Request::DeleteItem(i) => {
            o.str("TableName", i.table_name.as_deref())
                .opt("Key", i.key.as_ref(), item)
                .str("ConditionExpression", i.condition_expression.as_deref())
                .opt(
                    "ExpressionAttributeNames",
                    i.expression_attribute_names.as_ref(),
                    names,
                )
                .opt(
                    "ExpressionAttributeValues",
                    i.expression_attribute_values.as_ref(),
                    item,
                )
                .str("ReturnValues", i.return_values.as_ref().map(|v| v.as_str()))
                .str(
                    "ReturnConsumedCapacity",
                    i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
                )
                .str(
                    "ReturnValuesOnConditionCheckFailure",
                    i.return_values_on_condition_check_failure
                        .as_ref()
                        .map(|v| v.as_str()),
                );
        }
        Request::Query(i) => {
            o.str("TableName", i.table_name.as_deref())
                .str("IndexName", i.index_name.as_deref())
                .str(
                    "KeyConditionExpression",
                    i.key_condition_expression.as_deref(),
                )
                .str("FilterExpression", i.filter_expression.as_deref())
                .str("ProjectionExpression", i.projection_expression.as_deref())
                .opt(
                    "ExpressionAttributeNames",
                    i.expression_attribute_names.as_ref(),
                    names,
                )
                .opt(
                    "ExpressionAttributeValues",
                    i.expression_attribute_values.as_ref(),
                    item,
                )
                .opt("ScanIndexForward", i.scan_index_forward.as_ref(), |b| {
                    if *b {
                        4
                    } else {
                        5
                    }
                })
                .opt("Limit", i.limit.as_ref(), |n| n.to_string().len())
                .opt("ExclusiveStartKey", i.exclusive_start_key.as_ref(), item)
                .str("Select", i.select.as_ref().map(|v| v.as_str()))
                .opt("ConsistentRead", i.consistent_read.as_ref(), |b| {
                    if *b {
                        4
                    } else {
                        5
                    }
                })
                .str(
                    "ReturnConsumedCapacity",
                    i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
                );
        }
        Request::Scan(i) => {
            o.str("TableName", i.table_name.as_deref())
                .str("IndexName", i.index_name.as_deref())
                .str("FilterExpression", i.filter_expression.as_deref())
                .str("ProjectionExpression", i.projection_expression.as_deref())
                .opt(
                    "ExpressionAttributeNames",
                    i.expression_attribute_names.as_ref(),
                    names,
                )
                .opt(
                    "ExpressionAttributeValues",
                    i.expression_attribute_values.as_ref(),
                    item,
                )
                .opt("Limit", i.limit.as_ref(), |n| n.to_string().len())
                .opt("ExclusiveStartKey", i.exclusive_start_key.as_ref(), item)
                .str("Select", i.select.as_ref().map(|v| v.as_str()))
                .opt("ConsistentRead", i.consistent_read.as_ref(), |b| {
                    if *b {
                        4
                    } else {
                        5
                    }
                })
                .opt("Segment", i.segment.as_ref(), |n| n.to_string().len())
                .opt("TotalSegments", i.total_segments.as_ref(), |n| {
                    n.to_string().len()
                })
                .str(
                    "ReturnConsumedCapacity",
                    i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
                );
        }
        // Table management is rare and its bodies are small; the name stands
        // for them (the schema adds a few hundred bytes at most).
        Request::CreateTable(i) => {
            o.str("TableName", i.table_name.as_deref());
        }
        Request::DescribeTable(i) => {
            o.str("TableName", i.table_name.as_deref());
        }
        Request::DeleteTable(i) => {
            o.str("TableName", i.table_name.as_deref());
        }
        Request::UpdateTimeToLive(i) => {
            o.str("TableName", i.table_name.as_deref());
        }
        Request::BatchGetItem(i) => batch::batch_get_request(&mut o, i),
        Request::BatchWriteItem(i) => batch::batch_write_request(&mut o, i),
        Request::TransactWriteItems(i) => batch::transact_write_request(&mut o, i),
        Request::TransactGetItems(i) => batch::transact_get_request(&mut o, i),
    }
    o.len
}

/// Size of a response as DynamoDB's JSON body.
pub(crate) fn response(r: &Response) -> usize {
    let mut o = Object::new();
    match r {
        Response::PutItem(x) => {
            o.opt("Attributes", x.attributes.as_ref(), item).opt(
                "ConsumedCapacity",
                x.consumed_capacity.as_ref(),
                capacity,
            );
        }
        Response::GetItem(x) => {
            o.opt("Item", x.item.as_ref(), item).opt(
                "ConsumedCapacity",
                x.consumed_capacity.as_ref(),
                capacity,
            );
        }
        Response::UpdateItem(x) => {
            o.opt("Attributes", x.attributes.as_ref(), item).opt(
                "ConsumedCapacity",
                x.consumed_capacity.as_ref(),
                capacity,
            );
        }
        Response::DeleteItem(x) => {
            o.opt("Attributes", x.attributes.as_ref(), item).opt(
                "ConsumedCapacity",
                x.consumed_capacity.as_ref(),
                capacity,
            );
        }
        Response::Query(x) => {
            o.opt("Items", x.items.as_ref(), |v| array(v.iter().map(item)))
                .field("Count", x.count.to_string().len())
                .field("ScannedCount", x.scanned_count.to_string().len())
                .opt("LastEvaluatedKey", x.last_evaluated_key.as_ref(), item)
                .opt("ConsumedCapacity", x.consumed_capacity.as_ref(), capacity);
        }
        Response::Scan(x) => {
            o.opt("Items", x.items.as_ref(), |v| array(v.iter().map(item)))
                .field("Count", x.count.to_string().len())
                .field("ScannedCount", x.scanned_count.to_string().len())
                .opt("LastEvaluatedKey", x.last_evaluated_key.as_ref(), item)
                .opt("ConsumedCapacity", x.consumed_capacity.as_ref(), capacity);
        }
        Response::BatchGetItem(x) => batch::batch_get_response(&mut o, x),
        Response::BatchWriteItem(x) => batch::batch_write_response(&mut o, x),
        Response::TransactWriteItems(x) => {
            o.opt(
                "ConsumedCapacity",
                x.consumed_capacity.as_deref(),
                capacities,
            );
        }
        Response::TransactGetItems(x) => batch::transact_get_response(&mut o, x),
        Response::CreateTable(_)
        | Response::DescribeTable(_)
        | Response::DeleteTable(_)
        | Response::UpdateTimeToLive(_) => {}
    }
    o.len
}

/// How many items a response read or wrote.
pub(crate) fn items(r: &Response) -> u64 {
    match r {
        Response::PutItem(_) | Response::UpdateItem(_) | Response::DeleteItem(_) => 1,
        Response::GetItem(x) => u64::from(x.item.is_some()),
        Response::Query(x) => x.count.max(0) as u64,
        Response::Scan(x) => x.count.max(0) as u64,
        Response::BatchGetItem(x) => x
            .responses
            .as_ref()
            .map_or(0, |r| r.values().map(|v| v.len() as u64).sum()),
        Response::TransactGetItems(x) => x
            .responses
            .as_ref()
            .map_or(0, |r| r.iter().filter(|r| r.item.is_some()).count() as u64),
        _ => 0,
    }
}

/// Capacity units a response reports, summed over its tables.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct Units {
    pub(crate) total: f64,
    pub(crate) read: Option<f64>,
    pub(crate) write: Option<f64>,
}

impl Units {
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

/// The consumed capacity a response reports (several tables' for batches and transactions).
pub(crate) fn consumed(r: &Response) -> Option<Units> {
    let one = |c: Option<&ConsumedCapacity>| c.map(|c| Units::default().add(c));
    let many =
        |c: Option<&Vec<ConsumedCapacity>>| c.map(|v| v.iter().fold(Units::default(), Units::add));
    match r {
        Response::PutItem(x) => one(x.consumed_capacity.as_ref()),
        Response::GetItem(x) => one(x.consumed_capacity.as_ref()),
        Response::UpdateItem(x) => one(x.consumed_capacity.as_ref()),
        Response::DeleteItem(x) => one(x.consumed_capacity.as_ref()),
        Response::Query(x) => one(x.consumed_capacity.as_ref()),
        Response::Scan(x) => one(x.consumed_capacity.as_ref()),
        Response::BatchGetItem(x) => many(x.consumed_capacity.as_ref()),
        Response::BatchWriteItem(x) => many(x.consumed_capacity.as_ref()),
        Response::TransactWriteItems(x) => many(x.consumed_capacity.as_ref()),
        Response::TransactGetItems(x) => many(x.consumed_capacity.as_ref()),
        _ => None,
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
            assert_eq!(string(&s), json.len(), "{s:?}");
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
