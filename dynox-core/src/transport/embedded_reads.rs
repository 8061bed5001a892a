//! Query and Scan on the embedded engine, one page at a time.

use crate::Result;
use aws_sdk_dynamodb::operation::query::QueryOutput;
use aws_sdk_dynamodb::operation::scan::ScanOutput;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// How many rows the last full page held, a guess for the next page's
/// Limit (see `Engine::page`).
#[derive(Debug, Clone)]
pub(crate) struct PageRows(Arc<AtomicUsize>);

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
    pub(crate) fn guess(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }

    /// A full page held `rows` rows: guess a quarter more next time.
    pub(crate) fn learn(&self, rows: usize) {
        let next = (rows + rows / 4 + 1).clamp(64, MAX_GUESS);
        self.0.store(next, Ordering::Relaxed);
    }
}

/// What `Engine::page` needs to know of a page.
pub(crate) trait PageOutput {
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
            .set_items(out.items.map(|v| {
                v.into_iter()
                    .map($crate::transport::embedded_convert::from_engine_item)
                    .collect()
            }))
            .count($crate::transport::embedded_reads::count(out.count))
            .scanned_count($crate::transport::embedded_reads::count(out.scanned_count))
            .set_last_evaluated_key(
                out.last_evaluated_key
                    .map($crate::transport::embedded_convert::from_engine_item),
            )
            .set_consumed_capacity($crate::transport::embedded_convert::capacity_of(
                out.consumed_capacity,
            ))
            .build()
    }};
}
pub(crate) use page_output;

/// DynamoDB's Limit is a positive 32-bit number; anything else is its validation error.
pub(crate) fn limit(limit: Option<i32>) -> Result<Option<usize>> {
    match limit {
        None => Ok(None),
        Some(n) if n >= 1 => Ok(Some(n as usize)),
        Some(n) => Err(crate::Error::Validation {
            message: format!("Limit must be at least 1, got {n}"),
        }),
    }
}

pub(crate) fn segment(n: Option<i32>) -> Result<Option<u32>> {
    n.map(|n| {
        u32::try_from(n).map_err(|_| crate::Error::Validation {
            message: format!("Segment and TotalSegments must not be negative, got {n}"),
        })
    })
    .transpose()
}

pub(crate) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
