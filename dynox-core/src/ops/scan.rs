//! Scan: every item of a table or index, page by page, optionally in
//! parallel segments merged into one stream.

use super::cursor::Cursor;
use super::paging::{self, Fetch, Page, RawPage};
use super::read_common::{self, Projection};
use super::table::build_error;
use crate::condition::Condition;
use crate::expr::Placeholders;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error, Item, Result, Tracked};
use aws_sdk_dynamodb::operation::scan::{ScanInput, ScanOutput};
use aws_sdk_dynamodb::types::{ReturnConsumedCapacity, Select};
use futures::stream::{BoxStream, StreamExt, TryStreamExt};
use futures::FutureExt;

/// A scan of a table or index; `O` is what each item is read as.
#[must_use = "a scan does nothing until streamed or collected"]
pub struct Scan<'a, M: DynoModel, O = Tracked<M>> {
    db: &'a Dynox,
    index: Option<&'static str>,
    filter: Option<Condition<M>>,
    limit: Option<i32>,
    consistent_read: bool,
    segments: u32,
    projection: Option<&'static [&'static str]>,
    start: Option<Item>,
    decode: fn(Item) -> Result<O>,
}

impl<M: DynoModel, O> std::fmt::Debug for Scan<'_, M, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scan")
            .field("table", &M::SCHEMA.table)
            .field("index", &self.index)
            .field("filter", &self.filter)
            .field("segments", &self.segments)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> Scan<'a, M> {
    pub(crate) fn new(db: &'a Dynox, index: Option<&'static str>) -> Self {
        Scan {
            db,
            index,
            filter: None,
            limit: None,
            consistent_read: M::SCHEMA.consistent_read && index.is_none(),
            segments: 1,
            projection: None,
            start: None,
            decode: read_common::decode_tracked::<M>,
        }
    }

    /// Does not run the `after_load` hook on the items.
    pub fn skip_hooks(mut self) -> Self {
        self.decode = read_common::decode_tracked_without_hooks::<M>;
        self
    }

    /// Fetches only the attributes of the view `V` and reads each item as a `V`.
    pub fn project<V: Projection>(self) -> Scan<'a, M, V> {
        Scan {
            db: self.db,
            index: self.index,
            filter: self.filter,
            limit: self.limit,
            consistent_read: self.consistent_read,
            segments: self.segments,
            projection: Some(V::ATTRIBUTES),
            start: self.start,
            decode: read_common::decode_projection::<V>,
        }
    }
}

impl<'a, M: DynoModel, O: Send + 'a> Scan<'a, M, O> {
    /// Keeps only items matching `filter` (applied after reading).
    pub fn filter(mut self, filter: impl crate::ConditionOf<M>) -> Self {
        let filter = filter.into_condition();
        self.filter = Some(match self.filter.take() {
            Some(f) => f & filter,
            None => filter,
        });
        self
    }

    /// DynamoDB's `Limit`: at most `n` items evaluated per page, before the filter.
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(i32::try_from(n).unwrap_or(i32::MAX));
        self
    }

    /// `true`: strongly consistent reads (twice the read units, not available on global indexes);
    /// `false`: eventually consistent. Overrides the model's
    /// `consistent_read` option for this call.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// A parallel scan: `n` segments read concurrently, merged into one
    /// stream (in no particular order).
    pub fn segments(mut self, n: u32) -> Self {
        self.segments = n.max(1);
        self
    }

    /// Continues after the page that returned `cursor` (one segment only).
    pub fn start_after(mut self, cursor: Cursor) -> Self {
        self.start = Some(cursor.0);
        self
    }

    fn render(&self, segment: Option<u32>, select: Option<Select>) -> Result<ScanInput> {
        let mut p = Placeholders::default();
        let filter = read_common::filter_expression(self.filter.as_ref(), &mut p);
        let projection = match (select.is_some(), self.projection) {
            (false, Some(attributes)) => {
                Some(read_common::projection_expression(attributes, &mut p))
            }
            _ => None,
        };
        let (names, values) = p.finish();
        ScanInput::builder()
            .table_name(self.db.table_name::<M>().as_ref())
            .set_index_name(self.index.map(str::to_owned))
            .set_filter_expression(filter)
            .set_projection_expression(projection)
            .set_expression_attribute_names(names)
            .set_expression_attribute_values(values)
            .set_limit(self.limit)
            .set_consistent_read(self.consistent_read.then_some(true))
            .set_select(select)
            .set_segment(segment.map(|s| s as i32))
            .set_total_segments(segment.map(|_| self.segments as i32))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .build()
            .map_err(build_error)
    }

    fn fetcher(&self, segment: Option<u32>, select: Option<Select>) -> Result<Fetch<'a>> {
        let input = self.render(segment, select)?;
        let db = self.db;
        let table = db.table_name::<M>().into_owned();
        Ok(Box::new(move |start: Option<Item>| {
            let mut input = input.clone();
            input.exclusive_start_key = start;
            let table = table.clone();
            async move {
                let out: ScanOutput = db.send(&table, Request::Scan(input)).await?;
                Ok(RawPage {
                    count: out.count.max(0) as u64,
                    items: out.items.unwrap_or_default(),
                    last_key: out.last_evaluated_key,
                })
            }
            .boxed()
        }))
    }

    /// The segments to read: one plain scan, or `0..n` of a parallel one.
    fn segment_list(&self) -> Vec<Option<u32>> {
        if self.segments == 1 {
            vec![None]
        } else {
            (0..self.segments).map(Some).collect()
        }
    }

    /// Every item, page by page; with [`Scan::segments`], the segments are
    /// read concurrently and merged.
    pub fn stream(self) -> BoxStream<'a, Result<O>> {
        let mut streams = Vec::new();
        for segment in self.segment_list() {
            match self.fetcher(segment, None) {
                Ok(fetch) => streams.push(paging::stream(fetch, self.decode, self.start.clone())),
                Err(e) => return Box::pin(futures::stream::once(async { Err(e) })),
            }
        }
        Box::pin(futures::stream::select_all(streams))
    }

    /// The items as a blocking iterator, for programs without an async
    /// runtime: one page (per segment) is fetched at a time as it is advanced.
    pub fn blocking_iter(self) -> crate::BlockingIter<'a, O> {
        crate::BlockingIter::new(self.stream())
    }

    /// Every item, collected.
    pub async fn all(self) -> Result<Vec<O>> {
        self.stream().try_collect().await
    }

    /// One page, and the cursor of the next (a scan of one segment only).
    pub async fn page(self) -> Result<Page<O>> {
        if self.segments > 1 {
            return Err(Error::Refused {
                message: "page() reads one segment; use stream() or all() for a parallel scan"
                    .to_owned(),
            });
        }
        let fetch = self.fetcher(None, None)?;
        paging::page(fetch, self.decode, self.start).await
    }

    /// The number of items over every page (and segment), without transferring them.
    pub async fn count(self) -> Result<u64> {
        let counts = futures::stream::iter(self.segment_list())
            .map(|segment| {
                let fetch = self.fetcher(segment, Some(Select::Count));
                async move { paging::count(fetch?).await }
            })
            .buffer_unordered(self.segments as usize)
            .try_collect::<Vec<u64>>()
            .await?;
        Ok(counts.into_iter().sum())
    }
}
