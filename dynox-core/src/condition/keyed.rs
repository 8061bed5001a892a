//! Conditions that name key attributes, and where they may go.

use super::Condition;
use std::marker::PhantomData;

/// The model of a key attribute's constant: `User::PK` is an
/// `Attr<Keyed<User>, String>`, and a condition on it (or on it and other
/// attributes) is a `Condition<Keyed<User>>`. Such a condition goes wherever
/// a `Condition<User>` goes (write conditions, scans, index queries), except
/// the filter of a query of the table, where DynamoDB refuses key attributes.
pub struct Keyed<M>(PhantomData<fn() -> M>);

impl<M> std::fmt::Debug for Keyed<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keyed")
    }
}

impl<M> From<Condition<Keyed<M>>> for Condition<M> {
    fn from(c: Condition<Keyed<M>>) -> Self {
        Condition::from_node(c.node)
    }
}

/// A condition on the items of `M`: a `Condition<M>`, or a
/// `Condition<Keyed<M>>` that also names its key attributes. What write
/// conditions and scan filters take.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a condition on `{M}`",
    label = "a condition on another model's attributes",
    note = "build the condition from `{M}`'s attribute constants (`{M}::NAME.eq(..)`)"
)]
pub trait ConditionOf<M> {
    /// The condition, for the request.
    fn into_condition(self) -> Condition<M>;
}

impl<M> ConditionOf<M> for Condition<M> {
    fn into_condition(self) -> Condition<M> {
        self
    }
}

impl<M> ConditionOf<M> for Condition<Keyed<M>> {
    fn into_condition(self) -> Condition<M> {
        self.into()
    }
}

/// `&` and `|` of a condition on keys and one on other attributes: the
/// result names a key.
macro_rules! mixed {
    ($trait:ident, $method:ident) => {
        impl<M> std::ops::$trait<Condition<M>> for Condition<Keyed<M>> {
            type Output = Condition<Keyed<M>>;
            fn $method(self, rhs: Condition<M>) -> Condition<Keyed<M>> {
                std::ops::$trait::$method(self, Condition::<Keyed<M>>::from_node(rhs.node))
            }
        }

        impl<M> std::ops::$trait<Condition<Keyed<M>>> for Condition<M> {
            type Output = Condition<Keyed<M>>;
            fn $method(self, rhs: Condition<Keyed<M>>) -> Condition<Keyed<M>> {
                std::ops::$trait::$method(Condition::<Keyed<M>>::from_node(self.node), rhs)
            }
        }
    };
}

mixed!(BitAnd, bitand);
mixed!(BitOr, bitor);
