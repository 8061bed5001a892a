//! Attribute constants: `User::NAME` is an `Attr<User, String>`.
//!
//! The model and field types ride along as phantom types, so an operation on
//! `User` only accepts `User`'s attributes, with values of the field's type.

use std::fmt;
use std::marker::PhantomData;

/// A model attribute, typed by its model `M` and its field type `T`.
pub struct Attr<M, T> {
    name: &'static str,
    field: &'static str,
    _types: PhantomData<fn() -> (M, T)>,
}

impl<M, T> Attr<M, T> {
    /// Used by the derive; `name` is the stored attribute name.
    #[doc(hidden)]
    pub const fn __new(name: &'static str, field: &'static str) -> Self {
        Attr {
            name,
            field,
            _types: PhantomData,
        }
    }

    /// The stored attribute name (after `rename`).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The Rust field name.
    pub const fn field_name(&self) -> &'static str {
        self.field
    }
}

// By hand, so that `M` and `T` need not be `Clone`/`Copy`/`Debug`.
impl<M, T> Clone for Attr<M, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M, T> Copy for Attr<M, T> {}

impl<M, T> fmt::Debug for Attr<M, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Attr({})", self.name)
    }
}
