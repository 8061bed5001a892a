//! Blocking calls, for programs with no async runtime (the seed pages'
//! `sync_` methods): `User::get(&db, ..).blocking()?`,
//! `Order::query(&db, ..).blocking_iter()`, `Dynox::from_env_blocking()`.
//!
//! The futures run on one runtime that dynox owns, started on first use and
//! shared by every blocking call of the process: the AWS SDK needs tokio, and
//! a runtime per call would cost a thread pool per request.

use crate::{Dynox, Error, Result};
use futures::stream::{BoxStream, StreamExt};
use std::future::{Future, IntoFuture};
use std::sync::OnceLock;

/// `.blocking()` on every operation: runs it to completion on dynox's own
/// runtime and returns exactly what `.await` returns. Brought in by the
/// prelude.
///
/// Called from inside an async runtime it would block one of the runtime's
/// threads (and can deadlock it): it returns [`Error::Configuration`]
/// saying to use `.await` there instead.
pub trait Blocking<T>: IntoFuture<Output = Result<T>> + Sized {
    /// Runs the operation and waits for its result.
    fn blocking(self) -> Result<T> {
        block_on(self.into_future())
    }
}

impl<T, F: IntoFuture<Output = Result<T>>> Blocking<T> for F {}

/// dynox's runtime: two worker threads drive the SDK's connections and
/// timers while the calling thread polls the operation itself.
fn runtime() -> Result<&'static tokio::runtime::Runtime> {
    static RUNTIME: OnceLock<std::result::Result<tokio::runtime::Runtime, String>> =
        OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("dynox-blocking")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::Configuration {
            message: format!("cannot start dynox's runtime for blocking calls: {e}"),
        })
}

/// Refuses to block a thread of an async runtime.
fn outside_a_runtime() -> Result<()> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::Configuration {
            message: "`.blocking()` was called inside an async runtime, where it would block one of its threads; use `.await` there instead".to_owned(),
        });
    }
    Ok(())
}

pub(crate) fn block_on<T>(future: impl Future<Output = Result<T>>) -> Result<T> {
    outside_a_runtime()?;
    runtime()?.block_on(future)
}

/// The items of a query or scan as a blocking iterator, fetched one page at
/// a time as it is advanced: memory holds one page, as with the stream.
#[must_use = "an iterator does nothing until advanced"]
pub struct BlockingIter<'a, O> {
    stream: Option<BoxStream<'a, Result<O>>>,
}

impl<'a, O> BlockingIter<'a, O> {
    pub(crate) fn new(stream: BoxStream<'a, Result<O>>) -> Self {
        BlockingIter {
            stream: Some(stream),
        }
    }
}

impl<O> std::fmt::Debug for BlockingIter<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingIter")
            .field("done", &self.stream.is_none())
            .finish()
    }
}

impl<O> Iterator for BlockingIter<'_, O> {
    type Item = Result<O>;

    fn next(&mut self) -> Option<Result<O>> {
        let stream = self.stream.as_mut()?;
        let next = match outside_a_runtime().and_then(|()| runtime()) {
            Ok(rt) => rt.block_on(stream.next()),
            Err(e) => Some(Err(e)),
        };
        // an error ends the iteration, as it ends the stream
        if matches!(next, None | Some(Err(_))) {
            self.stream = None;
        }
        next
    }
}

impl Dynox {
    /// [`Dynox::from_env`] without an async runtime in sight.
    pub fn from_env_blocking() -> Result<Self> {
        block_on(Self::from_env())
    }
}
