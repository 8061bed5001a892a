//! The kinds of model field: how each is stored, read, copied for the
//! snapshot, compared and read from plain JSON.
//!
//! The derive resolves a field's kind once and writes, once per field, one
//! constant `FieldOps<T>` taken from the kind's trait
//! (`<T as PlainField>::OPS`); every later use goes through that constant.
//! A field type that does not fit its kind is therefore an error at one
//! place, the field's type, once per missing capability. A new kind is one
//! more trait here and one variant in the derive.

use super::{deserialize_error, JsonValue};
use crate::value::{DynoValue, ValueError};
use crate::version::TtlValue;
use crate::{AttributeValue, Item, Result};

type ReadResult<T> = std::result::Result<T, ValueError>;

/// What generated code does with one field, whatever its kind.
pub struct FieldOps<T> {
    /// The stored value; `None` when the attribute should be absent.
    to_attr: fn(&T) -> Option<AttributeValue>,
    /// Reads a stored value; `None` when the item lacks the attribute.
    read: fn(Option<AttributeValue>) -> ReadResult<T>,
    /// The stored form of the field's plain JSON (`from_json`).
    from_json: fn(&JsonValue) -> ReadResult<Option<AttributeValue>>,
    /// A copy, for the snapshot.
    copy: fn(&T) -> T,
    /// Whether the field differs from its snapshot.
    differs: fn(&T, &T) -> bool,
}

impl<T> std::fmt::Debug for FieldOps<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FieldOps")
    }
}

impl<T> FieldOps<T> {
    /// The stored value; `None` when the attribute should be absent.
    #[inline]
    pub fn attr(&self, value: &T) -> Option<AttributeValue> {
        (self.to_attr)(value)
    }

    /// A copy, for the snapshot.
    #[inline]
    pub fn copy_of(&self, value: &T) -> T {
        (self.copy)(value)
    }

    /// Whether the field differs from its snapshot.
    #[inline]
    pub fn differ(&self, now: &T, then: &T) -> bool {
        (self.differs)(now, then)
    }

    /// The stored form of the field's plain JSON (`from_json`).
    #[inline]
    pub fn json(&self, json: &JsonValue) -> ReadResult<Option<AttributeValue>> {
        (self.from_json)(json)
    }

    /// Adds the field to an item under construction unless absent.
    #[inline]
    pub fn put(&self, value: &T, item: &mut Item, name: &'static str) {
        if let Some(v) = (self.to_attr)(value) {
            item.insert(name.to_owned(), v);
        }
    }

    /// Takes the field out of a loaded item.
    #[inline]
    pub fn take(&self, item: &mut Item, table: &str, name: &str) -> Result<T> {
        (self.read)(item.remove(name)).map_err(|e| deserialize_error(table, name, e))
    }

    /// Takes a `#[dyno(default)]` field: absent is `Default::default()`.
    #[inline]
    pub fn take_or_default(&self, item: &mut Item, table: &str, name: &str) -> Result<T>
    where
        T: Default,
    {
        self.take_or_else(item, table, name, T::default)
    }

    /// Takes a `#[dyno(default = "path")]` field: absent is `default()`.
    #[inline]
    pub fn take_or_else(
        &self,
        item: &mut Item,
        table: &str,
        name: &str,
        default: impl FnOnce() -> T,
    ) -> Result<T> {
        match item.remove(name) {
            None => Ok(default()),
            v => (self.read)(v).map_err(|e| deserialize_error(table, name, e)),
        }
    }
}

fn differs<T: PartialEq>(now: &T, then: &T) -> bool {
    now != then
}

fn natural(json: &JsonValue) -> ReadResult<Option<AttributeValue>> {
    // serde and TTL fields are stored in JSON's own shapes
    Ok(crate::json::natural(json))
}

/// A field stored through its [`DynoValue`] impl (every field without
/// `serde` or `ttl`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of a `DynoModel`",
    label = "this field type needs `DynoValue`, `Clone` and `PartialEq`",
    note = "derive `DynoValue` (and `Clone`, `PartialEq`) for your own types, or mark the field `#[dyno(serde)]` or `#[dyno(skip)]`"
)]
pub trait PlainField: Sized {
    /// The field's operations.
    const OPS: FieldOps<Self>;
}

impl<T: DynoValue + Clone + PartialEq> PlainField for T {
    const OPS: FieldOps<T> = FieldOps {
        to_attr: T::to_attribute_value,
        read: T::from_attribute_value,
        from_json: T::attribute_value_from_json,
        copy: T::clone,
        differs: differs::<T>,
    };
}

/// A `#[dyno(serde)]` field: stored as the DynamoDB form of its serde data
/// model.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(serde)]` field",
    label = "this field type needs `Serialize`, `DeserializeOwned`, `Clone` and `PartialEq`"
)]
pub trait SerdeField: Sized {
    /// The field's operations.
    const OPS: FieldOps<Self>;
}

impl<T: serde::Serialize + serde::de::DeserializeOwned + Clone + PartialEq> SerdeField for T {
    const OPS: FieldOps<T> = FieldOps {
        to_attr: crate::value::serde_value::to_attribute_value::<T>,
        read: crate::value::serde_value::from_attribute_value::<T>,
        from_json: natural,
        copy: T::clone,
        differs: differs::<T>,
    };
}

