//! Options, lists and maps.

use super::{DynoValue, ValueError};
use crate::AttributeValue;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

/// `None` is stored as no attribute at all, never as NULL: a NULL breaks
/// secondary-index keys and TTL. A NULL written by another tool reads as `None`.
impl<T: DynoValue> DynoValue for Option<T> {
    const DYNAMO_TYPE: &'static str = T::DYNAMO_TYPE;
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        self.as_ref().and_then(T::to_attribute_value)
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        match value {
            None | Some(AttributeValue::Null(_)) => Ok(None),
            v => T::from_attribute_value(v).map(Some),
        }
    }
    fn attribute_value_from_json(
        json: &serde_json::Value,
    ) -> Result<Option<AttributeValue>, ValueError> {
        T::attribute_value_from_json(json)
    }
}

/// A list (L), except `Vec<u8>`, which is binary (B); see [`DynoValue`]'s list hook.
impl<T: DynoValue> DynoValue for Vec<T> {
    const DYNAMO_TYPE: &'static str = "L";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        T::__vec_to_attribute_value(self)
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        T::__vec_from_attribute_value(value)
    }
    fn attribute_value_from_json(
        json: &serde_json::Value,
    ) -> Result<Option<AttributeValue>, ValueError> {
        T::__vec_from_json(json)
    }
}

impl<T: DynoValue> DynoValue for Box<T> {
    const DYNAMO_TYPE: &'static str = T::DYNAMO_TYPE;
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        T::to_attribute_value(self)
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        T::from_attribute_value(value).map(Box::new)
    }
    fn attribute_value_from_json(
        json: &serde_json::Value,
    ) -> Result<Option<AttributeValue>, ValueError> {
        T::attribute_value_from_json(json)
    }
}

fn map_entries<'a, T: DynoValue + 'a>(
    entries: impl Iterator<Item = (&'a String, &'a T)>,
) -> Option<AttributeValue> {
    // entries whose value is absent (None, empty set) are left out of the map
    Some(AttributeValue::M(
        entries
            .filter_map(|(k, v)| v.to_attribute_value().map(|v| (k.clone(), v)))
            .collect(),
    ))
}

fn read_map<T: DynoValue, C: FromIterator<(String, T)>>(
    value: Option<AttributeValue>,
) -> Result<C, ValueError> {
    match value {
        None => Ok(std::iter::empty().collect()),
        Some(AttributeValue::M(m)) => m
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    AttributeValue::Null(_) => None,
                    v => Some(v),
                };
                match T::from_attribute_value(v) {
                    Ok(v) => Ok((k, v)),
                    Err(e) => Err(e.at_key(&k)),
                }
            })
            .collect(),
        Some(other) => Err(ValueError::wrong_type("M", &other)),
    }
}

/// A map type with string keys: stored as M.
macro_rules! map_value {
    ($($map:ty where [$($bounds:tt)*];)*) => {$(
        impl<$($bounds)*> DynoValue for $map {
            const DYNAMO_TYPE: &'static str = "M";
            fn to_attribute_value(&self) -> Option<AttributeValue> {
                map_entries(self.iter())
            }
            fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
                read_map(value)
            }
            fn attribute_value_from_json(
                json: &serde_json::Value,
            ) -> Result<Option<AttributeValue>, ValueError> {
                crate::json::map_from_json(json, |_, v| T::attribute_value_from_json(v))
            }
        }
    )*};
}

map_value! {
    HashMap<String, T, S> where [T: DynoValue, S: BuildHasher + Default];
    BTreeMap<String, T> where [T: DynoValue];
}
