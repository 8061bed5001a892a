//! Sets: strings as SS, numbers as NS, binary as BS. DynamoDB rejects empty
//! sets, so an empty set is stored as no attribute and a missing attribute
//! reads as an empty set.
//!
//! On read, a list (L) of distinct members of the set's kind is a set too
//! (for a number set, members may be N or number text in S): pydynox 1.8
//! stores its string and number set attributes as lists of strings, and a
//! table it wrote can move to dynox. dynox itself always writes real sets.

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
        (kind, Some(AttributeValue::L(list))) => read_list_as_set(kind, list),
        (_, Some(other)) => Err(ValueError::wrong_type(expected, &other)),
    }
}

/// A list whose members are all of the set's kind and all different.
fn read_list_as_set<T: SetMember, C: FromIterator<T>>(
    kind: SetKind,
    list: Vec<AttributeValue>,
) -> Result<C, ValueError> {
    let expected = kind_name(kind);
    let mut seen = HashSet::with_capacity(list.len());
    let mut members = Vec::with_capacity(list.len());
    for (i, member) in list.into_iter().enumerate() {
        let member = match (kind, member) {
            // pydynox 1.8 writes a number set as a list of strings
            (SetKind::Ss | SetKind::Ns, AttributeValue::S(t))
            | (SetKind::Ns, AttributeValue::N(t)) => Member::Text(t),
            (SetKind::Bs, AttributeValue::B(b)) => Member::Bytes(b.into_inner()),
            (_, other) => {
                return Err(ValueError::custom(
                    format!("{expected}, or a list of its members"),
                    format!("L holding {}", super::type_name(&other)),
                )
                .at_index(i))
            }
        };
        if !seen.insert(member.clone()) {
            return Err(ValueError::custom(
                format!("{expected}, or a list of distinct members"),
                "L with a repeated member (a set would lose it)",
            )
            .at_index(i));
        }
        members.push(member);
    }
    members
        .into_iter()
        .map(|m| match m {
            Member::Text(t) => T::__from_text(t),
            Member::Bytes(b) => T::__from_bytes(b),
        })
        .collect()
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Member {
    Text(String),
    Bytes(Vec<u8>),
}

/// A set type: stored as SS, NS or BS by its member type.
macro_rules! set_value {
    ($($set:ty where [$($bounds:tt)*];)*) => {$(
        impl<$($bounds)*> DynoValue for $set {
            const DYNAMO_TYPE: &'static str = "set";
            fn to_attribute_value(&self) -> Option<AttributeValue> {
                write_set(self.iter())
            }
            fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
                read_set(value)
            }
            fn attribute_value_from_json(
                json: &serde_json::Value,
            ) -> Result<Option<AttributeValue>, ValueError> {
                crate::json::set_from_json(T::KIND, json)
            }
        }
    )*};
}

set_value! {
    HashSet<T, S> where [T: SetMember + Eq + Hash, S: BuildHasher + Default];
    BTreeSet<T> where [T: SetMember + Ord];
}
