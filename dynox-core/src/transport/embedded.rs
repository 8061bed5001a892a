//! The embedded transport: dynoxide, a DynamoDB emulator on SQLite, in process.

use super::embedded_convert::map_error;
use super::embedded_engine::{Engine, EngineThread};
use super::{Request, Response, Transport};
use crate::Result;
use futures::future::BoxFuture;
use std::sync::Arc;

/// Runs requests on an in-process dynoxide engine, in memory or in a file.
///
/// The engine runs one request at a time behind a lock. A request that
/// finds it idle runs on the caller's thread; once callers meet on it, a
/// thread of its own serves them from a queue, so their runtime workers do
/// not block on another caller's request or on SQLite (a file-backed
/// engine's checkpoints take milliseconds), and more callers keep the
/// engine busy rather than fighting over it. Queries and scans always run
/// on the caller's thread, waiting for the engine there as before, so that
/// converting their pages runs side by side.
#[derive(Clone)]
pub struct EmbeddedTransport {
    thread: Arc<EngineThread>,
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
        Self::serve(db)
    }

    /// An engine kept in the SQLite file at `path` (created if missing).
    pub fn file(path: &str) -> Result<Self> {
        let db = dynoxide::Database::new(path).map_err(map_error)?;
        Self::serve(db)
    }

    fn serve(db: dynoxide::Database) -> Result<Self> {
        Ok(EmbeddedTransport {
            thread: Arc::new(EngineThread::start(Engine::new(db))?),
        })
    }
}

impl Transport for EmbeddedTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        Box::pin(self.thread.run(request))
    }

    fn name(&self) -> &'static str {
        "embedded"
    }
}
