//! Collections: the items of several entity types that share a
//! partition, read in one query and told apart by their entity type.
//! `#[derive(DynoCollection)]` on an enum of models implements
//! [`Collection`] and gives it `query`.

use super::TemplateModel;
use crate::ops::{Cursor, Page, Query};
use crate::{AttributeValue, DynoModel, Dynox, Error, Item, Result};
use futures::stream::{BoxStream, StreamExt, TryStreamExt};

/// An item of a collection's query: one of the enum's entity types, or
/// another (its entity type, if it has one).
#[derive(Debug)]
pub enum Entry<C> {
    /// An item of an entity type the collection names.
    Known(C),
    /// An item of an entity type it does not name.
    Unknown(Option<String>),
}

/// Where a collection's result gathers one entity type: `Option<M>` for a
/// model with one item per partition, `Vec<M>` otherwise.
pub trait Slot<M> {
    /// Adds an item.
    fn put(&mut self, value: M);
}

impl<M> Slot<M> for Option<M> {
    fn put(&mut self, value: M) {
        *self = Some(value);
    }
}

impl<M> Slot<M> for Vec<M> {
    fn put(&mut self, value: M) {
        self.push(value);
    }
}

/// An enum of models that share a partition template, as
/// `#[derive(DynoCollection)]` makes it.
pub trait Collection: Sized + Send + 'static {
    /// The model whose table and partition key the query uses (the first
    /// variant's; every variant has the same).
    type First: TemplateModel;
    /// The result of [`CollectionQuery::all`]: a field per variant.
    type All: Default + Send;
    /// The sort key prefix every variant's items start with (`""` when
    /// they share none).
    fn sort_prefix() -> String;
    /// Reads an item by its entity type.
    fn decode(item: Item) -> Result<Entry<Self>>;
    /// Adds a value to the result.
    fn gather(all: &mut Self::All, value: Self);
    /// Counts an item of an unknown entity type in the result.
    fn count_unknown(all: &mut Self::All);
    /// The entity types, for messages.
    const ENTITIES: &'static [&'static str];
    /// The variants' schemas, in the order of [`Collection::ENTITIES`].
    const SCHEMAS: &'static [&'static crate::TableSchema];
    /// The index the query reads, with its key attributes, when not the
    /// table (`#[dyno(index = "...")]` on the enum).
    const INDEX: Option<(&'static str, &'static str, Option<&'static str>)> = None;
}

/// The common prefix of `texts`, cut back to a whole character.
pub fn common_prefix(texts: &[&str]) -> String {
    let Some(first) = texts.first() else {
        return String::new();
    };
    let mut end = first.len();
    for t in &texts[1..] {
        end = end.min(
            first
                .bytes()
                .zip(t.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    while !first.is_char_boundary(end) {
        end -= 1;
    }
    first[..end].to_owned()
}

/// A query of a collection's partition; see [`Collection`].
#[must_use = "a query does nothing until streamed or collected"]
pub struct CollectionQuery<'a, C: Collection> {
    query: Query<'a, C::First, (), Entry<C>>,
    strict: bool,
}

impl<C: Collection> std::fmt::Debug for CollectionQuery<'_, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CollectionQuery")
            .field("entities", &C::ENTITIES)
            .field("query", &self.query)
            .field("strict", &self.strict)
            .finish()
    }
}

fn unknown_entity<C: Collection>(found: Option<String>) -> Error {
    Error::Deserialize {
        table: <C::First as DynoModel>::SCHEMA.table.to_owned(),
        field: <C::First as TemplateModel>::ENTITY_ATTRIBUTE.to_owned(),
        expected: format!("entity type S, one of {}", C::ENTITIES.join(", ")),
        found: match found {
            Some(e) => format!("S `{e}`, another entity type's item"),
            None => "no attribute (an item of no entity type)".to_owned(),
        },
    }
}

impl<'a, C: Collection> CollectionQuery<'a, C> {
    #[doc(hidden)]
    pub fn __new(db: &'a Dynox, partition: String) -> Self {
        let schema = <C::First as DynoModel>::SCHEMA;
        let (index, pk, sk) = match C::INDEX {
            Some((index, pk, sk)) => (Some(index), pk, sk),
            None => (
                None,
                schema.partition_key.name,
                schema.sort_key.map(|k| k.name),
            ),
        };
        let query = crate::__private::query::<C::First, ()>(
            db,
            index,
            pk,
            Some(AttributeValue::S(partition)),
            sk,
        );
        let prefix = C::sort_prefix();
        let query = if prefix.is_empty() {
            query
        } else {
            query.sort_prefix_text(&prefix)
        };
        CollectionQuery {
            query: query.schema_of(schema_of::<C>).decode_as(C::decode),
            strict: false,
        }
    }

