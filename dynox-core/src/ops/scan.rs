//! Scan: every item of a table or index, page by page, optionally in
//! parallel segments merged into one stream.

use super::cursor::Cursor;
use super::paging::{self, Fetch, Page};
use super::read::{Projection, Read};
use super::table::build_error;
use crate::expr::Placeholders;
use crate::{DynoModel, Dynox, Error, Result, Tracked};
use aws_sdk_dynamodb::operation::scan::ScanInput;
use aws_sdk_dynamodb::types::{ReturnConsumedCapacity, Select};
use futures::stream::{BoxStream, StreamExt, TryStreamExt};

/// A scan of a table or index; `O` is what each item is read as.
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
/// order("o1", 5).save(&db).await?;
/// order("o2", 50).save(&db).await?;
/// let cheap = Order::scan(&db).filter(Order::TOTAL.lt(10)).all().await?;
/// assert_eq!(cheap.len(), 1);
/// assert_eq!(Order::scan(&db).segments(4).count().await?, 2); // a parallel scan
/// # Ok(())
/// # }
/// ```
#[must_use = "a scan does nothing until streamed or collected"]
pub struct Scan<'a, M: DynoModel, O = Tracked<M>> {
    read: Read<'a, M, O>,
    segments: u32,
}

impl<M: DynoModel, O> std::fmt::Debug for Scan<'_, M, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scan")
            .field("table", &M::SCHEMA.table)
            .field("index", &self.read.index)
            .field("filter", &self.read.filter)
            .field("segments", &self.segments)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> Scan<'a, M> {
    pub(crate) fn new(db: &'a Dynox, index: Option<&'static str>) -> Self {
        Scan {
            read: Read::new(db, index),
            segments: 1,
        }
    }

    /// Does not run the `after_load` hook on the items.
    pub fn skip_hooks(mut self) -> Self {
        self.read.skip_hooks();
        self
    }

    /// Fetches only the attributes of the view `V` and reads each item as a `V`.
    pub fn project<V: Projection>(self) -> Scan<'a, M, V> {
        Scan {
            read: self.read.project(),
            segments: self.segments,
        }
    }
}

impl<'a, M: DynoModel, O: Send + 'a> Scan<'a, M, O> {
    /// Keeps only items matching `filter` (applied after reading).
    pub fn filter(mut self, filter: impl crate::ConditionOf<M>) -> Self {
        self.read.add_filter(filter.into_condition());
        self
    }

    /// DynamoDB's `Limit`: at most `n` items evaluated per page, before the filter.
    pub fn limit(mut self, n: u32) -> Self {
        self.read.set_limit(n);
        self
    }

    /// `true`: strongly consistent reads (twice the read units, not available on global indexes);
    /// `false`: eventually consistent. Overrides the model's
    /// `consistent_read` option for this call.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.read.consistent_read = consistent;
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
        self.read.start = Some(cursor.0);
        self
    }

    fn render(&self, segment: Option<u32>, select: Option<Select>) -> Result<ScanInput> {
        let mut p = Placeholders::default();
        let (filter, projection) = self.read.expressions(select.as_ref(), &mut p);
        let (names, values) = p.finish();
        ScanInput::builder()
            .table_name(self.read.db.table_name::<M>().as_ref())
            .set_index_name(self.read.index.map(str::to_owned))
            .set_filter_expression(filter)
            .set_projection_expression(projection)
            .set_expression_attribute_names(names)
            .set_expression_attribute_values(values)
            .set_limit(self.read.limit)
            .set_consistent_read(self.read.consistent_flag())
            .set_select(select)
            .set_segment(segment.map(|s| s as i32))
            .set_total_segments(segment.map(|_| self.segments as i32))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .build()
            .map_err(build_error)
    }

    fn fetcher(&self, segment: Option<u32>, select: Option<Select>) -> Result<Fetch<'a>> {
        Ok(self.read.fetcher(self.render(segment, select)?))
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
        let streams: Vec<_> = self
            .segment_list()
            .into_iter()
            .map(|segment| self.read.stream(self.fetcher(segment, None)))
            .collect();
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
        self.read.page(fetch).await
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
