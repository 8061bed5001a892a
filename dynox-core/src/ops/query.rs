//! Query: `User::query(&db, pk)`, one partition (of the table or an index),
//! optionally narrowed by a typed sort-key condition, streamed page by page.

use super::cursor::Cursor;
use super::paging::{self, Fetch, Page};
use super::read::{Projection, Read};
use super::table::build_error;
use crate::condition::{Condition, Prefixable, RawPath};
use crate::expr::Placeholders;
use crate::value::{FieldValue, KeyValue};
use crate::{AttributeValue, DynoModel, Dynox, Item, Result, Tracked};
use aws_sdk_dynamodb::operation::query::QueryInput;
use aws_sdk_dynamodb::types::{ReturnConsumedCapacity, Select};
use futures::stream::{BoxStream, TryStreamExt};
use std::marker::PhantomData;

/// The sort-key conditions DynamoDB accepts in a query.
#[derive(Debug, Clone)]
pub(crate) enum SortCondition {
    Compare(&'static str, AttributeValue),
    Between(AttributeValue, AttributeValue),
    BeginsWith(AttributeValue),
}

/// A query of one partition. `S` is the sort key's type (`()` without one),
/// so only the sort-key conditions DynamoDB allows, with values of that type,
/// compile; `O` is what each item is read as; `On` is [`OnTable`] or
/// [`OnIndex`], which decides whether the filter may name the table's keys.
///
/// ```
/// # use dynox_core::prelude::*;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
/// # fn order(id: &str, total: u32) -> Order { Order { customer: "c1".into(), id: id.into(), total } }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// # let db = Dynox::memory_with::<(Order,)>();
/// for (id, total) in [("o1", 5), ("o2", 50), ("o3", 500)] {
///     order(id, total).save(&db).await?;
/// }
/// let big = Order::query(&db, "c1")
///     .sort_key_begins_with("o")
///     .filter(Order::TOTAL.ge(50))
///     .all()
///     .await?;
/// assert_eq!(big.len(), 2);
///
/// // manual paging, with a cursor that can travel as text
/// let first = Order::query(&db, "c1").limit(2).page().await?;
/// let cursor = first.next.expect("a third item").to_string();
/// let rest = Order::query(&db, "c1").start_after(cursor.parse()?).all().await?;
/// assert_eq!(first.items.len() + rest.len(), 3);
/// # Ok(())
/// # }
/// ```
#[must_use = "a query does nothing until streamed or collected"]
pub struct Query<'a, M: DynoModel, S = (), O = Tracked<M>, On = OnTable> {
    read: Read<'a, M, O>,
    partition: (&'static str, AttributeValue),
    /// Further key attributes held equal (a multi-attribute key's).
    equal: Vec<(&'static str, AttributeValue)>,
    sort_key: Option<&'static str>,
    sort: Option<SortCondition>,
    /// Why the key condition cannot be sent, found while building it.
    invalid: Option<String>,
    /// A multi-attribute sort key's attributes, in order.
    sort_names: &'static [&'static str],
    forward: bool,
    _sort_type: PhantomData<fn() -> (S, On)>,
}

/// A query of the table: its filter cannot name the table's key attributes.
#[derive(Debug)]
pub enum OnTable {}

/// A query of a secondary index: its filter may name the table's keys
/// (DynamoDB refuses only the index's own keys there).
#[derive(Debug)]
pub enum OnIndex {}

/// A condition a query's filter accepts. DynamoDB refuses a filter on the
/// queried key attributes ("Filter Expression can only contain non-primary
/// key attributes"), so a query of the table takes only conditions on
/// non-key attributes: `Condition<M>`, not `Condition<Keyed<M>>`.
#[diagnostic::on_unimplemented(
    message = "a query of the table cannot filter on a key attribute",
    label = "this condition names a key attribute of the table",
    note = "select key values with the query's key condition instead: `sort_key_eq`, `sort_key_between`, `sort_key_begins_with`, ... (a scan may filter on keys)"
)]
pub trait QueryFilter<M, On> {
    /// The condition, for the request.
    fn into_filter(self) -> Condition<M>;
}

impl<M, On> QueryFilter<M, On> for Condition<M> {
    fn into_filter(self) -> Condition<M> {
        self
    }
}

impl<M> QueryFilter<M, OnIndex> for Condition<crate::condition::Keyed<M>> {
    fn into_filter(self) -> Condition<M> {
        self.into()
    }
}