    /// An item of an entity type the collection does not name is an error
    /// ([`Error::Deserialize`] naming the entity type attribute), instead
    /// of being skipped and counted.
    pub fn strict(mut self) -> Self {
        self.strict = true;
        self
    }

    /// Descending sort-key order.
    pub fn reverse(mut self) -> Self {
        self.query = self.query.reverse();
        self
    }

    /// DynamoDB's `Limit`: at most `n` items evaluated per page.
    pub fn limit(mut self, n: u32) -> Self {
        self.query = self.query.limit(n);
        self
    }

    /// Strongly (`true`) or eventually consistent reads.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.query = self.query.consistent_read(consistent);
        self
    }

    /// Continues after the page that returned `cursor`.
    pub fn start_after(mut self, cursor: Cursor) -> Self {
        self.query = self.query.start_after(cursor);
        self
    }

    /// Every item of a named entity type, page by page as the stream is
    /// polled (others are skipped, or an error when [`strict`](Self::strict)).
    pub fn stream(self) -> BoxStream<'a, Result<C>> {
        let strict = self.strict;
        self.query
            .stream()
            .filter_map(move |entry| async move {
                match entry {
                    Ok(Entry::Known(v)) => Some(Ok(v)),
                    Ok(Entry::Unknown(e)) if strict => Some(Err(unknown_entity::<C>(e))),
                    Ok(Entry::Unknown(_)) => None,
                    Err(e) => Some(Err(e)),
                }
            })
            .boxed()
    }

    /// Every item, gathered by entity type into the collection's result.
    pub async fn all(self) -> Result<C::All> {
        let strict = self.strict;
        let mut all = C::All::default();
        let mut entries = self.query.stream();
        while let Some(entry) = entries.try_next().await? {
            match entry {
                Entry::Known(v) => C::gather(&mut all, v),
                Entry::Unknown(e) if strict => return Err(unknown_entity::<C>(e)),
                Entry::Unknown(_) => C::count_unknown(&mut all),
            }
        }
        Ok(all)
    }

    /// One page, and the cursor of the next (for manual paging).
    pub async fn page(self) -> Result<CollectionPage<C>> {
        let strict = self.strict;
        let Page { items, next } = self.query.page().await?;
        let mut page = CollectionPage {
            items: Vec::with_capacity(items.len()),
            unknown: 0,
            next,
        };
        for entry in items {
            match entry {
                Entry::Known(v) => page.items.push(v),
                Entry::Unknown(e) if strict => return Err(unknown_entity::<C>(e)),
                Entry::Unknown(_) => page.unknown += 1,
            }
        }
        Ok(page)
    }
}

/// One page of a collection's query.
#[derive(Debug)]
pub struct CollectionPage<C> {
    /// The items of named entity types, in sort-key order.
    pub items: Vec<C>,
    /// How many items of other entity types the page skipped.
    pub unknown: u64,
    /// Where the next page starts; `None` after the last.
    pub next: Option<Cursor>,
}

/// Reads `item` as `M`, running its `after_load` hook unless turned off.
pub fn decode<M: DynoModel>(item: Item) -> Result<M> {
    let mut value = M::from_item(item)?;
    if crate::ops::hooks_enabled::<M>() {
        value.after_load()?;
    }
    Ok(value)
}

/// The model of a collection's item, by its entity type.
fn schema_of<C: Collection>(item: &Item) -> Option<&'static crate::TableSchema> {
    let entity = entity_of(item, <C::First as TemplateModel>::ENTITY_ATTRIBUTE)?;
    let at = C::ENTITIES.iter().position(|e| *e == entity)?;
    C::SCHEMAS.get(at).copied()
}

/// The entity type an item holds in `attribute`.
pub fn entity_of<'i>(item: &'i Item, attribute: &str) -> Option<&'i str> {
    match item.get(attribute) {
        Some(AttributeValue::S(s)) => Some(s),
        _ => None,
    }
}
