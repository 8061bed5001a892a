//! Rate limits: a budget of read and write capacity units per second for a
//! client or a table, shared by every task that uses it, so a batch job
//! cannot take the capacity a web server needs. Each request waits while
//! its budget is in debt and pays what DynamoDB reports it consumed (an
//! estimate from its size where DynamoDB reports nothing); an adaptive
//! budget halves on throttling and recovers by 5% of its maximum per second.
//!
//! ```
//! # use dynox_core::prelude::*;
//! use dynox_core::rate_limit::RateLimit;
//! # #[derive(DynoModel, Debug, Clone, PartialEq)]
//! # #[dyno(table = "orders")]
//! # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! # let db = Dynox::memory_with::<(Order,)>();
//! // the nightly export may use 100 read units a second, and adapts below
//! // that when DynamoDB throttles
//! let export = db.with_rate_limit(RateLimit::reads(100.0).adaptive());
//! let all = Order::scan(&export).all().await?;
//! # Ok(())
//! # }
//! ```

mod bucket;

use bucket::Bucket;
use futures::future::BoxFuture;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Time as a rate limit sees it: tokio's clock by default; a test may pass
/// one it controls ([`crate::testing::ManualClock`]).
pub trait Clock: Send + Sync + std::fmt::Debug + 'static {
    /// Time since some fixed start.
    fn now(&self) -> Duration;
    /// Waits until [`now`](Clock::now) reaches `deadline`.
    fn sleep_until(&self, deadline: Duration) -> BoxFuture<'static, ()>;
}

/// tokio's clock (so a test runtime with paused time controls it too).
#[derive(Debug)]
pub struct TokioClock {
    start: tokio::time::Instant,
}

impl Default for TokioClock {
    fn default() -> Self {
        TokioClock {
            start: tokio::time::Instant::now(),
        }
    }
}

impl Clock for TokioClock {
    fn now(&self) -> Duration {
        self.start.elapsed()
    }
    fn sleep_until(&self, deadline: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep_until(self.start + deadline))
    }
}

/// A budget of capacity units per second. Give it to a client
/// ([`Dynox::with_rate_limit`](crate::Dynox::with_rate_limit)) or to a
/// model's table
/// ([`Dynox::with_table_rate_limit`](crate::Dynox::with_table_rate_limit));
/// clones share one budget, so one `RateLimit` given to two clients limits
/// both together. Rates are at least 0.1 units per second; a side without a
/// rate is not limited.
#[derive(Clone)]
pub struct RateLimit {
    config: Config,
    state: Arc<Mutex<State>>,
}

#[derive(Clone, Debug)]
struct Config {
    reads: Option<f64>,
    writes: Option<f64>,
    adaptive: bool,
    clock: Arc<dyn Clock>,
}

#[derive(Debug)]
struct State {
    read: Option<Bucket>,
    write: Option<Bucket>,
}

impl std::fmt::Debug for RateLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimit")
            .field("reads", &self.config.reads)
            .field("writes", &self.config.writes)
            .field("adaptive", &self.config.adaptive)
            .field("read_rate", &self.read_rate())
            .field("write_rate", &self.write_rate())
            .finish()
    }
}

impl RateLimit {
    /// At most `reads` read units and `writes` write units per second.
    pub fn new(reads: f64, writes: f64) -> Self {
        Self::of(Some(reads), Some(writes))
    }

    /// At most `per_second` read units per second; writes are not limited.
    pub fn reads(per_second: f64) -> Self {
        Self::of(Some(per_second), None)
    }

    /// At most `per_second` write units per second; reads are not limited.
    pub fn writes(per_second: f64) -> Self {
        Self::of(None, Some(per_second))
    }

    fn of(reads: Option<f64>, writes: Option<f64>) -> Self {
        Config {
            reads,
            writes,
            adaptive: false,
            clock: Arc::new(TokioClock::default()),
        }
        .start()
    }

    /// Backs off when DynamoDB throttles: the rate halves (and the next
    /// request waits a second of the new rate), then grows back by 5% of
    /// the budget per second, never above it. Starts a new budget.
    pub fn adaptive(self) -> Self {
        Config {
            adaptive: true,
            ..self.config
        }
        .start()
    }

    /// Measures time with `clock`. Starts a new budget.
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        Config {
            clock,
            ..self.config
        }
        .start()
    }

    /// Read units per second allowed now (`None`: not limited).
    pub fn read_rate(&self) -> Option<f64> {
        self.lock().read.as_ref().map(Bucket::rate)
    }

    /// Write units per second allowed now (`None`: not limited).
    pub fn write_rate(&self) -> Option<f64> {
        self.lock().write.as_ref().map(Bucket::rate)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // buckets are plain numbers: a panic elsewhere cannot leave them
        // in a state worse than a slightly wrong balance
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until a request on this side may be sent.
    pub(crate) async fn acquire(&self, reads: bool) {
        loop {
            let now = self.config.clock.now();
            let wait = {
                let mut state = self.lock();
                let bucket = if reads {
                    &mut state.read
                } else {
                    &mut state.write
                };
                match bucket {
                    Some(b) => b.wait(now),
                    None => Duration::ZERO,
                }
            };
            if wait.is_zero() {
                return;
            }
            // until a time, not for a while: the wait was worked out at `now`
            self.config.clock.sleep_until(now + wait).await;
        }
    }

    /// Pays for a request: the units it consumed, or its throttling.
    pub(crate) fn settle(&self, outcome: Outcome) {
        let now = self.config.clock.now();
        let mut state = self.lock();
        match outcome {
            Outcome::Consumed { read, write } => {
                if let Some(b) = &mut state.read {
                    b.consume(read, now);
                }
                if let Some(b) = &mut state.write {
                    b.consume(write, now);
                }
            }
            Outcome::Throttled { reads } => {
                let bucket = if reads {
                    &mut state.read
                } else {
                    &mut state.write
                };
                if let Some(b) = bucket {
                    b.throttled(now);
                }
            }
        }
    }
}

impl Config {
    fn start(self) -> RateLimit {
        let now = self.clock.now();
        let bucket = |rate: Option<f64>| rate.map(|r| Bucket::new(r, self.adaptive, now));
        RateLimit {
            state: Arc::new(Mutex::new(State {
                read: bucket(self.reads),
                write: bucket(self.writes),
            })),
            config: self,
        }
    }
}

/// How a request ended, for its budgets.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome {
    Consumed { read: f64, write: f64 },
    Throttled { reads: bool },
}

/// The rate limits of one client: its own, and its tables'.
#[derive(Debug, Clone, Default)]
pub(crate) struct Limits {
    pub(crate) client: Option<RateLimit>,
    /// By full table name.
    pub(crate) tables: Vec<(String, RateLimit)>,
}

impl Limits {
    /// The budgets a request over `label` (tables joined by commas) draws on.
    pub(crate) fn for_request<'a>(&'a self, label: &'a str) -> impl Iterator<Item = &'a RateLimit> {
        self.client.iter().chain(
            self.tables
                .iter()
                .filter(move |(t, _)| label.split(',').any(|l| l == t))
                .map(|(_, l)| l),
        )
    }
}
