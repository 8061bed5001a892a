//! Binary data (B). `Vec<u8>` is handled through `u8`'s list hook.

use super::{DynoValue, KeyType, KeyValue, ValueError};
use crate::AttributeValue;
use aws_smithy_types::Blob;

impl DynoValue for bytes::Bytes {
    const DYNAMO_TYPE: &'static str = "B";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::B(Blob::new(self.to_vec())))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        match value {
            Some(AttributeValue::B(b)) => Ok(b.into_bytes()),
            Some(other) => Err(ValueError::wrong_type("B", &other)),
            None => Err(ValueError::missing("B")),
        }
    }
    fn attribute_value_from_json(
        json: &serde_json::Value,
    ) -> Result<Option<AttributeValue>, ValueError> {
        crate::json::binary_from_json(json)
    }
}

impl KeyValue for bytes::Bytes {
    const KEY_TYPE: KeyType = KeyType::B;
}

impl KeyValue for Vec<u8> {
    const KEY_TYPE: KeyType = KeyType::B;
}
