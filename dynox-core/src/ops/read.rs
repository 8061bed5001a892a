//! What queries and scans share: the table or index they read, the options
//! every read has (filter, limit, consistency, projection, start), how each
//! item is decoded, and the fetcher of one page. `Query` and `Scan` add only
//! what is theirs: the key condition and order, and the segments.

use super::paging::{self, Fetch, Page, RawPage};
use crate::condition::{Condition, RawPath};
use crate::expr::Placeholders;
use crate::operation::FromResponse;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Item, Result, Tracked};
use aws_sdk_dynamodb::operation::{query::QueryInput, query::QueryOutput};
use aws_sdk_dynamodb::operation::{scan::ScanInput, scan::ScanOutput};
use aws_sdk_dynamodb::types::Select;
use futures::stream::BoxStream;
use futures::FutureExt;

/// A partial view of an item: the attributes to fetch and how to read them.
/// `#[derive(DynoValue)]` on a struct implements it, fetching exactly the
/// struct's fields, so a view never lacks an attribute it needs.
pub trait Projection: Sized + Send + 'static {
    /// The stored attribute names to fetch.
    const ATTRIBUTES: &'static [&'static str];
    /// Reads a fetched item.
    fn from_projected(item: Item) -> Result<Self>;
}

pub(crate) fn decode_tracked<M: DynoModel>(item: Item) -> Result<Tracked<M>> {
    let mut value = M::from_item(item)?;
    if super::hooks_run::enabled::<M>(false) {
        value.after_load()?;
    }
    Ok(Tracked::loaded(value))
}

pub(crate) fn decode_tracked_without_hooks<M: DynoModel>(item: Item) -> Result<Tracked<M>> {
    Ok(Tracked::loaded(M::from_item(item)?))
}

pub(crate) fn decode_projection<V: Projection>(item: Item) -> Result<V> {
    V::from_projected(item)
}

/// `#n0, #n1, ...` for the projected attributes.
pub(crate) fn projection_expression(attributes: &[&'static str], p: &mut Placeholders) -> String {
    attributes
        .iter()
        .map(|a| RawPath::attribute(a).render(p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The state every read has; `O` is what each item is read as.
pub(crate) struct Read<'a, M, O> {
    pub(crate) db: &'a Dynox,
    pub(crate) index: Option<&'static str>,
    pub(crate) filter: Option<Condition<M>>,
    pub(crate) limit: Option<i32>,
    pub(crate) consistent_read: bool,
    pub(crate) projection: Option<&'static [&'static str]>,
    pub(crate) start: Option<Item>,
    pub(crate) decode: fn(Item) -> Result<O>,
    /// The model an item is of, to open its encrypted attributes (the
    /// read's own model, or a collection's variant by entity type).
    pub(crate) schema_of: SchemaOf,
}

/// The model an item read is of, if any.
pub(crate) type SchemaOf = fn(&Item) -> Option<&'static crate::model::TableSchema>;

fn own_schema<M: DynoModel>(_: &Item) -> Option<&'static crate::model::TableSchema> {
    Some(M::SCHEMA)
}

impl<'a, M: DynoModel> Read<'a, M, Tracked<M>> {
    /// A read of the model's table, or of one of its indexes (where reads
    /// are never strongly consistent by default: a global index cannot be).
    pub(crate) fn new(db: &'a Dynox, index: Option<&'static str>) -> Self {
        Read {
            db,
            index,
            filter: None,
            limit: None,
            consistent_read: M::SCHEMA.consistent_read && index.is_none(),
            projection: None,
            start: None,
            decode: decode_tracked::<M>,
            schema_of: own_schema::<M>,
        }
    }

    /// Items are read without the `after_load` hook.
    pub(crate) fn skip_hooks(&mut self) {
        self.decode = decode_tracked_without_hooks::<M>;
    }

    /// Fetches only the attributes of the view `V`, and reads items as `V`.
    pub(crate) fn project<V: Projection>(self) -> Read<'a, M, V> {
        Read {
            db: self.db,
            index: self.index,
            filter: self.filter,
            limit: self.limit,
            consistent_read: self.consistent_read,
            projection: Some(V::ATTRIBUTES),
            start: self.start,
            decode: decode_projection::<V>,
            schema_of: self.schema_of,
        }
    }
}

