//! Conditions: typed by model, built from attribute constants, rendered with
//! placeholders for every name and value.
//!
//! ```
//! # use dynox_core::prelude::*;
//! # #[derive(DynoModel, Debug, Clone, PartialEq)]
//! # #[dyno(table = "users")]
//! # struct User { #[dyno(partition_key)] pk: String, age: u32, status: String, tags: std::collections::BTreeSet<String> }
//! let adult_and_active = User::AGE.ge(18) & User::STATUS.eq("active");
//! let tagged = User::TAGS.contains("vip") | !User::STATUS.exists();
//! let any = Condition::any([adult_and_active, tagged]);
//! ```

mod keyed;
mod operators;
mod path;
mod render;

pub use crate::attr::Attr;
pub use keyed::{ConditionOf, Keyed};

#[doc(hidden)]
pub use operators::Sized_;
pub use operators::{Containable, Measurable, Ordered, Prefixable, Size};
pub use path::{AttrPath, ListLike, MapLike, Nested, NestedIn, Path};

pub(crate) use path::RawPath;

use crate::expr::Placeholders;
use crate::AttributeValue;
use std::marker::PhantomData;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Ne => "<>",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

/// The DynamoDB types `attribute_type` tests for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DynamoType {
    /// String.
    S,
    /// Number.
    N,
    /// Binary.
    B,
    /// Boolean.
    Bool,
    /// Null.
    Null,
    /// String set.
    Ss,
    /// Number set.
    Ns,
    /// Binary set.
    Bs,
    /// List.
    L,
    /// Map.
    M,
}

impl DynamoType {
    fn as_str(self) -> &'static str {
        match self {
            DynamoType::S => "S",
            DynamoType::N => "N",
            DynamoType::B => "B",
            DynamoType::Bool => "BOOL",
            DynamoType::Null => "NULL",
            DynamoType::Ss => "SS",
            DynamoType::Ns => "NS",
            DynamoType::Bs => "BS",
            DynamoType::L => "L",
            DynamoType::M => "M",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Compare(RawPath, Cmp, AttributeValue),
    Between(RawPath, AttributeValue, AttributeValue),
    BeginsWith(RawPath, AttributeValue),
    Contains(RawPath, AttributeValue),
    In(RawPath, Vec<AttributeValue>),
    Exists(RawPath),
    NotExists(RawPath),
    Type(RawPath, DynamoType),
    Size(RawPath, Cmp, AttributeValue),
    SizeBetween(RawPath, AttributeValue, AttributeValue),
    /// Every condition holds; empty means "always", which renders as no condition.
    All(Vec<Node>),
    /// One condition holds; empty means "never".
    Any(Vec<Node>),
    Not(Box<Node>),
    /// A comparison that can never hold (e.g. `eq(None)`): `attribute_not_exists`
    /// on a path is used where that is the meaning.
    Never,
}

/// A condition on items of model `M`.
///
/// Combine with `&`, `|` and `!`, or [`Condition::all`] / [`Condition::any`]
/// for lists built at run time. A `Condition<Order>` cannot be given to an
/// operation on `User`.
pub struct Condition<M> {
    pub(crate) node: Node,
    _model: PhantomData<fn() -> M>,
}

impl<M> Clone for Condition<M> {
    fn clone(&self) -> Self {
        Condition::from_node(self.node.clone())
    }
}

impl<M> std::fmt::Debug for Condition<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut p = Placeholders::default();
        let text = self.render(&mut p);
        let (names, values) = p.finish();
        // sorted, so equal conditions print alike
        let names: std::collections::BTreeMap<_, _> =
            names.unwrap_or_default().into_iter().collect();
        let values: std::collections::BTreeMap<_, _> =
            values.unwrap_or_default().into_iter().collect();
        f.debug_struct("Condition")
            .field("expression", &text)
            .field("names", &names)
            .field("values", &values)
            .finish()
    }
}

impl<M> Condition<M> {
    pub(crate) fn from_node(node: Node) -> Self {
        Condition {
            node,
            _model: PhantomData,
        }
    }

    /// Holds when every condition holds (always, for none).
    pub fn all(conditions: impl IntoIterator<Item = Condition<M>>) -> Self {
        Condition::from_node(Node::All(conditions.into_iter().map(|c| c.node).collect()))
    }

    /// Holds when at least one condition holds (never, for none).
    pub fn any(conditions: impl IntoIterator<Item = Condition<M>>) -> Self {
        Condition::from_node(Node::Any(conditions.into_iter().map(|c| c.node).collect()))
    }

    /// The expression text, or `None` when the condition always holds.
    pub(crate) fn render(&self, p: &mut Placeholders) -> Option<String> {
        render::render(&self.node, p)
    }

    /// This condition and another (for building in a loop).
    pub fn and(self, other: Condition<M>) -> Self {
        self & other
    }

    /// This condition or another.
    pub fn or(self, other: Condition<M>) -> Self {
        self | other
    }
}

impl<M> std::ops::BitAnd for Condition<M> {
    type Output = Condition<M>;
    fn bitand(self, rhs: Self) -> Self {
        let mut nodes = match self.node {
            Node::All(v) => v,
            n => vec![n],
        };
        match rhs.node {
            Node::All(v) => nodes.extend(v),
            n => nodes.push(n),
        }
        Condition::from_node(Node::All(nodes))
    }
}

impl<M> std::ops::BitOr for Condition<M> {
    type Output = Condition<M>;
    fn bitor(self, rhs: Self) -> Self {
        let mut nodes = match self.node {
            Node::Any(v) => v,
            n => vec![n],
        };
        match rhs.node {
            Node::Any(v) => nodes.extend(v),
            n => nodes.push(n),
        }
        Condition::from_node(Node::Any(nodes))
    }
}

impl<M> std::ops::Not for Condition<M> {
    type Output = Condition<M>;
    fn not(self) -> Self {
        match self.node {
            Node::Not(inner) => Condition::from_node(*inner),
            n => Condition::from_node(Node::Not(Box::new(n))),
        }
    }
}

#[cfg(test)]
mod tests;
