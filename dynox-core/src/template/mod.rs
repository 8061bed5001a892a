//! Key templates, for single-table design: several entity types in one
//! table, each item's keys composed from its fields.
//!
//! ```
//! # use dynox_core::prelude::*;
//! #[derive(DynoModel, Debug, Clone, PartialEq)]
//! #[dyno(table = "app", pk = "USER#{user}", sk = "ORDER#{placed}#{number}")]
//! pub struct Order {
//!     pub user: String,
//!     /// an ISO date; `chrono::NaiveDate` with the feature `chrono`
//!     pub placed: String,
//!     pub number: u32,
//!     pub total: u64,
//! }
//!
//! #[derive(DynoModel, Debug, Clone, PartialEq)]
//! #[dyno(table = "app", pk = "USER#{user}", sk = "PROFILE")]
//! pub struct User {
//!     pub user: String,
//!     pub name: String,
//! }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! let db = Dynox::memory_with::<(Order,)>();
//! let day = |d: u32| format!("2026-11-{d:02}");
//! User { user: "ann".into(), name: "Ann".into() }.save(&db).await?;
//! for (d, number) in [(1, 9), (1, 10), (2, 1)] {
//!     Order { user: "ann".into(), placed: day(d), number, total: 5 }.save(&db).await?;
//! }
//! // stored as pk `USER#ann`, sk `ORDER#2026-11-01#0000000009`, and the fields
//! let order = Order::get(&db, "ann", day(1), 9).await?.expect("stored");
//! assert_eq!(order.total, 5);
//!
//! // the orders only (`begins_with(sk, "ORDER#")`): the profile is not read
//! let all = Order::query(&db, "ann").all().await?;
//! assert_eq!(all.iter().map(|o| o.number).collect::<Vec<_>>(), [9, 10, 1]);
//! let first_day = Order::query(&db, "ann").sort_prefix(&day(1)).all().await?;
//! assert_eq!(first_day.len(), 2);
//! # Ok(())
//! # }
//! ```
//!
//! # Templates
//!
//! `pk = "..."` and `sk = "..."` on the model replace `#[dyno(partition_key)]`
//! and `#[dyno(sort_key)]` fields. A template is segments separated by
//! `#`; each segment is fixed text or one placeholder, `{field}`, naming a
//! field of the model. The key attributes are named `pk` and `sk` unless
//! `pk_attribute = "..."` and `sk_attribute = "..."` say otherwise; the
//! fields are stored too, under their own names, so filters and indexes can
//! use them. A placeholder's field feeds the key: changing it on a
//! `Tracked` is [`Error::KeyChanged`](crate::Error::KeyChanged), as for a
//! key field. Everything about a template is checked when the model
//! compiles: an unknown field, a type that cannot be key text, a key
//! attribute name that a field also has.
//!
//! How values are written ([`KeyPart`]), so that a sort key sorts as its
//! values do:
//!
//! | type | text |
//! |---|---|
//! | `String` | as it is, with `%` written `%25` and `#` written `%23` |
//! | `u8`, `u16`, `u32`, `u64`, `usize` | zero-padded to 3, 5, 10, 20, 20 digits |
//! | `i8`, `i16`, `i32`, `i64`, `isize` | the same for zero and up (3, 5, 10, 19, 19 digits); a negative number is `-` and its distance from the type's least value, padded: `-1i8` is `-127` |
//! | `chrono::NaiveDate` (feature `chrono`) | `2026-11-26` |
//! | `chrono::DateTime<Utc>` (feature `chrono`) | `2026-11-26T04:12:35.000000Z` (always six fraction digits, as the field is stored) |
//! | `uuid::Uuid` (feature `uuid`) | lowercase, hyphenated |
//! | unit enums deriving `DynoValue` | the stored variant name, escaped as a `String` |
//!
//! A string holding `#` is escaped, not refused, so any text is a valid
//! key part and reads back as it was. Strings sort by their text, with two
//! differences from Rust's order: `#` and `%` sort as their escapes (`%23`,
//! `%25`), and a value is followed by `#` in the key, so a value that
//! continues with a character below `#` (space, `!`, `"` or a control
//! character) sorts before the value it extends. Dates sort as dates for
//! the years 0 to 9999; unit enums sort by their stored names.
//!
//! # Entity types
//!
//! Each item of a templated model also stores its entity type, `_et`
//! (`entity_attribute = "..."`), the struct's name unless `entity = "..."`
//! says otherwise. A load checks it: an `Order` read from a `User`'s item
//! is [`Error::Deserialize`](crate::Error::Deserialize) naming `_et`, not
//! a value made of the wrong fields. An item without the attribute (written
//! by another tool) is read by its fields.
//!
//! # Queries
//!
//! `Model::query(&db, ..)` takes the partition template's placeholders and,
//! when the sort template starts with fixed text, keeps to the items whose
//! sort key begins with it (is it, for a template without placeholders):
//! another entity type of the partition is not read at all. It also
//! filters by entity type, for templates that another entity's keys
//! extend (`PARCEL#{id}` and `PARCEL#{id}#LINE#{n}`): the lines are then
//! read and charged, but not returned; distinct prefixes avoid that. On that query, the sort placeholders narrow it, each taking
//! their leading values (one value, or a tuple of the first ones, in
//! order): [`sort_prefix`](crate::ops::Query::sort_prefix),
//! [`sort_between`](crate::ops::Query::sort_between),
//! [`sort_from`](crate::ops::Query::sort_from) and
//! [`sort_to`](crate::ops::Query::sort_to).
//!
//! # Indexes
//!
//! `gsi(name = "...", pk = "...", sk = "...")` on the model declares a
//! global index whose keys are templates too, such as the inverted index
//! of a follow graph:
//!
//! ```
//! # use dynox_core::prelude::*;
//! #[derive(DynoModel, Debug, Clone, PartialEq)]
//! #[dyno(
//!     table = "app",
//!     pk = "USER#{follower}",
//!     sk = "FOLLOWS#{followed}",
//!     gsi(name = "inverted", pk = "USER#{followed}", sk = "FOLLOWED_BY#{follower}")
//! )]
//! pub struct Follow { pub follower: String, pub followed: String }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! let db = Dynox::memory_with::<(Follow,)>();
//! Follow { follower: "ann".into(), followed: "bob".into() }.save(&db).await?;
//! Follow { follower: "cy".into(), followed: "bob".into() }.save(&db).await?;
//! let followers = Follow::inverted().query(&db, "bob").all().await?;
//! assert_eq!(followers.len(), 2);
//! # Ok(())
//! # }
//! ```
//!
//! Its key attributes are `{name}_pk` and `{name}_sk` unless
//! `pk_attribute` and `sk_attribute` name others; naming a table key
//! attribute with that key's own template reuses it (the classic inverted
//! index, `pk_attribute = "sk"`, adds no attribute). `keys_only` and
//! `include = "a,b"` choose the projection. The index's query takes its
//! partition placeholders' values and has the same sort conditions as the
//! table's. A field that an index template names can change: a save
//! rewrites the index key with it. An update cannot set it alone (its
//! attribute constant is a key's, `Attr<Keyed<M>, T>`, which a filter of
//! a table query does not take either), so the index key never goes stale.
//! Each index key attribute is its own: two indexes that name the same one
//! do not compile.
//!
//! # Collections
//!
//! `#[derive(DynoCollection)]` on an enum of models that share a partition
//! template reads a partition's items of every entity type in one query,
//! each as the variant its entity type names:
//!
//! ```
//! # use dynox_core::prelude::*;
//! # #[derive(DynoModel, Debug, Clone, PartialEq)]
//! # #[dyno(table = "app", pk = "USER#{user}", sk = "ORDER#{number}")]
//! # pub struct Order { pub user: String, pub number: u32 }
//! # #[derive(DynoModel, Debug, Clone, PartialEq)]
//! # #[dyno(table = "app", pk = "USER#{user}", sk = "PROFILE")]
//! # pub struct User { pub user: String, pub name: String }
//! #[derive(DynoCollection, Debug)]
//! pub enum UserItems {
//!     Profile(User),
//!     Orders(Order),
//! }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! let db = Dynox::memory();
//! UserItems::create_table(&db).await?;
//! User { user: "ann".into(), name: "Ann".into() }.save(&db).await?;
//! Order { user: "ann".into(), number: 1 }.save(&db).await?;
//! Order { user: "ann".into(), number: 2 }.save(&db).await?;
//!
//! // one Query; a field per variant: `Option` where the key is unique
//! let items = UserItems::query(&db, "ann").all().await?;
//! assert_eq!(items.profile.map(|u| u.name).as_deref(), Some("Ann"));
//! assert_eq!(items.orders.len(), 2);
//! # Ok(())
//! # }
//! ```
//!
//! The result struct (`UserItemsAll`) has a field per variant, named after
//! it in snake case (`#[dyno(rename = "...")]` on the variant names it
//! otherwise): an `Option` for a model whose sort template has no
//! placeholder, a `Vec` otherwise. The query keeps to the sort key prefix
//! the variants share, if any, and pages on its own (`stream`, `page`,
//! `all`). An item of an entity type the enum does not name is skipped and
//! counted (`.unknown()` on the result, `unknown` on a page), or an error
//! with `.strict()`. Variants that are stored in another table, have
//! another partition template or placeholder types, or share an entity
//! type do not compile.

