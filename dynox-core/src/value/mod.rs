//! How Rust values become DynamoDB attribute values and back.
//!
//! [`DynoValue`] is the conversion trait every field type implements. Absence
//! is part of the mapping: `to_attribute_value` returns `None` for values
//! DynamoDB should not store (`None`, empty sets), and `from_attribute_value`
//! receives `None` when the item lacks the attribute.

mod binary;
mod collections;
mod external;
mod field_value;
mod number;
mod scalar;
pub(crate) mod serde_value;
mod sets;

pub use crate::version::{TtlValue, VersionValue};
pub use field_value::{FieldValue, Removable};
pub use number::Number;
pub(crate) use sets::SetKind;
pub use sets::SetMember;

use crate::AttributeValue;
use std::borrow::Cow;

/// A value that dynox can store in a DynamoDB attribute.
///
/// Implemented for the standard types listed in the crate docs; derive it with
/// `#[derive(DynoValue)]` for nested structs (stored as a map) and unit-variant
/// enums (stored as a string), or implement it by hand.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in a DynamoDB attribute",
    label = "this type does not implement `DynoValue`",
    note = "derive `DynoValue` for your own structs and enums, implement it by hand, or mark the field `#[dyno(serde)]`"
)]
pub trait DynoValue: Sized {
    /// The DynamoDB type this value is stored as, for messages (`"S"`, `"N"`, `"SS"`, ...).
    const DYNAMO_TYPE: &'static str;

    /// The attribute value to store, or `None` when the attribute should be absent.
    fn to_attribute_value(&self) -> Option<AttributeValue>;

    /// Reads the value back; `None` means the item has no such attribute.
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError>;

    /// The stored form of this value's plain JSON (what a model's `to_json`
    /// writes for it), for `from_json`; `None` for null (no attribute).
    ///
    /// The default reads JSON as its natural DynamoDB type: a string as S, a
    /// number as N, an array as L, an object as M, a boolean as BOOL. A type
    /// stored otherwise overrides it: binary reads base64 text as B, sets
    /// read arrays, containers direct their members. Override it in a
    /// hand-written impl that stores binary data.
    fn attribute_value_from_json(
        json: &serde_json::Value,
    ) -> Result<Option<AttributeValue>, ValueError> {
        Ok(crate::json::natural(json))
    }

    /// Stores a `Vec<Self>`. A list (`L`) unless the element type says
    /// otherwise: `u8` stores `Vec<u8>` as binary (`B`).
    #[doc(hidden)]
    fn __vec_to_attribute_value(items: &[Self]) -> Option<AttributeValue> {
        Some(AttributeValue::L(
            items
                .iter()
                .map(|v| v.to_attribute_value().unwrap_or(AttributeValue::Null(true)))
                .collect(),
        ))
    }

    /// Reads a `Vec<Self>` stored by [`DynoValue::__vec_to_attribute_value`].
    #[doc(hidden)]
    fn __vec_from_attribute_value(value: Option<AttributeValue>) -> Result<Vec<Self>, ValueError> {
        match value {
            None => Ok(Vec::new()),
            Some(AttributeValue::L(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let v = match v {
                        AttributeValue::Null(_) => None,
                        v => Some(v),
                    };
                    Self::from_attribute_value(v).map_err(|e| e.at_index(i))
                })
                .collect(),
            Some(other) => Err(ValueError::wrong_type("L", &other)),
        }
    }

    /// Reads the plain JSON of a `Vec<Self>`; see
    /// [`DynoValue::attribute_value_from_json`].
    #[doc(hidden)]
    fn __vec_from_json(json: &serde_json::Value) -> Result<Option<AttributeValue>, ValueError> {
        crate::json::list_from_json::<Self>(json)
    }
}

/// A type DynamoDB accepts as a key attribute: a string (`S`), number (`N`) or binary (`B`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a DynamoDB key",
    label = "DynamoDB keys are strings, numbers or binary",
    note = "use `String`, an integer type, `Vec<u8>` or `bytes::Bytes` for key fields, or implement `KeyValue` for a type stored as one of those"
)]
pub trait KeyValue: DynoValue {
    /// The key attribute's type in the table schema.
    const KEY_TYPE: KeyType;
}

