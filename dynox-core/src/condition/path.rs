//! Document paths: an attribute, optionally followed by map keys and list
//! indexes (`address.city`, `history[0]`). Every name segment is rendered as
//! a `#n` placeholder, so names with dots, spaces or reserved words are safe.

use crate::expr::Placeholders;
use crate::Attr;
use std::borrow::Cow;
use std::marker::PhantomData;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    Name(Cow<'static, str>),
    Index(usize),
}

/// An untyped path, as the renderer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawPath(pub(crate) Vec<Segment>);

impl RawPath {
    pub(crate) fn attribute(name: &'static str) -> Self {
        RawPath(vec![Segment::Name(Cow::Borrowed(name))])
    }

    /// An attribute whose name is known only at run time (an item's).
    pub(crate) fn attribute_owned(name: String) -> Self {
        RawPath(vec![Segment::Name(Cow::Owned(name))])
    }

    /// The attribute the path starts at.
    pub(crate) fn top_level(&self) -> Option<&str> {
        match self.0.first() {
            Some(Segment::Name(name)) => Some(name),
            _ => None,
        }
    }

    pub(crate) fn render(&self, p: &mut Placeholders) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            match segment {
                Segment::Name(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&p.name(name));
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

/// A path into model `M` whose value has type `T`: an attribute constant
/// followed by map keys (`.key("city")`), list indexes (`.index(0)`) or the
/// fields of a nested value (`.field(Address::CITY)`).
pub struct Path<M, T> {
    pub(crate) raw: RawPath,
    _types: PhantomData<fn() -> (M, T)>,
}

impl<M, T> Path<M, T> {
    pub(crate) fn new(raw: RawPath) -> Self {
        Path {
            raw,
            _types: PhantomData,
        }
    }

    fn push<U>(mut self, segment: Segment) -> Path<M, U> {
        self.raw.0.push(segment);
        Path::new(self.raw)
    }
}

impl<M, T> Clone for Path<M, T> {
    fn clone(&self) -> Self {
        Path::new(self.raw.clone())
    }
}

impl<M, T> std::fmt::Debug for Path<M, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Path({:?})", self.raw.0)
    }
}

/// Anything that names a typed location in model `M`: an [`Attr`] or a [`Path`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an attribute of `{M}` that an update can write",
    label = "not a non-key attribute of `{M}`",
    note = "an update names `{M}`'s own non-key attributes; DynamoDB refuses updates of key attributes (delete the item and save a new one to change a key)"
)]
pub trait AttrPath<M, T> {
    /// The location as a path.
    fn into_path(self) -> Path<M, T>;
}

impl<M, T> AttrPath<M, T> for Attr<M, T> {
    fn into_path(self) -> Path<M, T> {
        Path::new(RawPath::attribute(self.name()))
    }
}

impl<M, T> AttrPath<M, T> for Path<M, T> {
    fn into_path(self) -> Path<M, T> {
        self
    }
}

/// A map-like field type: `.key(k)` reaches an entry of type `Value`.
pub trait MapLike {
    /// The entries' type.
    type Value;
}

impl<T, S> MapLike for std::collections::HashMap<String, T, S> {
    type Value = T;
}
impl<T> MapLike for std::collections::BTreeMap<String, T> {
    type Value = T;
}
impl<T: MapLike> MapLike for Option<T> {
    type Value = T::Value;
}

/// A list field type: `.index(i)` reaches an element of type `Element`.
pub trait ListLike {
    /// The elements' type.
    type Element;
}

impl<T> ListLike for Vec<T> {
    type Element = T;
}
impl<T: ListLike> ListLike for Option<T> {
    type Element = T::Element;
}

/// A nested value whose fields have attribute constants (`#[derive(DynoValue)]` structs).
pub trait Nested {}

macro_rules! navigation {
    ($ty:ident) => {
        impl<M, T> $ty<M, T> {
            /// The entry `key` of this map.
            pub fn key(self, key: impl Into<String>) -> Path<M, T::Value>
            where
                T: MapLike,
            {
                self.into_path().push(Segment::Name(Cow::Owned(key.into())))
            }

            /// The element at `index` of this list.
            pub fn index(self, index: usize) -> Path<M, T::Element>
            where
                T: ListLike,
            {
                self.into_path().push(Segment::Index(index))
            }

            /// A field of the nested value stored here, by that type's
            /// attribute constant: `User::ADDRESS.field(Address::CITY)`.
            pub fn field<N, U>(self, field: Attr<N, U>) -> Path<M, U>
            where
                T: NestedIn<N>,
            {
                self.into_path()
                    .push(Segment::Name(Cow::Borrowed(field.name())))
            }
        }
    };
}

/// `T` stores a value of type `N` (itself, or inside an `Option`).
pub trait NestedIn<N> {}

impl<N: Nested> NestedIn<N> for N {}
impl<N: Nested> NestedIn<N> for Option<N> {}

navigation!(Attr);
navigation!(Path);
