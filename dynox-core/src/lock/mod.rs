//! Distributed locks with leases and fencing tokens, kept in a DynamoDB
//! table, as the DynamoDB Lock Client for Java keeps them.
//!
//! A holder keeps its lease alive with a heartbeat in the background. No
//! clock is trusted: a lock whose record does not change for a whole lease
//! has expired, and another owner takes it over. A holder that paused
//! longer than its lease (a GC pause, a lost network) may still believe it
//! holds the lock; its writes are kept out by the fencing token: every
//! acquisition gets one more than the last, and a write made with
//! [`TransactWrite::check_lock`](crate::ops::TransactWrite::check_lock)
//! happens only while the lock still carries the writer's token.
//!
//! ```
//! # use dynox_core::prelude::*;
//! use dynox_core::lock::Locks;
//! use std::time::Duration;
//! # #[derive(DynoModel, Debug, Clone, PartialEq)]
//! # #[dyno(table = "invoices")]
//! # pub struct Invoice { #[dyno(partition_key)] pub id: String, pub total: u32 }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! # let db = Dynox::memory_with::<(Invoice,)>();
//! let locks = Locks::new(&db).lease(Duration::from_secs(10));
//! locks.create_table().await?;
//!
//! let guard = locks.acquire("invoice-42").await?;
//! db.transact_write()
//!     .check_lock(&guard) // refused if the lock moved on meanwhile
//!     .put(&Invoice { id: "42".into(), total: 5 })
//!     .await?;
//! assert!(guard.release().await?);
//! # Ok(())
//! # }
//! ```

mod record;

pub use record::{LockRecord, LockRecordKey};

use crate::ops::TransactWrite;
use crate::{Dynox, Error, ModelExt, Result};
use record::fresh_id;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Locks in one table, acquired as one owner. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Locks {
    db: Dynox,
    owner: String,
    lease: Duration,
    heartbeat: Duration,
    poll: Duration,
    wait: Duration,
}

impl Locks {
    /// Locks through `db` as a new owner (a random id), with a 20 s lease,
    /// a heartbeat every third of it, and acquisitions that wait up to two
    /// leases.
    pub fn new(db: &Dynox) -> Self {
        Locks {
            db: db.clone(),
            owner: fresh_id(),
            lease: Duration::from_secs(20),
            heartbeat: Duration::from_secs(20) / 3,
            poll: Duration::from_secs(1),
            wait: Duration::from_secs(40),
        }
    }

