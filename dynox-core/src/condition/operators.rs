//! The condition functions on attribute constants and paths. Each is only
//! available where DynamoDB accepts it for the field's type, and takes values
//! of the field's type.

use super::path::{AttrPath, Path, RawPath};
use super::{Cmp, Condition, DynamoType, Node};
use crate::value::FieldValue;
use crate::{Attr, AttributeValue, DynoValue};

/// Types DynamoDB orders: numbers, strings and binary (`<`, `between`, ...).
#[diagnostic::on_unimplemented(
    message = "values of type `{Self}` cannot be ordered by DynamoDB",
    note = "`lt`, `le`, `gt`, `ge` and `between` work on numbers, strings and binary values"
)]
pub trait Ordered {}

/// Types `begins_with` works on: strings and binary.
#[diagnostic::on_unimplemented(
    message = "`begins_with` needs a string or binary field, not `{Self}`",
    note = "DynamoDB's begins_with works on strings (S) and binary (B)"
)]
pub trait Prefixable {}

/// Types `contains` works on: a substring of a string, a member of a set or
/// an element of a list.
#[diagnostic::on_unimplemented(
    message = "`contains` needs a string, set or list field, not `{Self}`",
    note = "DynamoDB's contains works on strings, sets and lists"
)]
pub trait Containable {
    /// What is looked for: a string in a string, a member in a set or list.
    type Element;
}

/// Types `size()` measures: strings, binary, sets, lists and maps.
#[diagnostic::on_unimplemented(
    message = "`size` needs a string, binary, set, list or map field, not `{Self}`",
    note = "DynamoDB's size() measures strings, binary values, sets, lists and maps"
)]
pub trait Measurable {}

/// The former name of [`Measurable`], kept so code that names it compiles.
#[doc(hidden)]
pub use Measurable as Sized_;

macro_rules! marker {
    ($trait:ident: $($t:ty),*) => {$( impl $trait for $t {} )*};
}

marker!(Ordered: String, i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64,
    Vec<u8>, bytes::Bytes, crate::Number);
marker!(Prefixable: String, Vec<u8>, bytes::Bytes);
marker!(Measurable: String, bytes::Bytes);
impl<T: Ordered> Ordered for Option<T> {}
impl<T: Prefixable> Prefixable for Option<T> {}
impl<T: Measurable> Measurable for Option<T> {}
impl<T> Measurable for Vec<T> where T: DynoValue {}
impl<T, S> Measurable for std::collections::HashSet<T, S> {}
impl<T> Measurable for std::collections::BTreeSet<T> {}
impl<T, S> Measurable for std::collections::HashMap<String, T, S> {}
impl<T> Measurable for std::collections::BTreeMap<String, T> {}

impl Containable for String {
    type Element = String;
}
impl<T, S> Containable for std::collections::HashSet<T, S> {
    type Element = T;
}
impl<T> Containable for std::collections::BTreeSet<T> {
    type Element = T;
}
impl<T> Containable for Vec<T> {
    type Element = T;
}
impl<T: Containable> Containable for Option<T> {
    type Element = T::Element;
}

fn value<T, V: FieldValue<T>>(v: V) -> Option<AttributeValue> {
    v.into_attribute_value()
}

/// `size(path)`, to compare with a number.
pub struct Size<M> {
    path: RawPath,
    _model: std::marker::PhantomData<fn() -> M>,
}

impl<M> std::fmt::Debug for Size<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Size({:?})", self.path)
    }
}

