//! The embedded transport: dynoxide, a DynamoDB emulator on SQLite, in process.

use super::embedded_convert::map_error;
use super::embedded_reads::{self, PageRows};
use super::{Request, Response, Transport};
use crate::Result;
use futures::future::BoxFuture;

/// Runs requests on an in-process dynoxide engine, in memory or in a file.
///
/// Requests run on the calling task: the engine is in-process and each call
/// is short CPU work on SQLite, so a thread hop would cost more than it saves.
#[derive(Clone)]
pub struct EmbeddedTransport {
    db: dynoxide::Database,
    page_rows: PageRows,
}

impl std::fmt::Debug for EmbeddedTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedTransport").finish_non_exhaustive()
    }
}

impl EmbeddedTransport {
    /// A fresh in-memory engine.
    pub fn memory() -> Result<Self> {
        let db = dynoxide::Database::memory().map_err(map_error)?;
        Ok(EmbeddedTransport {
            db,
            page_rows: PageRows::default(),
        })
    }

    /// An engine kept in the SQLite file at `path` (created if missing).
    pub fn file(path: &str) -> Result<Self> {
        let db = dynoxide::Database::new(path).map_err(map_error)?;
        Ok(EmbeddedTransport {
            db,
            page_rows: PageRows::default(),
        })
    }

    /// One page of a Query or Scan. Without a Limit, dynoxide loads every
    /// remaining row of the partition or table before it cuts the page at
    /// 1 MB, so each page would cost memory and time in proportion to all the
    /// rest. A page read with any Limit above the rows it evaluates is the
    /// same page (items, LastEvaluatedKey, counts, capacity), so ask for a
    /// likely number of rows and double it while the engine uses them all.
    pub(crate) fn page<O: embedded_reads::PageOutput>(
        &self,
        limit: Option<i32>,
        mut read: impl FnMut(Option<usize>) -> Result<O>,
    ) -> Result<O> {
        if limit.is_some() {
            return read(embedded_reads::limit(limit)?);
        }
        let mut rows = self.page_rows.guess();
        loop {
            let out = read(Some(rows))?;
            let scanned = out.scanned();
            if scanned < rows {
                if out.has_more() {
                    self.page_rows.learn(scanned);
                }
                return Ok(out);
            }
            rows = rows.saturating_mul(2);
        }
    }

    /// The engine, for the operation modules.
    pub(crate) fn engine(&self) -> &dynoxide::Database {
        &self.db
    }
}

impl Transport for EmbeddedTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        let result = crate::operation::send_embedded(self, request);
        Box::pin(std::future::ready(result))
    }

    fn name(&self) -> &'static str {
        "embedded"
    }
}
