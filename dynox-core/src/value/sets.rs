//! Sets: strings as SS, numbers as NS, binary as BS. DynamoDB rejects empty
//! sets, so an empty set is stored as no attribute and a missing attribute
//! reads as an empty set.

use super::number::{format_float, parse_integer};
use super::{DynoValue, ValueError};
use crate::AttributeValue;
use aws_smithy_types::Blob;
use std::collections::{BTreeSet, HashSet};
use std::hash::{BuildHasher, Hash};

/// The three kinds of DynamoDB set.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetKind {
    /// String set.
    Ss,
    /// Number set.
    Ns,
    /// Binary set.
    Bs,
}

/// A type that can be a member of a DynamoDB set.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a member of a DynamoDB set",
    note = "DynamoDB sets hold strings (SS), numbers (NS) or binary values (BS)"
)]
pub trait SetMember: Sized {
    #[doc(hidden)]
    const KIND: SetKind;
    #[doc(hidden)]
    fn __to_text(&self) -> String {
        String::new()
    }
    #[doc(hidden)]
    fn __to_bytes(&self) -> Vec<u8> {
        Vec::new()
    }
    #[doc(hidden)]
    fn __from_text(text: String) -> Result<Self, ValueError>;
    #[doc(hidden)]
    fn __from_bytes(bytes: Vec<u8>) -> Result<Self, ValueError>;
}

impl SetMember for String {
    const KIND: SetKind = SetKind::Ss;
    fn __to_text(&self) -> String {
        self.clone()
    }
    fn __from_text(text: String) -> Result<Self, ValueError> {
        Ok(text)
    }
    fn __from_bytes(_: Vec<u8>) -> Result<Self, ValueError> {
        Err(ValueError::custom("SS", "BS"))
    }
}

impl SetMember for Vec<u8> {
    const KIND: SetKind = SetKind::Bs;
    fn __to_bytes(&self) -> Vec<u8> {
        self.clone()
    }
    fn __from_text(_: String) -> Result<Self, ValueError> {
        Err(ValueError::custom("BS", "a set of text"))
    }
    fn __from_bytes(bytes: Vec<u8>) -> Result<Self, ValueError> {
        Ok(bytes)
    }
}

impl SetMember for bytes::Bytes {
    const KIND: SetKind = SetKind::Bs;
    fn __to_bytes(&self) -> Vec<u8> {
        self.to_vec()
    }
    fn __from_text(_: String) -> Result<Self, ValueError> {
        Err(ValueError::custom("BS", "a set of text"))
    }
    fn __from_bytes(bytes: Vec<u8>) -> Result<Self, ValueError> {
        Ok(bytes.into())
    }
}

macro_rules! integer_member {
    ($($t:ty),*) => {$(
        impl SetMember for $t {
            const KIND: SetKind = SetKind::Ns;
            fn __to_text(&self) -> String {
                self.to_string()
            }
            fn __from_text(text: String) -> Result<Self, ValueError> {
                parse_integer(&text, stringify!($t))
            }
            fn __from_bytes(_: Vec<u8>) -> Result<Self, ValueError> {
                Err(ValueError::custom("NS", "BS"))
            }
        }
    )*};
}

integer_member!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl SetMember for super::Number {
    const KIND: SetKind = SetKind::Ns;
    fn __to_text(&self) -> String {
        self.as_str().to_owned()
    }
    fn __from_text(text: String) -> Result<Self, ValueError> {
        Ok(super::Number::new(text))
    }
    fn __from_bytes(_: Vec<u8>) -> Result<Self, ValueError> {
        Err(ValueError::custom("NS", "BS"))
    }
}

// Floats are not `Eq`/`Ord`, so they cannot sit in the standard sets; they are
// members only for sets of a user's own ordered float wrapper.
impl SetMember for f64 {
    const KIND: SetKind = SetKind::Ns;
    fn __to_text(&self) -> String {
        format_float(*self)
    }
    fn __from_text(text: String) -> Result<Self, ValueError> {
        text.parse()
            .map_err(|_| ValueError::custom("NS holding f64", format!("`{text}`")))
    }
    fn __from_bytes(_: Vec<u8>) -> Result<Self, ValueError> {
        Err(ValueError::custom("NS", "BS"))
    }
}

fn kind_name(kind: SetKind) -> &'static str {
    match kind {
        SetKind::Ss => "SS",
        SetKind::Ns => "NS",
        SetKind::Bs => "BS",
    }
}

fn write_set<'a, T: SetMember + 'a>(
    members: impl ExactSizeIterator<Item = &'a T>,
) -> Option<AttributeValue> {
    if members.len() == 0 {
        return None;
    }
    Some(match T::KIND {
        SetKind::Ss => AttributeValue::Ss(members.map(T::__to_text).collect()),
        SetKind::Ns => AttributeValue::Ns(members.map(T::__to_text).collect()),
        SetKind::Bs => AttributeValue::Bs(members.map(|m| Blob::new(m.__to_bytes())).collect()),
    })
}

fn read_set<T: SetMember, C: FromIterator<T>>(
    value: Option<AttributeValue>,
) -> Result<C, ValueError> {
    let expected = kind_name(T::KIND);
    match (T::KIND, value) {
        (_, None) | (_, Some(AttributeValue::Null(_))) => Ok(std::iter::empty().collect()),
        (SetKind::Ss, Some(AttributeValue::Ss(v))) | (SetKind::Ns, Some(AttributeValue::Ns(v))) => {
            v.into_iter().map(T::__from_text).collect()
        }
        (SetKind::Bs, Some(AttributeValue::Bs(v))) => v
            .into_iter()
            .map(|b| T::__from_bytes(b.into_inner()))
            .collect(),
        (_, Some(other)) => Err(ValueError::wrong_type(expected, &other)),
    }
}

impl<T: SetMember + Eq + Hash, S: BuildHasher + Default> DynoValue for HashSet<T, S> {
    const DYNAMO_TYPE: &'static str = "set";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        write_set(self.iter())
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        read_set(value)
    }
}

impl<T: SetMember + Ord> DynoValue for BTreeSet<T> {
    const DYNAMO_TYPE: &'static str = "set";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        write_set(self.iter())
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        read_set(value)
    }
}
