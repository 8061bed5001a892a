//! The embedded engine's own thread, and the queue it serves.

use super::embedded_reads::{self, PageRows};
use super::{Request, Response};
use crate::{Error, Result};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// The dynoxide database and what dynox learns while using it; the
/// operation modules run requests on it (on the engine thread).
pub(crate) struct Engine {
    db: dynoxide::Database,
    page_rows: PageRows,
}

impl Engine {
    pub(crate) fn new(db: dynoxide::Database) -> Self {
        Engine {
            db,
            page_rows: PageRows::default(),
        }
    }

    /// The engine, for the operation modules.
    pub(crate) fn engine(&self) -> &dynoxide::Database {
        &self.db
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
}

/// A request waiting for the engine, and where its answer goes.
struct Job {
    request: Request,
    reply: oneshot::Sender<Result<Response>>,
}

/// At most this many queued requests run back to back under the gate;
/// their answers go out after it is released, so the callers they wake do
/// not find the engine held. Answering each request inside the gate
/// measured 15,000 to 27,000 puts/s from 32 tasks, against 32,000 to
/// 35,000 this way.
const BATCH: usize = 16;

/// The engine, and the thread that serves it when callers queue up.
///
/// A caller finding the engine idle (no request queued, nobody running one)
/// runs its request on its own thread: a thread hop costs two wake-ups, more
/// than the request itself. A caller finding it busy queues the request for
/// the engine thread and waits asynchronously, so a runtime worker never
/// blocks on another caller's request.
///
/// Dropping the last handle closes the queue; the thread finishes what was
/// queued, closes the database and is joined, so a file can be opened again
/// as soon as its client is gone.
pub(crate) struct EngineThread {
    shared: Arc<Shared>,
    jobs: Option<mpsc::Sender<Job>>,
    handle: Mutex<Option<JoinHandle<()>>>,
}

/// What the callers and the engine thread share.
struct Shared {
    engine: Engine,
    /// Held by whoever runs a request: a caller inline, or the engine
    /// thread for a batch.
    gate: Mutex<()>,
    /// Requests queued and not yet taken by the engine thread; while there
    /// are any, callers queue behind them rather than overtake them.
    queued: AtomicUsize,
    /// Until when (microseconds on `clock`) every caller queues: once
    /// callers have met on the engine (one found it running or found others
    /// queued), running inline would only make them fight over the gate
    /// with the engine thread, so the queue serves all of them until
    /// [`QUEUE_WINDOW`] passes without callers meeting. A caller queueing
    /// alone does not extend it, so a single caller returns to running
    /// inline.
    queue_until: AtomicU64,
    clock: Instant,
}

/// How long after callers last met on the engine they keep queueing.
const QUEUE_WINDOW: Duration = Duration::from_millis(2);

impl Shared {
    /// Callers met on the engine at `now`: queue for a while.
    fn contended(&self, now: u64) {
        let until = now + QUEUE_WINDOW.as_micros() as u64;
        self.queue_until.fetch_max(until, Ordering::AcqRel);
    }
}

impl EngineThread {
    pub(crate) fn start(engine: Engine) -> Result<Self> {
        let shared = Arc::new(Shared {
            engine,
            gate: Mutex::new(()),
            queued: AtomicUsize::new(0),
            queue_until: AtomicU64::new(0),
            clock: Instant::now(),
        });
        let (jobs, queue) = mpsc::channel::<Job>();
        let served = shared.clone();
        let handle = std::thread::Builder::new()
            .name("dynox-engine".to_owned())
            .spawn(move || serve(&served, queue))
            .map_err(|e| Error::Configuration {
                message: format!("cannot start the embedded engine's thread: {e}"),
            })?;
        Ok(EngineThread {
            shared,
            jobs: Some(jobs),
            handle: Mutex::new(Some(handle)),
        })
    }

    /// Runs `request`: here when the engine is idle, otherwise on the
    /// engine thread, waiting without blocking the caller's thread.
    pub(crate) async fn run(&self, request: Request) -> Result<Response> {
        if let Request::Query(_) | Request::Scan(_) = request {
            // a page of up to 1 MB: most of its cost is turning the
            // engine's items into the SDK's, which callers do side by side
            // here, where the engine thread would do them one after another
            // and hand megabytes of allocations across threads (8 tasks
            // querying: 361 queries/s here, 177 through the queue)
            let _running = self.shared.gate.lock().unwrap_or_else(|p| p.into_inner());
            return execute(&self.shared.engine, request);
        }
        let now = self.shared.clock.elapsed().as_micros() as u64;
        let waiting = self.shared.queued.load(Ordering::Acquire) > 0;
        if !waiting && now >= self.shared.queue_until.load(Ordering::Acquire) {
            if let Ok(_running) = self.shared.gate.try_lock() {
                return execute(&self.shared.engine, request);
            }
            self.shared.contended(now);
        } else if waiting {
            self.shared.contended(now);
        }
        let (reply, answer) = oneshot::channel();
        let Some(jobs) = &self.jobs else {
            return Err(stopped());
        };
        self.shared.queued.fetch_add(1, Ordering::AcqRel);
        if jobs.send(Job { request, reply }).is_err() {
            self.shared.queued.fetch_sub(1, Ordering::AcqRel);
            return Err(stopped());
        }
        answer.await.unwrap_or_else(|_| Err(stopped()))
    }
}

impl Drop for EngineThread {
    fn drop(&mut self) {
        drop(self.jobs.take());
        let handle = self.handle.get_mut().ok().and_then(Option::take);
        if let Some(handle) = handle {
            // the thread catches panics per request, so it only ends here
            let _ = handle.join();
        }
    }
}

/// The engine thread's loop: queued requests in arrival order, a batch at
/// a time, each batch's answers sent when it is done.
fn serve(shared: &Shared, queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(BATCH);
    let mut answers = Vec::with_capacity(BATCH);
    while let Ok(first) = queue.recv() {
        batch.push(first);
        while batch.len() < BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        {
            let _running = shared.gate.lock().unwrap_or_else(|p| p.into_inner());
            shared.queued.fetch_sub(batch.len(), Ordering::AcqRel);
            for Job { request, reply } in batch.drain(..) {
                answers.push((reply, execute(&shared.engine, request)));
            }
        }
        for (reply, result) in answers.drain(..) {
            // the caller may have stopped waiting (a timeout); the work is done
            let _ = reply.send(result);
        }
    }
}

/// Runs one request on the engine. A panic inside the engine answers the
/// request with an error instead of unwinding into the caller or ending
/// the engine thread.
fn execute(engine: &Engine, request: Request) -> Result<Response> {
    let kind = request.kind();
    catch_unwind(AssertUnwindSafe(|| {
        crate::operation::send_embedded(engine, request)
    }))
    .unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Error::backend(
            "EnginePanicked",
            format!(
                "the embedded engine panicked on a {} request: {what}",
                kind.as_str()
            ),
        ))
    })
}

/// The error for a request the engine thread can no longer take.
fn stopped() -> Error {
    Error::backend(
        "EngineStopped",
        "the embedded engine's thread has stopped".to_owned(),
    )
}
