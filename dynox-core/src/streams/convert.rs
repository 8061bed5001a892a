//! Values between DynamoDB Streams' SDK types and DynamoDB's (the streams
//! SDK has its own `AttributeValue`, the same shape as DynamoDB's), and
//! from the embedded engine.

use crate::{AttributeValue, Item};
use aws_sdk_dynamodbstreams::types::AttributeValue as StreamValue;
use std::collections::HashMap;

/// A stream's item in DynamoDB's types.
pub(crate) type StreamItem = HashMap<String, StreamValue>;

pub(crate) fn to_dynamodb(value: StreamValue) -> AttributeValue {
    match value {
        StreamValue::S(s) => AttributeValue::S(s),
        StreamValue::N(n) => AttributeValue::N(n),
        StreamValue::B(b) => AttributeValue::B(b),
        StreamValue::Bool(b) => AttributeValue::Bool(b),
        StreamValue::Null(b) => AttributeValue::Null(b),
        StreamValue::Ss(v) => AttributeValue::Ss(v),
        StreamValue::Ns(v) => AttributeValue::Ns(v),
        StreamValue::Bs(v) => AttributeValue::Bs(v),
        StreamValue::L(v) => AttributeValue::L(v.into_iter().map(to_dynamodb).collect()),
        StreamValue::M(m) => AttributeValue::M(item_to_dynamodb(m)),
        // the SDK's forward-compatibility variant: nothing DynamoDB sends today
        _ => AttributeValue::Null(true),
    }
}

pub(crate) fn item_to_dynamodb(item: StreamItem) -> Item {
    item.into_iter().map(|(k, v)| (k, to_dynamodb(v))).collect()
}

#[cfg(feature = "embedded")]
pub(crate) fn from_engine(value: dynoxide::AttributeValue) -> StreamValue {
    use aws_smithy_types::Blob;
    use dynoxide::AttributeValue as E;
    match value {
        E::S(s) => StreamValue::S(s),
        E::N(n) => StreamValue::N(n),
        E::B(b) => StreamValue::B(Blob::new(b)),
        E::BOOL(b) => StreamValue::Bool(b),
        E::NULL(b) => StreamValue::Null(b),
        E::SS(v) => StreamValue::Ss(v),
        E::NS(v) => StreamValue::Ns(v),
        E::BS(v) => StreamValue::Bs(v.into_iter().map(Blob::new).collect()),
        E::L(v) => StreamValue::L(v.into_iter().map(from_engine).collect()),
        E::M(m) => StreamValue::M(item_from_engine(m)),
    }
}

#[cfg(feature = "embedded")]
pub(crate) fn item_from_engine(item: HashMap<String, dynoxide::AttributeValue>) -> StreamItem {
    item.into_iter().map(|(k, v)| (k, from_engine(v))).collect()
}

/// The size of a stream's item in DynamoDB's JSON wire format.
pub(crate) fn item_len(item: &StreamItem) -> usize {
    let converted: Item = item
        .iter()
        .map(|(k, v)| (k.clone(), to_dynamodb(v.clone())))
        .collect();
    crate::wire_size::item(&converted)
}