impl<M: DynoModel, S, O, On> std::fmt::Debug for Query<'_, M, S, O, On> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Query")
            .field("table", &M::SCHEMA.table)
            .field("index", &self.read.index)
            .field("sort", &self.sort)
            .field("filter", &self.read.filter)
            .field("limit", &self.read.limit)
            .field("forward", &self.forward)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel, S, On> Query<'a, M, S, Tracked<M>, On> {
    pub(crate) fn new(
        db: &'a Dynox,
        index: Option<&'static str>,
        partition: (&'static str, AttributeValue),
        sort_key: Option<&'static str>,
    ) -> Self {
        Query {
            read: Read::new(db, index),
            partition,
            equal: Vec::new(),
            sort_key,
            sort: None,
            invalid: None,
            sort_names: &[],
            forward: true,
            _sort_type: PhantomData,
        }
    }

    /// Does not run the `after_load` hook on the items.
    pub fn skip_hooks(mut self) -> Self {
        self.read.skip_hooks();
        self
    }

    /// Fetches only the attributes of the view `V` and reads each item as a
    /// `V`. A view is read-only: it cannot be saved back, so it cannot
    /// overwrite the attributes it did not fetch.
    pub fn project<V: Projection>(self) -> Query<'a, M, S, V, On> {
        self.map_read(Read::project)
    }
}

macro_rules! sort_comparison {
    ($($name:ident => $op:literal, $doc:literal;)*) => {$(
        #[doc = $doc]
        pub fn $name<V: FieldValue<S>>(mut self, value: V) -> Self {
            self.sort = value.into_attribute_value().map(|v| SortCondition::Compare($op, v));
            self
        }
    )*};
}

impl<'a, M: DynoModel, S: KeyValue, O: Send + 'a, On> Query<'a, M, S, O, On> {
    sort_comparison! {
        sort_key_eq => "=", "Items whose sort key equals `value`.";
        sort_key_lt => "<", "Items whose sort key is less than `value`.";
        sort_key_le => "<=", "Items whose sort key is at most `value`.";
        sort_key_gt => ">", "Items whose sort key is greater than `value`.";
        sort_key_ge => ">=", "Items whose sort key is at least `value`.";
    }

    /// Items whose sort key is between `low` and `high`, inclusive.
    pub fn sort_key_between<V: FieldValue<S>, W: FieldValue<S>>(mut self, low: V, high: W) -> Self {
        self.sort = match (low.into_attribute_value(), high.into_attribute_value()) {
            (Some(lo), Some(hi)) => Some(SortCondition::Between(lo, hi)),
            _ => None,
        };
        self
    }

    /// Items whose sort key starts with `prefix` (string and binary keys).
    pub fn sort_key_begins_with<V: FieldValue<S>>(mut self, prefix: V) -> Self
    where
        S: Prefixable,
    {
        self.sort = prefix.into_attribute_value().map(SortCondition::BeginsWith);
        self
    }
}