pub(crate) mod collection;
mod index;
mod parts;
pub(crate) mod stored;

pub use collection::{Collection, CollectionPage, CollectionQuery, Entry, Slot};
pub use index::{IndexKeys, TemplateIndex};

pub use parts::KeyPart;
pub use stored::{Segment, StoredKey, Template};

pub(crate) use parts::{escape, unescape};

/// A model whose keys are templates: what collections need of it.
/// `#[derive(DynoModel)]` implements it for a model with `pk = "..."`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no key templates, so it cannot be part of a collection",
    label = "a model of a collection declares `pk = \"...\"` (and `sk = \"...\"`)",
    note = "a collection reads the items that share one partition template; see `dynox_core::template`"
)]
pub trait TemplateModel: crate::DynoModel {
    /// The entity type its items store.
    const ENTITY: &'static str;
    /// The attribute that holds the entity type.
    const ENTITY_ATTRIBUTE: &'static str;
    /// The partition template with its placeholders unnamed (`USER#{}`):
    /// models of one collection have the same.
    const PARTITION_SHAPE: &'static str;
    /// The sort template's fixed text before its first placeholder (`""`
    /// without a sort template).
    const SORT_PREFIX: &'static str;
    /// The partition placeholders' types, as a tuple: models of one
    /// collection have the same.
    type Partition;
    /// How the model's items gather in a collection's result: an `Option`
    /// when the key has no sort placeholders (one item per partition),
    /// otherwise a `Vec`.
    type Slot: Slot<Self> + Default + Send + std::fmt::Debug;
}

