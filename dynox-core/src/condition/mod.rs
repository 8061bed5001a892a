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

mod operators;
mod path;

pub use operators::{Containable, Ordered, Prefixable, Size, Sized_};
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
        render(&self.node, p)
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

fn render(node: &Node, p: &mut Placeholders) -> Option<String> {
    Some(match node {
        Node::Compare(path, cmp, v) => {
            format!("{} {} {}", path.render(p), cmp.symbol(), p.value(v.clone()))
        }
        Node::Between(path, lo, hi) => {
            format!(
                "{} BETWEEN {} AND {}",
                path.render(p),
                p.value(lo.clone()),
                p.value(hi.clone())
            )
        }
        Node::BeginsWith(path, v) => {
            format!("begins_with({}, {})", path.render(p), p.value(v.clone()))
        }
        Node::Contains(path, v) => format!("contains({}, {})", path.render(p), p.value(v.clone())),
        Node::In(path, values) => {
            if values.is_empty() {
                return render(&Node::Never, p);
            }
            let path = path.render(p);
            let list: Vec<String> = values.iter().map(|v| p.value(v.clone())).collect();
            format!("{path} IN ({})", list.join(", "))
        }
        Node::Exists(path) => format!("attribute_exists({})", path.render(p)),
        Node::NotExists(path) => format!("attribute_not_exists({})", path.render(p)),
        Node::Type(path, t) => format!(
            "attribute_type({}, {})",
            path.render(p),
            p.value(AttributeValue::S(t.as_str().to_owned()))
        ),
        Node::Size(path, cmp, v) => format!(
            "size({}) {} {}",
            path.render(p),
            cmp.symbol(),
            p.value(v.clone())
        ),
        Node::SizeBetween(path, lo, hi) => format!(
            "size({}) BETWEEN {} AND {}",
            path.render(p),
            p.value(lo.clone()),
            p.value(hi.clone())
        ),
        Node::All(nodes) => {
            let parts: Vec<String> = nodes.iter().filter_map(|n| render(n, p)).collect();
            match parts.len() {
                0 => return None,
                1 => parts.into_iter().next().unwrap_or_default(),
                _ => format!("({})", parts.join(" AND ")),
            }
        }
        Node::Any(nodes) => {
            let mut parts = Vec::with_capacity(nodes.len());
            for n in nodes {
                match render(n, p) {
                    Some(text) => parts.push(text),
                    // one member always holds, so the whole `any` does
                    None => return None,
                }
            }
            match parts.len() {
                0 => return render(&Node::Never, p),
                1 => parts.into_iter().next().unwrap_or_default(),
                _ => format!("({})", parts.join(" OR ")),
            }
        }
        Node::Not(inner) => match render(inner, p) {
            Some(text) => format!("(NOT {text})"),
            None => return render(&Node::Never, p),
        },
        // DynamoDB has no `false` literal: no attribute both exists and does not.
        Node::Never => {
            let n = p.name("__dynox_never");
            format!("(attribute_exists({n}) AND attribute_not_exists({n}))")
        }
    })
}

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
mod tests {
    use super::*;
    use crate::Attr;
    use std::collections::{BTreeSet, HashMap};

    struct M;
    const NAME: Attr<M, String> = Attr::__new("name", "name");
    const AGE: Attr<M, u32> = Attr::__new("age", "age");
    const EMAIL: Attr<M, Option<String>> = Attr::__new("email", "email");
    const TAGS: Attr<M, BTreeSet<String>> = Attr::__new("tags", "tags");
    const MAP: Attr<M, HashMap<String, Vec<u8>>> = Attr::__new("a.b #c", "map");
    const LIST: Attr<M, Vec<u32>> = Attr::__new("list", "list");

    fn text(
        c: &Condition<M>,
    ) -> (
        Option<String>,
        Option<HashMap<String, String>>,
        Option<crate::Item>,
    ) {
        let mut p = Placeholders::default();
        let t = c.render(&mut p);
        let (n, v) = p.finish();
        (t, n, v)
    }