/// A `#[dyno(ttl)]` field: a time stored as epoch seconds (N).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(ttl)]` field",
    label = "this field type needs `TtlValue`, `Clone` and `PartialEq`"
)]
pub trait TtlField: Sized {
    /// The field's operations.
    const OPS: FieldOps<Self>;
}

impl<T: TtlValue + Clone + PartialEq> TtlField for T {
    const OPS: FieldOps<T> = FieldOps {
        to_attr: ttl_to_attr::<T>,
        read: ttl_read::<T>,
        from_json: natural,
        copy: T::clone,
        differs: differs::<T>,
    };
}

fn ttl_to_attr<T: TtlValue>(value: &T) -> Option<AttributeValue> {
    value
        .to_epoch_seconds()
        .map(|s| AttributeValue::N(s.to_string()))
}

fn ttl_read<T: TtlValue>(value: Option<AttributeValue>) -> ReadResult<T> {
    const EXPECTED: &str = "N holding epoch seconds";
    match value {
        None => T::missing().ok_or_else(|| ValueError::missing(EXPECTED)),
        Some(AttributeValue::N(n)) => {
            let seconds = crate::value::parse_integer_i64(&n)
                .map_err(|e| ValueError::custom(EXPECTED, e.found))?;
            T::from_epoch_seconds(seconds)
                .ok_or_else(|| ValueError::custom(EXPECTED, format!("N `{n}`, out of range")))
        }
        Some(other) => Err(ValueError::wrong_type(EXPECTED, &other)),
    }
}

/// A `#[dyno(compress)]` field of text or bytes: compressed with `C` when
/// that makes it smaller (see [`crate::compress`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(compress)]` field",
    label = "compression takes `String`, `Vec<u8>`, `bytes::Bytes` (or an `Option` of them), or a `#[dyno(serde)]` field"
)]
pub trait CompressedField<C>: Sized {
    /// The field's operations.
    const OPS: FieldOps<Self>;
}

impl<T, C> CompressedField<C> for T
where
    T: crate::compress::Compressible + DynoValue + Clone + PartialEq,
    C: crate::compress::Codec,
{
    const OPS: FieldOps<T> = FieldOps {
        to_attr: crate::compress::to_stored::<T, C>,
        read: T::read,
        from_json: compressed_json::<T>,
        copy: T::clone,
        differs: differs::<T>,
    };
}

fn compressed_json<T: DynoValue>(json: &JsonValue) -> ReadResult<Option<AttributeValue>> {
    crate::compress::from_json(json, T::attribute_value_from_json)
}

/// A `#[dyno(serde, compress)]` field: its JSON compressed with `C` when
/// that makes it smaller.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(serde, compress)]` field",
    label = "this field type needs `Serialize`, `DeserializeOwned`, `Clone` and `PartialEq`"
)]
pub trait CompressedSerdeField<C>: Sized {
    /// The field's operations.
    const OPS: FieldOps<Self>;
}

impl<T, C> CompressedSerdeField<C> for T
where
    T: serde::Serialize + serde::de::DeserializeOwned + Clone + PartialEq,
    C: crate::compress::Codec,
{
    const OPS: FieldOps<T> = FieldOps {
        to_attr: crate::compress::serde_to_stored::<T, C>,
        read: crate::compress::serde_read::<T>,
        from_json: compressed_natural,
        copy: T::clone,
        differs: differs::<T>,
    };
}

fn compressed_natural(json: &JsonValue) -> ReadResult<Option<AttributeValue>> {
    crate::compress::from_json(json, natural)
}

/// A `#[dyno(encrypt(..))]` field: stored by its `DynoValue` impl, sealed
/// and opened by the operation layer (see [`crate::encrypt`]). `KEEP` is a
/// write-only field, which holds the stored envelope as it was loaded;
/// otherwise an envelope that no client opened is a read error that says so.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(encrypt)]` field",
    label = "encryption takes `String`, `Vec<u8>`, `bytes::Bytes` or an `Option` of one"
)]
pub trait EncryptedField<const KEEP: bool>: Sized {
    /// The field's operations.
    const OPS: FieldOps<Self>;
}

impl<T, const KEEP: bool> EncryptedField<KEEP> for T
where
    T: crate::encrypt::Encryptable + DynoValue + Clone + PartialEq,
{
    const OPS: FieldOps<T> = FieldOps {
        to_attr: T::to_attribute_value,
        read: if KEEP {
            T::from_attribute_value
        } else {
            crate::encrypt::read_field::<T>
        },
        from_json: T::attribute_value_from_json,
        copy: T::clone,
        differs: differs::<T>,
    };
}

/// The types an S3-backed field may have.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(s3)]` field",
    label = "an S3-backed field is a `dynox_core::s3::S3Object` or an `Option` of one (feature `s3`)"
)]
pub trait S3Stored {}

#[cfg(feature = "s3")]
impl S3Stored for crate::s3::S3Object {}
#[cfg(feature = "s3")]
impl S3Stored for Option<crate::s3::S3Object> {}

/// A `#[dyno(s3(..))]` field: its object's metadata stored through its
/// `DynoValue` impl; the operation layer uploads and deletes the objects.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(s3)]` field",
    label = "an S3-backed field is a `dynox_core::s3::S3Object` or an `Option` of one (feature `s3`)"
)]
pub trait ObjectField: Sized {
    /// The field's operations.
    const OPS: FieldOps<Self>;
}

impl<T: S3Stored + DynoValue + Clone + PartialEq> ObjectField for T {
    const OPS: FieldOps<T> = PlainField::OPS;
}