/// A type a secondary-index key field can have: a key type, or an `Option`
/// of one, since an item without the attribute is simply not in the index
/// (a sparse index).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a secondary index key",
    note = "index keys are strings, numbers or binary, optionally wrapped in `Option` for a sparse index"
)]
pub trait IndexKeyValue {
    /// The key attribute's type in the index schema.
    const KEY_TYPE: KeyType;
}

impl<T: KeyValue> IndexKeyValue for T {
    const KEY_TYPE: KeyType = T::KEY_TYPE;
}

impl<T: KeyValue> IndexKeyValue for Option<T> {
    const KEY_TYPE: KeyType = T::KEY_TYPE;
}

/// Text given for a `String` key argument (`User::get(&db, "USER#1", ..)`):
/// `&str`, `String`, `&String`, `Box<str>`, `Cow<str>` or `char`.
#[diagnostic::on_unimplemented(
    message = "this key is a `String`: pass text, not `{Self}`",
    label = "expected text for a `String` key",
    note = "pass a `&str` or `String`; for a number, format it first (`n.to_string()`)"
)]
pub trait KeyText {
    /// The key value.
    fn into_key_string(self) -> String;
}

macro_rules! key_text {
    ($($t:ty),*) => {$(
        impl KeyText for $t {
            fn into_key_string(self) -> String {
                self.into()
            }
        }
    )*};
}

key_text!(
    String,
    &str,
    &String,
    &mut str,
    Box<str>,
    std::borrow::Cow<'_, str>,
    char
);

/// The scalar types a key attribute can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// String.
    S,
    /// Number.
    N,
    /// Binary.
    B,
}

impl KeyType {
    /// DynamoDB's name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::S => "S",
            KeyType::N => "N",
            KeyType::B => "B",
        }
    }
}

/// Why a stored attribute could not be read into a Rust value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// Where inside the attribute the problem is (`.city`, `[2]`), empty at the top.
    pub path: String,
    /// What was expected.
    pub expected: Cow<'static, str>,
    /// What was found.
    pub found: Cow<'static, str>,
}

impl ValueError {
    /// A value of the wrong DynamoDB type.
    pub fn wrong_type(expected: &'static str, found: &AttributeValue) -> Self {
        ValueError {
            path: String::new(),
            expected: Cow::Borrowed(expected),
            found: Cow::Borrowed(type_name(found)),
        }
    }

    /// A required attribute that is absent.
    pub fn missing(expected: &'static str) -> Self {
        ValueError {
            path: String::new(),
            expected: Cow::Borrowed(expected),
            found: Cow::Borrowed("no attribute (missing)"),
        }
    }

    /// Any other mismatch, described in words.
    pub fn custom(
        expected: impl Into<Cow<'static, str>>,
        found: impl Into<Cow<'static, str>>,
    ) -> Self {
        ValueError {
            path: String::new(),
            expected: expected.into(),
            found: found.into(),
        }
    }

    /// The same error, one list element further in.
    pub fn at_index(mut self, index: usize) -> Self {
        self.path = format!("[{index}]{}", self.path);
        self
    }

    /// The same error, one map key further in.
    pub fn at_key(mut self, key: &str) -> Self {
        self.path = format!(".{key}{}", self.path);
        self
    }
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "expected {}, found {}", self.expected, self.found)?;
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValueError {}

/// Reads an `i64` from DynamoDB number text (also `1.0`, `1E+2` forms).
pub(crate) fn parse_integer_i64(text: &str) -> Result<i64, ValueError> {
    number::parse_integer(text, "i64")
}

/// DynamoDB's name for the type of a stored value.
pub(crate) fn type_name(value: &AttributeValue) -> &'static str {
    match value {
        AttributeValue::S(_) => "S",
        AttributeValue::N(_) => "N",
        AttributeValue::B(_) => "B",
        AttributeValue::Bool(_) => "BOOL",
        AttributeValue::Null(_) => "NULL",
        AttributeValue::Ss(_) => "SS",
        AttributeValue::Ns(_) => "NS",
        AttributeValue::Bs(_) => "BS",
        AttributeValue::L(_) => "L",
        AttributeValue::M(_) => "M",
        _ => "an unknown type",
    }
}