    #[test]
    fn every_function_renders_with_placeholders() {
        let cases: Vec<(Condition<M>, &str)> = vec![
            (NAME.eq("x"), "#n0 = :v0"),
            (NAME.ne("x"), "#n0 <> :v0"),
            (AGE.lt(1), "#n0 < :v0"),
            (AGE.le(1), "#n0 <= :v0"),
            (AGE.gt(1), "#n0 > :v0"),
            (AGE.ge(1), "#n0 >= :v0"),
            (AGE.between(1, 2), "#n0 BETWEEN :v0 AND :v1"),
            (NAME.begins_with("a"), "begins_with(#n0, :v0)"),
            (NAME.contains("a"), "contains(#n0, :v0)"),
            (TAGS.contains("vip"), "contains(#n0, :v0)"),
            (AGE.is_in([1, 2, 3]), "#n0 IN (:v0, :v1, :v2)"),
            (NAME.exists(), "attribute_exists(#n0)"),
            (NAME.not_exists(), "attribute_not_exists(#n0)"),
            (
                NAME.attribute_type(DynamoType::S),
                "attribute_type(#n0, :v0)",
            ),
            (NAME.size().gt(3), "size(#n0) > :v0"),
            (TAGS.size().between(1, 2), "size(#n0) BETWEEN :v0 AND :v1"),
            (EMAIL.eq("e"), "#n0 = :v0"),
            (EMAIL.eq(None::<String>), "attribute_not_exists(#n0)"),
            (MAP.key("k.1").exists(), "attribute_exists(#n0.#n1)"),
            (LIST.index(2).gt(5), "#n0[2] > :v0"),
            (AGE.gt(1) & NAME.eq("x"), "(#n0 > :v0 AND #n1 = :v1)"),
            (
                AGE.gt(1) | NAME.eq("x") | NAME.exists(),
                "(#n0 > :v0 OR #n1 = :v1 OR attribute_exists(#n1))",
            ),
            (!NAME.exists(), "(NOT attribute_exists(#n0))"),
            (!!NAME.exists(), "attribute_exists(#n0)"),
            (
                AGE.is_in(Vec::<u32>::new()),
                "(attribute_exists(#n0) AND attribute_not_exists(#n0))",
            ),
        ];
        for (c, expected) in cases {
            assert_eq!(text(&c).0.as_deref(), Some(expected), "{c:?}");
        }
    }

    #[test]
    fn names_and_values_never_enter_the_text() {
        let c = MAP.key("x = :y OR #z").exists() & NAME.eq(") OR attribute_exists(pk");
        let (t, names, values) = text(&c);
        let t = t.expect("rendered");
        assert!(
            !t.contains("OR attribute") && !t.contains(":y") && !t.contains("a.b"),
            "{t}"
        );
        let names = names.expect("names");
        assert_eq!(names["#n0"], "a.b #c");
        assert_eq!(names["#n1"], "x = :y OR #z");
        assert_eq!(names["#n2"], "name");
        assert_eq!(
            values.expect("values")[":v0"],
            AttributeValue::S(") OR attribute_exists(pk".into())
        );
    }

    #[test]
    fn all_and_any_at_run_time() {
        assert_eq!(
            text(&Condition::<M>::all([])).0,
            None,
            "all of nothing always holds"
        );
        assert_eq!(
            text(&Condition::all([AGE.gt(1)])).0.as_deref(),
            Some("#n0 > :v0"),
            "one condition needs no parentheses"
        );
        assert_eq!(
            text(&Condition::any(Vec::<Condition<M>>::new()))
                .0
                .as_deref(),
            Some("(attribute_exists(#n0) AND attribute_not_exists(#n0))"),
            "any of nothing never holds"
        );
        let built: Vec<_> = (0..3).map(|i| AGE.ne(i)).collect();
        assert_eq!(
            text(&Condition::all(built)).0.as_deref(),
            Some("(#n0 <> :v0 AND #n0 <> :v1 AND #n0 <> :v2)")
        );
    }

    #[test]
    fn rendering_is_deterministic() {
        let make = || (AGE.gt(1) & MAP.key("k").exists()) | NAME.begins_with("p");
        assert_eq!(format!("{:?}", make()), format!("{:?}", make()));
    }
}
