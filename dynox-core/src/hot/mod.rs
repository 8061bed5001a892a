//! Hot-partition diagnostics: which partition keys take the requests and
//! the capacity, over a sliding window, in bounded memory (a heavy-hitters
//! sketch per slice of the window, not a map of every key), with a
//! `tracing` warning when one key takes more than a share of its table's
//! units, or nears what one DynamoDB partition serves (3,000 read units
//! and 1,000 write units a second).
//!
//! ```
//! # use dynox_core::prelude::*;
//! use dynox_core::hot::HotPartitions;
//! # #[derive(DynoModel, Debug, Clone, PartialEq)]
//! # #[dyno(table = "orders")]
//! # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! # let base = Dynox::memory_with::<(Order,)>();
//! let hot = HotPartitions::new();
//! let db = base.with_hot_partitions(hot.clone());
//! for i in 0..20 {
//!     Order { customer: "big".into(), id: format!("{i}") }.save(&db).await?;
//! }
//! Order { customer: "small".into(), id: "1".into() }.save(&db).await?;
//! assert_eq!(hot.top(1)[0].key, "big");
//! # Ok(())
//! # }
//! ```

mod keys;
mod sketch;

use crate::rate_limit::{Clock, TokioClock};
use crate::transport::Request;
use keys::{KeyNames, KeyText};
use sketch::SpaceSaving;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Per-partition limits of DynamoDB, in units per second.
const PARTITION_READ_LIMIT: f64 = 3_000.0;
const PARTITION_WRITE_LIMIT: f64 = 1_000.0;
/// A warning when a key's rate in a slice passes this share of a limit.
const NEAR_LIMIT: f64 = 0.8;

/// A partition key and what it took over the window.
#[derive(Debug, Clone, PartialEq)]
pub struct HotKey {
    /// The table (full name).
    pub table: String,
    /// The partition key's value as text (binary in base64).
    pub key: String,
    /// Requests that named it (at least; a sketch may undercount a key
    /// that came and went).
    pub requests: u64,
    /// Read units (a request reporting none counts one).
    pub read_units: f64,
    /// Write units.
    pub write_units: f64,
}

/// Hot-partition diagnostics for a client; see the [module](self). Clones
/// share one record.
#[derive(Clone)]
pub struct HotPartitions {
    config: Arc<Config>,
    state: Arc<Mutex<State>>,
}

#[derive(Debug)]
struct Config {
    window: Duration,
    slices: u32,
    keys_per_slice: usize,
    share: f64,
    min_units: f64,
    clock: Arc<dyn Clock>,
}

#[derive(Default)]
struct State {
    names: KeyNames,
    slices: VecDeque<Slice>,
    /// The last expired slice, kept for reuse: once the window is full,
    /// recording allocates nothing, and nothing of ours is left between
    /// the allocations of requests.
    spare: Option<Slice>,
    warnings: u64,
}

struct Slice {
    start: Duration,
    sketch: SpaceSaving,
    /// Units per table in the slice, by the table's place in the names.
    totals: Vec<f64>,
    /// Keys already warned about in the slice.
    warned: HashSet<(usize, KeyText)>,
}

impl Slice {
    fn new(start: Duration, keys: usize) -> Self {
        Slice {
            start,
            sketch: SpaceSaving::new(keys),
            totals: Vec::new(),
            warned: HashSet::new(),
        }
    }

    /// Empties the slice for reuse, keeping its memory.
    fn reset(&mut self, start: Duration) {
        self.start = start;
        self.sketch.reset();
        self.totals.clear();
        self.warned.clear();
    }
}

impl std::fmt::Debug for HotPartitions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HotPartitions")
            .field("window", &self.config.window)
            .field("share", &self.config.share)
            .finish_non_exhaustive()
    }
}

impl Default for HotPartitions {
    fn default() -> Self {
        Self::new()
    }
}

impl HotPartitions {
    /// A 60 s window in six slices, 32 keys kept per slice; a warning when
    /// one key takes over half its table's units (once the table used 100
    /// in a slice) or 80% of a partition's limit.
    pub fn new() -> Self {
        Self::with(Config {
            window: Duration::from_secs(60),
            slices: 6,
            keys_per_slice: 32,
            share: 0.5,
            min_units: 100.0,
            clock: Arc::new(TokioClock::default()),
        })
    }

    fn with(config: Config) -> Self {
        let state = State {
            slices: VecDeque::with_capacity(config.slices as usize + 1),
            ..State::default()
        };
        HotPartitions {
            config: Arc::new(config),
            state: Arc::new(Mutex::new(state)),
        }
    }

    fn reconfigured(self, change: impl FnOnce(&mut Config)) -> Self {
        let c = &self.config;
        let mut config = Config {
            window: c.window,
            slices: c.slices,
            keys_per_slice: c.keys_per_slice,
            share: c.share,
            min_units: c.min_units,
            clock: Arc::clone(&c.clock),
        };
        change(&mut config);
        Self::with(config)
    }