    /// Acquires as `owner` (a host or process name, shown in errors).
    /// Two `Locks` with one owner do not exclude each other's reads of who
    /// holds what, but each acquisition still excludes every other.
    pub fn owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = owner.into();
        self
    }

    /// How long a lock stays held without a heartbeat; the heartbeat runs
    /// every third of it, acquisitions poll every tenth and wait up to two
    /// leases unless told otherwise.
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self.heartbeat = lease / 3;
        self.poll = (lease / 10).max(Duration::from_millis(5));
        self.wait = lease * 2;
        self
    }

    /// How often a holder renews its lease (less than the lease).
    pub fn heartbeat(mut self, every: Duration) -> Self {
        self.heartbeat = every;
        self
    }

    /// How long [`acquire`](Self::acquire) waits for a held lock before
    /// giving up.
    pub fn wait_at_most(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }

    /// The owner id acquisitions are made as.
    pub fn owner_id(&self) -> &str {
        &self.owner
    }

    /// Creates the lock table if it does not exist.
    pub async fn create_table(&self) -> Result<()> {
        LockRecord::create_table(&self.db).if_not_exists().await?;
        Ok(())
    }

    /// Acquires lock `name`: at once when it is free or released, after
    /// its lease when its holder stopped renewing it; waits up to
    /// [`wait_at_most`](Self::wait_at_most), then
    /// [`Error::Refused`] naming the holder.
    pub async fn acquire(&self, name: &str) -> Result<LockGuard> {
        let deadline = Instant::now() + self.wait;
        // the holder's record as first seen unchanged, and since when
        let mut seen: Option<(String, Instant)> = None;
        loop {
            let stored = LockRecord::get(&self.db, name)
                .consistent_read(true)
                .await?
                .map(crate::Tracked::into_inner);
            let expired = |r: &LockRecord, seen: &Option<(String, Instant)>| {
                seen.as_ref().is_some_and(|(rvn, since)| {
                    *rvn == r.rvn && since.elapsed() >= Duration::from_millis(r.lease_ms)
                })
            };
            let attempt = match &stored {
                None => self.take(name, None).await?,
                Some(r) if r.released || expired(r, &seen) => self.take(name, Some(r)).await?,
                Some(r) => {
                    if seen.as_ref().is_none_or(|(rvn, _)| *rvn != r.rvn) {
                        seen = Some((r.rvn.clone(), Instant::now()));
                    }
                    None
                }
            };
            if let Some(guard) = attempt {
                return Ok(guard);
            }
            if Instant::now() >= deadline {
                return Err(Error::Refused {
                    message: format!(
                        "lock {name} is held by {} and was not released or left to expire within {:?}; wait longer (`wait_at_most`) or try later",
                        stored.map_or_else(|| "another owner".to_owned(), |r| r.owner),
                        self.wait
                    ),
                });
            }
            tokio::time::sleep(self.poll).await;
        }
    }

    /// Acquires lock `name` if it is free or released now; `None` when it
    /// is held (expiry needs a lease of watching, which this does not wait).
    pub async fn try_acquire(&self, name: &str) -> Result<Option<LockGuard>> {
        let stored = LockRecord::get(&self.db, name)
            .consistent_read(true)
            .await?
            .map(crate::Tracked::into_inner);
        match &stored {
            None => self.take(name, None).await,
            Some(r) if r.released => self.take(name, Some(r)).await,
            Some(_) => Ok(None),
        }
    }

    /// Writes this owner's record over `previous` (or where there was none),
    /// if nobody changed it meanwhile; `None` when somebody did.
    async fn take(&self, name: &str, previous: Option<&LockRecord>) -> Result<Option<LockGuard>> {
        let record = LockRecord {
            name: name.to_owned(),
            owner: self.owner.clone(),
            rvn: fresh_id(),
            fence: previous.map_or(1, |p| p.fence + 1),
            lease_ms: u64::try_from(self.lease.as_millis()).unwrap_or(u64::MAX),
            released: false,
        };
        let condition = match previous {
            None => crate::ConditionOf::into_condition(LockRecord::NAME.not_exists()),
            Some(p) => LockRecord::RVN.eq(p.rvn.as_str()),
        };
        match record
            .save(&self.db)
            .condition(condition)
            .skip_hooks()
            .await
        {
            Ok(()) => Ok(Some(LockGuard::start(self, record))),
            Err(Error::ConditionalCheckFailed { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A held lock. Its lease is renewed in the background until
/// [`release`](Self::release); dropping it stops the renewal, so the lock
/// expires after its lease (as when the process dies).
#[derive(Debug)]
pub struct LockGuard {
    name: String,
    owner: String,
    fence: u64,
    state: Arc<GuardState>,
    db: Dynox,
    heartbeat: tokio::task::JoinHandle<()>,
}

#[derive(Debug)]
struct GuardState {
    /// The record's current `rvn`; held across a renewal, so a release
    /// never races one.
    rvn: tokio::sync::Mutex<String>,
    lost: AtomicBool,
}

impl LockGuard {
    fn start(locks: &Locks, record: LockRecord) -> Self {
        let state = Arc::new(GuardState {
            rvn: tokio::sync::Mutex::new(record.rvn),
            lost: AtomicBool::new(false),
        });
        let heartbeat = tokio::spawn(heartbeat(
            locks.db.clone(),
            record.name.clone(),
            locks.owner.clone(),
            locks.heartbeat,
            locks.lease,
            Arc::clone(&state),
        ));
        LockGuard {
            name: record.name,
            owner: record.owner,
            fence: record.fence,
            state,
            db: locks.db.clone(),
            heartbeat,
        }
    }

    /// The lock's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// This acquisition's fencing token: one more than the acquisition
    /// before it. Keep it beside what the lock protects to refuse a stale
    /// holder's writes, or use
    /// [`TransactWrite::check_lock`](crate::ops::TransactWrite::check_lock).
    pub fn fence(&self) -> u64 {
        self.fence
    }

    /// Whether the lease is still this guard's, as far as its heartbeat
    /// knows (it finds out within a heartbeat that another took over).
    pub fn is_held(&self) -> bool {
        !self.state.lost.load(Ordering::SeqCst)
    }

    /// Stops renewing the lease while keeping the guard: the lock expires
    /// after its lease and another owner may take it over; this guard's
    /// fenced writes are refused from then on. For a graceful hand-over,
    /// and for tests of a holder that stalled.
    pub fn stop_renewing(&self) {
        self.heartbeat.abort();
    }

    /// Releases the lock for others to take at once. `false` when the
    /// lease had already been taken over (nothing is changed then).
    pub async fn release(self) -> Result<bool> {
        let rvn = self.state.rvn.lock().await;
        self.heartbeat.abort();
        let result = LockRecord::update_by_key(&self.db, self.name.clone())
            .set(LockRecord::RELEASED, true)
            .set(LockRecord::RVN, fresh_id())
            .condition(LockRecord::RVN.eq(rvn.as_str()) & LockRecord::OWNER.eq(self.owner.as_str()))
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(Error::ConditionalCheckFailed { .. }) => {
                self.state.lost.store(true, Ordering::SeqCst);
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        self.heartbeat.abort();
    }
}

/// Renews the lease every `every` until it is lost: another owner took it
/// over, or no renewal succeeded for a whole lease.
async fn heartbeat(
    db: Dynox,
    name: String,
    owner: String,
    every: Duration,
    lease: Duration,
    state: Arc<GuardState>,
) {
    let mut renewed = Instant::now();
    loop {
        tokio::time::sleep(every).await;
        let mut rvn = state.rvn.lock().await;
        let next = fresh_id();
        let result = LockRecord::update_by_key(&db, name.clone())
            .set(LockRecord::RVN, next.as_str())
            .condition(LockRecord::RVN.eq(rvn.as_str()) & LockRecord::OWNER.eq(owner.as_str()))
            .await;
        match result {
            Ok(_) => {
                *rvn = next;
                renewed = Instant::now();
            }
            Err(Error::ConditionalCheckFailed { .. }) => break,
            // a failed renewal is retried at the next beat, until the
            // lease is gone
            Err(_) if renewed.elapsed() < lease => continue,
            Err(_) => break,
        }
    }
    state.lost.store(true, Ordering::SeqCst);
}

impl<'a> TransactWrite<'a> {
    /// Cancels the transaction unless `guard`'s acquisition is still the
    /// lock's latest (its fencing token, not released): a holder whose
    /// lease was taken over cannot write under it.
    pub fn check_lock(self, guard: &LockGuard) -> Self {
        self.check(
            LockRecordKey {
                name: guard.name.clone(),
            },
            LockRecord::OWNER.eq(guard.owner.as_str())
                & LockRecord::FENCE.eq(guard.fence)
                & LockRecord::RELEASED.eq(false),
        )
    }
}
