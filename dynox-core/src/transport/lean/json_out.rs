//! Request bodies in DynamoDB's JSON protocol, written with the JSON writer
//! of AWS's own Smithy runtime (`aws-smithy-json`), member by member in the
//! order the SDK's generated serializers use, so the lean transport sends
//! the SDK's bytes (a test compares them).

use crate::Item;
use aws_sdk_dynamodb::types::AttributeValue;
pub(crate) use aws_smithy_json::serialize::JsonObjectWriter as Object;
use aws_smithy_json::serialize::JsonValueWriter;
use aws_smithy_types::Number;
use std::collections::HashMap;

/// A string member, when present.
pub(crate) fn string(o: &mut Object, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        o.key(key).string(v);
    }
}

/// A boolean member, when present.
pub(crate) fn boolean(o: &mut Object, key: &str, value: Option<bool>) {
    if let Some(v) = value {
        o.key(key).boolean(v);
    }
}

/// An integer member, when present.
pub(crate) fn integer(o: &mut Object, key: &str, value: Option<i32>) {
    if let Some(v) = value {
        o.key(key).number(Number::NegInt(i64::from(v)));
    }
}

/// An item (or key, or expression values) member, when present.
pub(crate) fn item(o: &mut Object, key: &str, value: Option<&Item>) {
    if let Some(v) = value {
        let mut map = o.key(key).start_object();
        item_members(&mut map, v);
        map.finish();
    }
}

/// The attributes of an item, into an open object.
pub(crate) fn item_members(o: &mut Object, item: &Item) {
    for (name, value) in item {
        attribute(o.key(name), value);
    }
}

/// Expression attribute names, when present.
pub(crate) fn names(o: &mut Object, key: &str, value: Option<&HashMap<String, String>>) {
    if let Some(v) = value {
        let mut map = o.key(key).start_object();
        for (placeholder, name) in v {
            map.key(placeholder).string(name);
        }
        map.finish();
    }
}

/// One attribute value (`{"S": ...}` and so on).
pub(crate) fn attribute(w: JsonValueWriter<'_>, value: &AttributeValue) {
    let mut o = w.start_object();
    match value {
        AttributeValue::S(s) => o.key("S").string(s),
        AttributeValue::N(n) => o.key("N").string(n),
        AttributeValue::B(b) => o
            .key("B")
            .string_unchecked(&aws_smithy_types::base64::encode(b)),
        AttributeValue::Ss(list) => strings(o.key("SS"), list.iter().map(String::as_str)),
        AttributeValue::Ns(list) => strings(o.key("NS"), list.iter().map(String::as_str)),
        AttributeValue::Bs(list) => {
            let mut a = o.key("BS").start_array();
            for b in list {
                a.value()
                    .string_unchecked(&aws_smithy_types::base64::encode(b));
            }
            a.finish();
        }
        AttributeValue::M(map) => {
            let mut m = o.key("M").start_object();
            item_members(&mut m, map);
            m.finish();
        }
        AttributeValue::L(list) => {
            let mut a = o.key("L").start_array();
            for v in list {
                attribute(a.value(), v);
            }
            a.finish();
        }
        AttributeValue::Null(b) => o.key("NULL").boolean(*b),
        AttributeValue::Bool(b) => o.key("BOOL").boolean(*b),
        // a variant only a newer server sends, never rendered by dynox:
        // an empty value, which DynamoDB refuses as the SDK would
        _ => {}
    }
    o.finish();
}

fn strings<'s>(w: JsonValueWriter<'_>, list: impl Iterator<Item = &'s str>) {
    let mut a = w.start_array();
    for s in list {
        a.value().string(s);
    }
    a.finish();
}

/// Whether a table is given by name. A table given by its ARN goes to the
/// SDK, whose endpoint resolution may route it to the ARN's account
/// endpoint (dynox itself always names tables).
pub(crate) fn named(table: &str) -> bool {
    !table.starts_with("arn:")
}