impl<'a, M: DynoModel, O: Send + 'a> Read<'a, M, O> {
    /// Reads each item with `decode` instead.
    pub(crate) fn decode_as<P>(self, decode: fn(Item) -> Result<P>) -> Read<'a, M, P> {
        Read {
            db: self.db,
            index: self.index,
            filter: self.filter,
            limit: self.limit,
            consistent_read: self.consistent_read,
            projection: self.projection,
            start: self.start,
            decode,
            schema_of: self.schema_of,
        }
    }

    /// Adds `filter` to the filter so far (both must hold).
    pub(crate) fn add_filter(&mut self, filter: Condition<M>) {
        self.filter = Some(match self.filter.take() {
            Some(f) => f & filter,
            None => filter,
        });
    }

    /// DynamoDB's `Limit`: at most `n` items evaluated per page.
    pub(crate) fn set_limit(&mut self, n: u32) {
        self.limit = Some(i32::try_from(n).unwrap_or(i32::MAX));
    }

    /// The filter and projection expressions, rendered into `p`. A count
    /// (`select`) fetches no attributes, so it has no projection.
    pub(crate) fn expressions(
        &self,
        select: Option<&Select>,
        p: &mut Placeholders,
    ) -> (Option<String>, Option<String>) {
        let filter = self.filter.as_ref().and_then(|c| c.render(p));
        let projection = match (select, self.projection) {
            (None, Some(attributes)) => Some(projection_expression(attributes, p)),
            _ => None,
        };
        (filter, projection)
    }

    /// The strongly consistent flag as a request carries it (absent for
    /// DynamoDB's default, eventually consistent).
    pub(crate) fn consistent_flag(&self) -> Option<bool> {
        self.consistent_read.then_some(true)
    }

    /// Fetches the pages of the rendered `input`, each after its start key.
    pub(crate) fn fetcher<I: PageInput>(&self, input: I) -> Fetch<'a> {
        let db = self.db;
        let table = db.table_name::<M>().into_owned();
        let schema_of = self.schema_of;
        Box::new(move |start: Option<Item>| {
            let request = input.clone().starting_at(start);
            let table = table.clone();
            async move {
                let out: I::Output = db.send(&table, request).await?;
                let mut page = I::raw_page(out);
                let mut opener = crate::encrypt::item::Opener::new(db);
                for item in &mut page.items {
                    match schema_of(item) {
                        Some(schema) if !schema.encrypted.is_empty() => {
                            opener.open(schema, item).await?
                        }
                        _ => {}
                    }
                }
                Ok(page)
            }
            .boxed()
        })
    }

    /// Every item of the pages `fetch` reads, from the start set by `start_after`.
    pub(crate) fn stream(&self, fetch: Result<Fetch<'a>>) -> BoxStream<'a, Result<O>> {
        match fetch {
            Ok(fetch) => paging::stream(fetch, self.decode, self.start.clone()),
            Err(e) => Box::pin(futures::stream::once(async { Err(e) })),
        }
    }

    /// One page of `fetch`, and the cursor of the next.
    pub(crate) async fn page(self, fetch: Fetch<'a>) -> Result<Page<O>> {
        paging::page(fetch, self.decode, self.start).await
    }
}

/// A rendered Query or Scan: one page's request, given where it starts.
pub(crate) trait PageInput: Clone + Send + Sync + 'static {
    /// DynamoDB's answer.
    type Output: FromResponse + Send;
    /// The request of the page that starts after `start`.
    fn starting_at(self, start: Option<Item>) -> Request;
    /// The page's items, count and last key.
    fn raw_page(out: Self::Output) -> RawPage;
}

macro_rules! page_input {
    ($($input:ty => $output:ty, $variant:ident;)*) => {$(
        impl PageInput for $input {
            type Output = $output;
            fn starting_at(mut self, start: Option<Item>) -> Request {
                self.exclusive_start_key = start;
                Request::$variant(self)
            }
            fn raw_page(out: $output) -> RawPage {
                RawPage {
                    count: out.count.max(0) as u64,
                    items: out.items.unwrap_or_default(),
                    last_key: out.last_evaluated_key,
                }
            }
        }
    )*};
}

page_input! {
    QueryInput => QueryOutput, Query;
    ScanInput => ScanOutput, Scan;
}
