//! Which Rust values an operation accepts for a field of type `T`.

use super::DynoValue;
use crate::AttributeValue;

/// A value accepted where a field of type `T` is expected: `T` itself, `&str`
/// for `String`, and `T` or `&str` for `Option<T>` fields.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value for a field of type `{T}`",
    label = "expected a value of the field's type `{T}`"
)]
pub trait FieldValue<T> {
    /// The stored form; `None` when the value is absent (`None`, empty set).
    fn into_attribute_value(self) -> Option<AttributeValue>;
}

impl<T: DynoValue> FieldValue<T> for T {
    fn into_attribute_value(self) -> Option<AttributeValue> {
        self.to_attribute_value()
    }
}

impl<T: DynoValue> FieldValue<Option<T>> for T {
    fn into_attribute_value(self) -> Option<AttributeValue> {
        self.to_attribute_value()
    }
}

impl FieldValue<String> for &str {
    fn into_attribute_value(self) -> Option<AttributeValue> {
        Some(AttributeValue::S(self.to_owned()))
    }
}

impl FieldValue<Option<String>> for &str {
    fn into_attribute_value(self) -> Option<AttributeValue> {
        Some(AttributeValue::S(self.to_owned()))
    }
}

impl FieldValue<String> for &String {
    fn into_attribute_value(self) -> Option<AttributeValue> {
        Some(AttributeValue::S(self.clone()))
    }
}

/// A field type that may be absent from the item, so `REMOVE` is allowed on it.
#[diagnostic::on_unimplemented(
    message = "a field of type `{Self}` must always have a value, so it cannot be removed",
    note = "`remove` works on `Option`, set, list and map fields; make the field an `Option` to allow removing it"
)]
pub trait Removable {}

impl<T> Removable for Option<T> {}
// a missing list (or binary value) reads as empty
impl<T> Removable for Vec<T> {}
impl<T, S> Removable for std::collections::HashSet<T, S> {}
impl<T> Removable for std::collections::BTreeSet<T> {}
impl<T, S> Removable for std::collections::HashMap<String, T, S> {}
impl<T> Removable for std::collections::BTreeMap<String, T> {}