    /// How far back the record goes (at least a second).
    pub fn window(self, window: Duration) -> Self {
        self.reconfigured(|c| c.window = window.max(Duration::from_secs(1)))
    }

    /// Warn when one key takes more than `share` (0 to 1) of its table's
    /// units in a slice.
    pub fn share(self, share: f64) -> Self {
        self.reconfigured(|c| c.share = share.clamp(0.0, 1.0))
    }

    /// How many keys each slice keeps (memory is slices × this).
    pub fn keys_per_slice(self, n: usize) -> Self {
        self.reconfigured(|c| c.keys_per_slice = n.max(1))
    }

    /// Measures time with `clock`.
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        self.reconfigured(|c| c.clock = clock)
    }

    /// The `n` keys that took the most units over the window, heaviest first.
    pub fn top(&self, n: usize) -> Vec<HotKey> {
        let now = self.config.clock.now();
        let mut state = self.lock();
        self.expire(&mut state, now);
        let mut merged: HashMap<(usize, &str), HotKey> = HashMap::new();
        for slice in &state.slices {
            for c in slice.sketch.counters() {
                let e = merged.entry((c.table, &c.key)).or_insert_with(|| HotKey {
                    table: state.names[c.table].0.clone(),
                    key: c.key.clone(),
                    requests: 0,
                    read_units: 0.0,
                    write_units: 0.0,
                });
                e.requests += c.requests;
                e.read_units += c.read;
                e.write_units += c.write;
            }
        }
        let mut keys: Vec<HotKey> = merged.into_values().collect();
        keys.sort_by(|a, b| {
            (b.read_units + b.write_units).total_cmp(&(a.read_units + a.write_units))
        });
        keys.truncate(n);
        keys
    }

    /// How many warnings were logged.
    pub fn warnings(&self) -> u64 {
        self.lock().warnings
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // counters only: a panic elsewhere leaves nothing worse than a
        // miscount
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn slice_length(&self) -> Duration {
        self.config.window / self.config.slices
    }

    fn expire(&self, state: &mut State, now: Duration) {
        while state
            .slices
            .front()
            .is_some_and(|s| s.start + self.config.window <= now)
        {
            state.spare = state.slices.pop_front();
        }
    }

    /// Learns a table's partition key attribute (from a model).
    pub(crate) fn learn(&self, table: &str, partition_key: &'static str) {
        let mut state = self.lock();
        if !state.names.iter().any(|(t, _)| t == table) {
            state.names.push((table.to_owned(), partition_key));
        }
    }

    /// The partition keys `request` names.
    pub(crate) fn keys_of(&self, request: &Request) -> keys::Keys {
        keys::partition_keys(request, &self.lock().names)
    }

    /// Records that a request named `keys` and used `read` and `write`
    /// units (shared evenly among the keys).
    pub(crate) fn record(&self, keys: keys::Keys, read: f64, write: f64) {
        if keys.len() == 0 {
            return;
        }
        let now = self.config.clock.now();
        let share = keys.len() as f64;
        let (read, write) = (read / share, write / share);
        let slice_length = self.slice_length();
        let mut state = self.lock();
        self.expire(&mut state, now);
        if state
            .slices
            .back()
            .is_none_or(|s| s.start + slice_length <= now)
        {
            let slice = match state.spare.take() {
                Some(mut spare) => {
                    spare.reset(now);
                    spare
                }
                None => Slice::new(now, self.config.keys_per_slice),
            };
            state.slices.push_back(slice);
        }
        let mut warnings = 0;
        // fields borrowed apart: the slice mutably, the names to read
        let state = &mut *state;
        if let Some(slice) = state.slices.back_mut() {
            for (table, key) in keys.into_iter() {
                let counter = slice.sketch.add(table, key.as_str(), read, write);
                let (taken, key_read, key_write) = (counter.weight(), counter.read, counter.write);
                let units = if read + write > 0.0 {
                    read + write
                } else {
                    1.0
                };
                if slice.totals.len() <= table {
                    slice.totals.resize(table + 1, 0.0);
                }
                slice.totals[table] += units;
                let of = slice.totals[table];
                let seconds = slice_length.as_secs_f64();
                let over_share = of >= self.config.min_units && taken > self.config.share * of;
                let near_limit = key_read / seconds > NEAR_LIMIT * PARTITION_READ_LIMIT
                    || key_write / seconds > NEAR_LIMIT * PARTITION_WRITE_LIMIT;
                if (over_share || near_limit) && !slice.warned.contains(&(table, key.clone())) {
                    tracing::warn!(
                        table = state.names[table].0.as_str(),
                        partition_key = key.as_str(),
                        units = taken,
                        table_units = of,
                        read_units_per_second = key_read / seconds,
                        write_units_per_second = key_write / seconds,
                        "hot partition: one partition key takes {:.0}% of the table's units{}",
                        100.0 * taken / of.max(f64::MIN_POSITIVE),
                        if near_limit {
                            ", near what one partition serves"
                        } else {
                            ""
                        }
                    );
                    slice.warned.insert((table, key));
                    warnings += 1;
                }
            }
        }
        state.warnings += warnings;
    }
}
