//! Query and Scan on the embedded engine, one page at a time.

use super::embedded_convert::*;
use crate::Result;
use aws_sdk_dynamodb::operation::query::{QueryInput, QueryOutput};
use aws_sdk_dynamodb::operation::scan::{ScanInput, ScanOutput};
use dynoxide::actions;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// How many rows the last full page held, a guess for the next page's
/// Limit (see `EmbeddedTransport::page`).
#[derive(Debug, Clone)]
pub(super) struct PageRows(Arc<AtomicUsize>);

/// Rows asked for when nothing was learned yet: about 1 MB of 1 KB items.
const FIRST_GUESS: usize = 1024;
/// Never guess more than this: doubling finds larger pages.
const MAX_GUESS: usize = 65_536;

impl Default for PageRows {
    fn default() -> Self {
        PageRows(Arc::new(AtomicUsize::new(FIRST_GUESS)))
    }
}

impl PageRows {
    pub(super) fn guess(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }

    /// A full page held `rows` rows: guess a quarter more next time.
    pub(super) fn learn(&self, rows: usize) {
        let next = (rows + rows / 4 + 1).clamp(64, MAX_GUESS);
        self.0.store(next, Ordering::Relaxed);
    }
}

/// What `EmbeddedTransport::page` needs to know of a page.
pub(super) trait PageOutput {
    /// Rows the engine evaluated.
    fn scanned(&self) -> usize;
    /// Whether more pages follow.
    fn has_more(&self) -> bool;
}

impl PageOutput for QueryOutput {
    fn scanned(&self) -> usize {
        self.scanned_count.max(0) as usize
    }
    fn has_more(&self) -> bool {
        self.last_evaluated_key.is_some()
    }
}

impl PageOutput for ScanOutput {
    fn scanned(&self) -> usize {
        self.scanned_count.max(0) as usize
    }
    fn has_more(&self) -> bool {
        self.last_evaluated_key.is_some()
    }
}

/// The engine's page as the SDK's output type: Query and Scan answer with
/// the same members.
macro_rules! page_output {
    ($output:ty, $out:expr) => {{
        let out = $out;
        <$output>::builder()
            .set_items(
                out.items
                    .map(|v| v.into_iter().map(from_engine_item).collect()),
            )
            .count(count(out.count))
            .scanned_count(count(out.scanned_count))
            .set_last_evaluated_key(out.last_evaluated_key.map(from_engine_item))
            .set_consumed_capacity(capacity(out.consumed_capacity))
            .build()
    }};
}

/// One Query page, reading at most `limit` rows.
pub(super) fn query(
    db: &dynoxide::Database,
    i: QueryInput,
    limit: Option<usize>,
) -> Result<QueryOutput> {
    let out = db
        .query(actions::query::QueryRequest {
            table_name: i.table_name.unwrap_or_default(),
            key_condition_expression: i.key_condition_expression,
            filter_expression: i.filter_expression,
            projection_expression: i.projection_expression,
            expression_attribute_names: i.expression_attribute_names,
            expression_attribute_values: opt_engine_item(i.expression_attribute_values),
            // DynamoDB's default is forward; the engine's field is a plain bool
            scan_index_forward: i.scan_index_forward.unwrap_or(true),
            limit,
            exclusive_start_key: opt_engine_item(i.exclusive_start_key),
            select: i.select.map(|s| s.as_str().to_owned()),
            consistent_read: i.consistent_read,
            index_name: i.index_name,
            return_consumed_capacity: consumed(i.return_consumed_capacity),
            ..Default::default()
        })
        .map_err(map_error)?;
    Ok(page_output!(QueryOutput, out))
}

/// One Scan page of one segment, reading at most `limit` rows.
pub(super) fn scan(
    db: &dynoxide::Database,
    i: ScanInput,
    limit: Option<usize>,
) -> Result<ScanOutput> {
    let out = db
        .scan(actions::scan::ScanRequest {
            table_name: i.table_name.unwrap_or_default(),
            filter_expression: i.filter_expression,
            projection_expression: i.projection_expression,
            expression_attribute_names: i.expression_attribute_names,
            expression_attribute_values: opt_engine_item(i.expression_attribute_values),
            limit,
            exclusive_start_key: opt_engine_item(i.exclusive_start_key),
            select: i.select.map(|s| s.as_str().to_owned()),
            consistent_read: i.consistent_read,
            index_name: i.index_name,
            segment: segment(i.segment)?,
            total_segments: segment(i.total_segments)?,
            return_consumed_capacity: consumed(i.return_consumed_capacity),
            ..Default::default()
        })
        .map_err(map_error)?;
    Ok(page_output!(ScanOutput, out))
}

/// DynamoDB's Limit is a positive 32-bit number; anything else is its validation error.
pub(super) fn limit(limit: Option<i32>) -> Result<Option<usize>> {
    match limit {
        None => Ok(None),
        Some(n) if n >= 1 => Ok(Some(n as usize)),
        Some(n) => Err(crate::Error::Validation {
            message: format!("Limit must be at least 1, got {n}"),
        }),
    }
}

pub(super) fn segment(n: Option<i32>) -> Result<Option<u32>> {
    n.map(|n| {
        u32::try_from(n).map_err(|_| crate::Error::Validation {
            message: format!("Segment and TotalSegments must not be negative, got {n}"),
        })
    })
    .transpose()
}

pub(super) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