fn n(v: u64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

impl<M> Size<M> {
    fn cmp(self, cmp: Cmp, v: u64) -> Condition<M> {
        Condition::from_node(Node::Size(self.path, cmp, n(v)))
    }
    /// `size(path) = v`
    pub fn eq(self, v: u64) -> Condition<M> {
        self.cmp(Cmp::Eq, v)
    }
    /// `size(path) <> v`
    pub fn ne(self, v: u64) -> Condition<M> {
        self.cmp(Cmp::Ne, v)
    }
    /// `size(path) < v`
    pub fn lt(self, v: u64) -> Condition<M> {
        self.cmp(Cmp::Lt, v)
    }
    /// `size(path) <= v`
    pub fn le(self, v: u64) -> Condition<M> {
        self.cmp(Cmp::Le, v)
    }
    /// `size(path) > v`
    pub fn gt(self, v: u64) -> Condition<M> {
        self.cmp(Cmp::Gt, v)
    }
    /// `size(path) >= v`
    pub fn ge(self, v: u64) -> Condition<M> {
        self.cmp(Cmp::Ge, v)
    }
    /// `size(path) BETWEEN lo AND hi`
    pub fn between(self, lo: u64, hi: u64) -> Condition<M> {
        Condition::from_node(Node::SizeBetween(self.path, n(lo), n(hi)))
    }
}

/// A comparison with an absent value (`None`, an empty set): equal means the
/// attribute does not exist, unequal that it does.
fn compare(path: RawPath, cmp: Cmp, v: Option<AttributeValue>) -> Node {
    match (v, cmp) {
        (Some(v), cmp) => Node::Compare(path, cmp, v),
        (None, Cmp::Eq) => Node::NotExists(path),
        (None, Cmp::Ne) => Node::Exists(path),
        // nothing orders against an absent value
        (None, _) => Node::Never,
    }
}

macro_rules! conditions {
    ($ty:ident) => {
        impl<M, T> $ty<M, T> {
            fn raw(self) -> RawPath {
                AttrPath::into_path(self).raw
            }

            /// `path = value`. Comparing with `None` tests that the attribute is absent.
            pub fn eq<V: FieldValue<T>>(self, v: V) -> Condition<M> {
                Condition::from_node(compare(self.raw(), Cmp::Eq, value(v)))
            }

            /// `path <> value`. Also true when the attribute is absent.
            pub fn ne<V: FieldValue<T>>(self, v: V) -> Condition<M> {
                Condition::from_node(compare(self.raw(), Cmp::Ne, value(v)))
            }

            /// `path IN (values...)`; an empty list never holds.
            pub fn is_in<V: FieldValue<T>>(
                self,
                values: impl IntoIterator<Item = V>,
            ) -> Condition<M> {
                let values = values.into_iter().filter_map(|v| value(v)).collect();
                Condition::from_node(Node::In(self.raw(), values))
            }

            /// `attribute_exists(path)`
            pub fn exists(self) -> Condition<M> {
                Condition::from_node(Node::Exists(self.raw()))
            }

            /// `attribute_not_exists(path)`
            pub fn not_exists(self) -> Condition<M> {
                Condition::from_node(Node::NotExists(self.raw()))
            }

            /// `attribute_type(path, type)`
            pub fn attribute_type(self, t: DynamoType) -> Condition<M> {
                Condition::from_node(Node::Type(self.raw(), t))
            }

            /// `path < value`
            pub fn lt<V: FieldValue<T>>(self, v: V) -> Condition<M>
            where
                T: Ordered,
            {
                Condition::from_node(compare(self.raw(), Cmp::Lt, value(v)))
            }
            /// `path <= value`
            pub fn le<V: FieldValue<T>>(self, v: V) -> Condition<M>
            where
                T: Ordered,
            {
                Condition::from_node(compare(self.raw(), Cmp::Le, value(v)))
            }
            /// `path > value`
            pub fn gt<V: FieldValue<T>>(self, v: V) -> Condition<M>
            where
                T: Ordered,
            {
                Condition::from_node(compare(self.raw(), Cmp::Gt, value(v)))
            }
            /// `path >= value`
            pub fn ge<V: FieldValue<T>>(self, v: V) -> Condition<M>
            where
                T: Ordered,
            {
                Condition::from_node(compare(self.raw(), Cmp::Ge, value(v)))
            }
            /// `path BETWEEN low AND high` (inclusive).
            pub fn between<V: FieldValue<T>, W: FieldValue<T>>(
                self,
                low: V,
                high: W,
            ) -> Condition<M> {
                match (value(low), value(high)) {
                    (Some(lo), Some(hi)) => Condition::from_node(Node::Between(self.raw(), lo, hi)),
                    _ => Condition::from_node(Node::Never),
                }
            }

            /// `begins_with(path, prefix)`
            pub fn begins_with<V: FieldValue<T>>(self, prefix: V) -> Condition<M>
            where
                T: Prefixable,
            {
                match value(prefix) {
                    Some(v) => Condition::from_node(Node::BeginsWith(self.raw(), v)),
                    None => Condition::from_node(Node::Never),
                }
            }

            /// `contains(path, element)`: a substring, a set member or a list element.
            pub fn contains<V: FieldValue<T::Element>>(self, element: V) -> Condition<M>
            where
                T: Containable,
            {
                match value(element) {
                    Some(v) => Condition::from_node(Node::Contains(self.raw(), v)),
                    None => Condition::from_node(Node::Never),
                }
            }

            /// `size(path)`, to compare with a number.
            pub fn size(self) -> Size<M>
            where
                T: Measurable,
            {
                Size {
                    path: self.raw(),
                    _model: std::marker::PhantomData,
                }
            }
        }
    };
}

conditions!(Attr);
conditions!(Path);
