//! The typed update actions, shared by every builder that sends an UpdateItem.

/// Number field types: `increment`, `decrement` and `add` work on them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number field",
    note = "increment, decrement and add of a number need an integer, float or `Number` field"
)]
pub trait Numeric {}

macro_rules! numeric {
    ($($t:ty),*) => {$( impl Numeric for $t {} )*};
}
numeric!(
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    f32,
    f64,
    crate::Number
);
impl<T: Numeric> Numeric for Option<T> {}

/// Set field types: `add` inserts members, `delete` removes them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a set field",
    note = "`delete` removes members from a set (SS, NS, BS) field; use `remove` to drop an attribute"
)]
pub trait SetField {}

impl<T, S> SetField for std::collections::HashSet<T, S> {}
impl<T> SetField for std::collections::BTreeSet<T> {}

/// Field types `add` works on: numbers and sets, as DynamoDB's `ADD`.
#[diagnostic::on_unimplemented(
    message = "`add` needs a number or set field, not `{Self}`",
    note = "DynamoDB's ADD works on numbers and sets; use `set` for other types"
)]
pub trait Addable {}

impl<T: Numeric> Addable for T {}
impl<T, S> Addable for std::collections::HashSet<T, S> {}
impl<T> Addable for std::collections::BTreeSet<T> {}

/// Adds the typed update actions to a builder with an `actions: UpdateActions`
/// field and a model type parameter `M`.
macro_rules! update_methods {
    ($builder:ident) => {
        impl<'a, M: $crate::DynoModel> $builder<'a, M> {
            /// `SET path = value`. A `None` value (or an empty set) removes the attribute.
            pub fn set<T, V: $crate::FieldValue<T>>(
                mut self,
                path: impl $crate::AttrPath<M, T>,
                value: V,
            ) -> Self {
                self.actions
                    .set(path.into_path().raw, value.into_attribute_value());
                self
            }

            /// `SET path = if_not_exists(path, value)`: sets it only when absent.
            pub fn set_if_not_exists<T, V: $crate::FieldValue<T>>(
                mut self,
                path: impl $crate::AttrPath<M, T>,
                value: V,
            ) -> Self {
                // setting "absent if absent" changes nothing, so None adds no action
                if let Some(v) = value.into_attribute_value() {
                    self.actions.set_with(
                        path.into_path().raw,
                        $crate::ops::update_expr::SetValue::IfNotExists(v),
                    );
                }
                self
            }

            /// `REMOVE path`; only fields that may be absent can be removed.
            pub fn remove<T: $crate::Removable>(
                mut self,
                path: impl $crate::AttrPath<M, T>,
            ) -> Self {
                self.actions.remove(path.into_path().raw);
                self
            }

            /// Adds `by` to a number, starting from 0 when the attribute is missing
            /// (`SET n = if_not_exists(n, 0) + by`).
            pub fn increment<T: $crate::ops::Numeric, V: $crate::FieldValue<T>>(
                mut self,
                path: impl $crate::AttrPath<M, T>,
                by: V,
            ) -> Self {
                if let Some(v) = by.into_attribute_value() {
                    self.actions.set_with(
                        path.into_path().raw,
                        $crate::ops::update_expr::SetValue::Add(v, true),
                    );
                }
                self
            }

            /// Subtracts `by` from a number, starting from 0 when it is missing.
            pub fn decrement<T: $crate::ops::Numeric, V: $crate::FieldValue<T>>(
                mut self,
                path: impl $crate::AttrPath<M, T>,
                by: V,
            ) -> Self {
                if let Some(v) = by.into_attribute_value() {
                    self.actions.set_with(
                        path.into_path().raw,
                        $crate::ops::update_expr::SetValue::Add(v, false),
                    );
                }
                self
            }

            /// `ADD path value`: adds to a number (from 0 when missing) or
            /// inserts members into a set (creating it when missing).
            pub fn add<T: $crate::ops::Addable, V: $crate::FieldValue<T>>(
                mut self,
                path: impl $crate::AttrPath<M, T>,
                value: V,
            ) -> Self {
                self.actions
                    .add(path.into_path().raw, value.into_attribute_value());
                self
            }

            /// `DELETE path members`: removes members from a set.
            pub fn delete<T: $crate::ops::SetField, V: $crate::FieldValue<T>>(
                mut self,
                path: impl $crate::AttrPath<M, T>,
                members: V,
            ) -> Self {
                self.actions
                    .delete(path.into_path().raw, members.into_attribute_value());
                self
            }

            /// Appends elements to a list, creating it when missing.
            pub fn append<E: $crate::DynoValue>(
                mut self,
                path: impl $crate::AttrPath<M, Vec<E>>,
                items: Vec<E>,
            ) -> Self {
                if let Some(v) = $crate::DynoValue::to_attribute_value(&items) {
                    self.actions.set_with(
                        path.into_path().raw,
                        $crate::ops::update_expr::SetValue::Append(v),
                    );
                }
                self
            }

            /// Puts elements in front of a list, creating it when missing.
            pub fn prepend<E: $crate::DynoValue>(
                mut self,
                path: impl $crate::AttrPath<M, Vec<E>>,
                items: Vec<E>,
            ) -> Self {
                if let Some(v) = $crate::DynoValue::to_attribute_value(&items) {
                    self.actions.set_with(
                        path.into_path().raw,
                        $crate::ops::update_expr::SetValue::Prepend(v),
                    );
                }
                self
            }
        }
    };
}

pub(crate) use update_methods;