/// The values of a partition template's placeholders: the one value, or
/// a tuple of them all, in order.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the values of the partition template's placeholders",
    label = "expected the placeholder's value, or a tuple of them all, in order"
)]
pub trait PartitionArgs<K> {
    /// Appends the partition key's text.
    fn write_partition(self, out: &mut String);
}

/// Whether two texts are equal, at compile time (collections check that
/// their models share a table and a partition template).
pub const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A model's sort template, as the query's sort type: what its values
/// are written after.
pub trait SortTemplate: 'static {
    /// The template's fixed text before its first placeholder.
    const SORT_PREFIX: &'static str;
    /// The template has no placeholder: `SORT_PREFIX` is the whole key.
    const SORT_FIXED: bool = false;
}

/// Where a templated model's query starts: its sort template's fixed
/// prefix (the whole key when it has no placeholder), and a filter that
/// keeps the model's own entity type, for templates whose prefix another
/// entity's keys extend (`ORDER#{id}` and `ORDER#{id}#LINE#{n}`).
pub(crate) fn entity_query<'a, M: TemplateModel, S, On>(
    query: crate::ops::Query<'a, M, S, crate::Tracked<M>, On>,
    prefix: &str,
    fixed: bool,
) -> crate::ops::Query<'a, M, S, crate::Tracked<M>, On> {
    use crate::ops::SortCondition;
    let query = match (prefix.is_empty(), fixed) {
        (true, _) => query,
        (false, true) => query.with_sort(SortCondition::Compare(
            "=",
            crate::AttributeValue::S(prefix.to_owned()),
        )),
        (false, false) => query.sort_prefix_text(prefix),
    };
    // an item written by another tool, with no entity type, is read by its fields
    let entity = crate::Attr::<M, String>::__new(M::ENTITY_ATTRIBUTE, "entity type");
    query.with_filter(entity.not_exists() | entity.eq(M::ENTITY))
}

/// Leading values of a sort template's placeholders, in order: the first
/// one's value alone, or a tuple of the first ones.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a prefix of the sort template's placeholders",
    label = "expected the first placeholder's value, or a tuple of the first ones, in order",
    note = "the sort template names its placeholders in order; give the first, or the first few as a tuple"
)]
pub trait SortPrefix<K: SortTemplate> {
    /// Appends the sort key text up to and including these values (and
    /// the fixed text after them); `true` when they fill every placeholder.
    fn write_sort_prefix(self, out: &mut String) -> bool;
}

/// A value given for a placeholder of type `T`: the value itself, or text
/// for a `String`.
pub trait KeyArg<T> {
    /// The placeholder's value.
    fn into_key_part(self) -> T;
}

impl<T: KeyPart> KeyArg<T> for T {
    fn into_key_part(self) -> T {
        self
    }
}

impl KeyArg<String> for &str {
    fn into_key_part(self) -> String {
        self.to_owned()
    }
}

impl KeyArg<String> for &String {
    fn into_key_part(self) -> String {
        self.clone()
    }
}

/// The least text greater than every text that starts with `prefix`, but
/// for itself: the last byte, one up. Prefixes end in `#` (or fixed text),
/// never in the largest byte.
pub(crate) fn after_prefix(prefix: &str) -> String {
    let mut s = prefix.to_owned();
    match s.pop() {
        Some(c) => s.push(char::from_u32(c as u32 + 1).unwrap_or(char::MAX)),
        None => s.push(char::MAX),
    }
    s
}