impl<'a, M: DynoModel, S, O: Send + 'a, On> Query<'a, M, S, O, On> {
    /// Sets the sort key condition (one per query, as DynamoDB allows).
    pub(crate) fn with_sort(mut self, sort: SortCondition) -> Self {
        self.sort = Some(sort);
        self
    }

    /// Holds key attribute `name` equal to `value` too (a multi-attribute
    /// key's further attributes).
    pub(crate) fn with_equal(mut self, name: &'static str, value: AttributeValue) -> Self {
        self.equal.push((name, value));
        self
    }

    /// Drops the equalities on `names` (a multi-attribute sort key's, when
    /// its condition is set again).
    pub(crate) fn without_equal_on(mut self, names: &[&str]) -> Self {
        self.equal.retain(|(name, _)| !names.contains(name));
        self
    }

    /// The range condition on key attribute `name` (a multi-attribute
    /// sort key's last given one).
    pub(crate) fn with_sort_on(mut self, name: &'static str, sort: SortCondition) -> Self {
        self.sort_key = Some(name);
        self.sort = Some(sort);
        self
    }

    /// A multi-attribute sort key's attributes, for its sort conditions.
    pub(crate) fn with_sort_names(mut self, names: &'static [&'static str]) -> Self {
        self.sort_names = names;
        self
    }

    pub(crate) fn sort_names(&self) -> &'static [&'static str] {
        self.sort_names
    }

    /// Keeps only items matching `filter` too (for generated queries,
    /// whose filters may name any attribute).
    pub(crate) fn with_filter(mut self, filter: Condition<M>) -> Self {
        self.read.add_filter(filter);
        self
    }

    /// The query cannot be sent: `why` is the error it gives.
    pub(crate) fn with_invalid(mut self, why: String) -> Self {
        self.invalid = Some(why);
        self
    }

    /// Items whose sort key starts with `prefix` (a key template's fixed
    /// text, for generated queries).
    pub(crate) fn sort_prefix_text(self, prefix: &str) -> Self {
        self.with_sort(SortCondition::BeginsWith(AttributeValue::S(
            prefix.to_owned(),
        )))
    }

    /// Reads each item with `decode` instead.
    /// Items are opened as the model `schema_of` names (a collection's
    /// variants).
    pub(crate) fn schema_of(mut self, schema_of: super::read::SchemaOf) -> Self {
        self.read.schema_of = schema_of;
        self
    }

    pub(crate) fn decode_as<P: Send + 'a>(
        self,
        decode: fn(Item) -> Result<P>,
    ) -> Query<'a, M, S, P, On> {
        self.map_read(|read| read.decode_as(decode))
    }

    /// The same query, its items read as `read` now reads them: the one
    /// place that moves every part of a query to another item type.
    fn map_read<P>(
        self,
        read: impl FnOnce(Read<'a, M, O>) -> Read<'a, M, P>,
    ) -> Query<'a, M, S, P, On> {
        Query {
            read: read(self.read),
            partition: self.partition,
            equal: self.equal,
            sort_key: self.sort_key,
            sort: self.sort,
            invalid: self.invalid,
            sort_names: self.sort_names,
            forward: self.forward,
            _sort_type: PhantomData,
        }
    }

    /// Keeps only items matching `filter`. DynamoDB applies it after reading,
    /// so filtered-out items still consume read capacity (and count against
    /// [`Query::limit`]).
    ///
    /// On a query of the table, a condition on a key attribute does not
    /// compile: DynamoDB refuses it, and the key condition selects keys.
    pub fn filter<C: QueryFilter<M, On>>(mut self, filter: C) -> Self {
        self.read.add_filter(filter.into_filter());
        self
    }

    /// DynamoDB's `Limit`: at most `n` items are *evaluated* per page,
    /// before the filter. The stream still goes on to the next page; use
    /// `StreamExt::take` to stop after a number of results.
    pub fn limit(mut self, n: u32) -> Self {
        self.read.set_limit(n);
        self
    }

    /// Descending sort-key order.
    pub fn reverse(mut self) -> Self {
        self.forward = false;
        self
    }

    /// `true`: strongly consistent reads (twice the read units, not available on global indexes);
    /// `false`: eventually consistent. Overrides the model's
    /// `consistent_read` option for this call.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.read.consistent_read = consistent;
        self
    }

    /// Continues after the page that returned `cursor`.
    pub fn start_after(mut self, cursor: Cursor) -> Self {
        self.read.start = Some(cursor.0);
        self
    }

    /// Renders the request once; each page only adds its start key.
    fn render(&self, select: Option<Select>) -> Result<QueryInput> {
        let mut p = Placeholders::default();
        let (pk_name, pk) = &self.partition;
        super::checks::key_value(pk_name, pk)?;
        if let Some(why) = &self.invalid {
            return Err(crate::Error::Validation {
                message: why.clone(),
            });
        }
        let mut key = format!(
            "{} = {}",
            RawPath::attribute(pk_name).render(&mut p),
            p.value(pk.clone())
        );
        for (name, value) in &self.equal {
            super::checks::key_value(name, value)?;
            let path = RawPath::attribute(name).render(&mut p);
            key = format!("{key} AND {path} = {}", p.value(value.clone()));
        }
        if let (Some(sort), Some(sk_name)) = (&self.sort, self.sort_key) {
            let sk = RawPath::attribute(sk_name).render(&mut p);
            let text = match sort {
                SortCondition::Compare(op, v) => format!("{sk} {op} {}", p.value(v.clone())),
                SortCondition::Between(lo, hi) => {
                    format!(
                        "{sk} BETWEEN {} AND {}",
                        p.value(lo.clone()),
                        p.value(hi.clone())
                    )
                }
                SortCondition::BeginsWith(v) => {
                    format!("begins_with({sk}, {})", p.value(v.clone()))
                }
            };
            key = format!("{key} AND {text}");
        }
        let (filter, projection) = self.read.expressions(select.as_ref(), &mut p);
        let (names, values) = p.finish();
        QueryInput::builder()
            .table_name(self.read.db.table_name::<M>().as_ref())
            .set_index_name(self.read.index.map(str::to_owned))
            .key_condition_expression(key)
            .set_filter_expression(filter)
            .set_projection_expression(projection)
            .set_expression_attribute_names(names)
            .set_expression_attribute_values(values)
            .set_scan_index_forward((!self.forward).then_some(false))
            .set_limit(self.read.limit)
            .set_consistent_read(self.read.consistent_flag())
            .set_select(select)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .build()
            .map_err(build_error)
    }

    fn fetcher(&self, select: Option<Select>) -> Result<Fetch<'a>> {
        Ok(self.read.fetcher(self.render(select)?))
    }

    /// Every matching item, fetched page by page as the stream is polled;
    /// one page is held in memory at a time.
    pub fn stream(self) -> BoxStream<'a, Result<O>> {
        self.read.stream(self.fetcher(None))
    }

    /// The matching items as a blocking iterator, for programs without an
    /// async runtime: one page is fetched at a time as it is advanced.
    pub fn blocking_iter(self) -> crate::BlockingIter<'a, O> {
        crate::BlockingIter::new(self.stream())
    }

    /// Every matching item, collected.
    pub async fn all(self) -> Result<Vec<O>> {
        self.stream().try_collect().await
    }

    /// One page, and the cursor of the next (for manual paging).
    pub async fn page(self) -> Result<Page<O>> {
        let fetch = self.fetcher(None)?;
        self.read.page(fetch).await
    }

    /// The number of matching items, over every page (`Select: COUNT`, no items transferred).
    pub async fn count(self) -> Result<u64> {
        let fetch = self.fetcher(Some(Select::Count))?;
        paging::count(fetch).await
    }
}
