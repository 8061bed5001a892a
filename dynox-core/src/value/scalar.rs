//! Strings and booleans.

use super::{DynoValue, KeyType, KeyValue, ValueError};
use crate::AttributeValue;

impl DynoValue for String {
    const DYNAMO_TYPE: &'static str = "S";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::S(self.clone()))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        match value {
            Some(AttributeValue::S(s)) => Ok(s),
            Some(other) => Err(ValueError::wrong_type("S", &other)),
            None => Err(ValueError::missing("S")),
        }
    }
}

impl KeyValue for String {
    const KEY_TYPE: KeyType = KeyType::S;
}

impl DynoValue for bool {
    const DYNAMO_TYPE: &'static str = "BOOL";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::Bool(*self))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        match value {
            Some(AttributeValue::Bool(b)) => Ok(b),
            Some(other) => Err(ValueError::wrong_type("BOOL", &other)),
            None => Err(ValueError::missing("BOOL")),
        }
    }
}
