//! Zero-setup databases for tests: `Dynox::memory_with::<(User, Order)>()`
//! gives a fresh in-memory engine with the models' tables created.

use crate::model::TableSchema;
use crate::{DynoModel, Dynox};
use std::borrow::Cow;

/// A set of models whose tables [`Dynox::memory_with`] and
/// [`Dynox::create_tables`] create: a tuple of up to 12 models (`(User,)`
/// for one). Models that share a table make one table.
pub trait ModelSet {
    /// Each model's full table name and schema, in order.
    #[doc(hidden)]
    fn tables(db: &Dynox) -> Vec<(Cow<'static, str>, &'static TableSchema)>;
}

macro_rules! model_sets {
    ($( ($($m:ident),+) )*) => {$(
        impl<$($m: DynoModel),+> ModelSet for ($($m,)+) {
            fn tables(db: &Dynox) -> Vec<(Cow<'static, str>, &'static TableSchema)> {
                vec![$( (db.table_name::<$m>(), $m::SCHEMA) ),+]
            }
        }
    )*};
}

model_sets! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
    (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H)
    (A, B, C, D, E, F, G, H, I)
    (A, B, C, D, E, F, G, H, I, J)
    (A, B, C, D, E, F, G, H, I, J, K)
    (A, B, C, D, E, F, G, H, I, J, K, L)
}

#[cfg(feature = "embedded")]
impl Dynox {
    /// A fresh embedded engine in memory with the tables of `T` created:
    /// the one line of set-up a test needs. Works in a plain `#[test]` and
    /// inside an async runtime alike (the embedded engine answers at once,
    /// so nothing waits on the runtime).
    ///
    /// ```
    /// # use dynox_core::prelude::*;
    /// # #[derive(DynoModel, Debug, Clone, PartialEq)]
    /// # #[dyno(table = "users")]
    /// # pub struct User { #[dyno(partition_key)] pub pk: String }
    /// # #[derive(DynoModel, Debug, Clone, PartialEq)]
    /// # #[dyno(table = "orders")]
    /// # pub struct Order { #[dyno(partition_key)] pub id: String }
    /// let db = Dynox::memory_with::<(User, Order)>();
    /// ```
    ///
    /// # Panics
    ///
    /// If the engine cannot be opened or a table cannot be created (a model
    /// whose schema DynamoDB refuses); [`Dynox::try_memory_with`] returns
    /// that as an error.
    pub fn memory_with<T: ModelSet>() -> Dynox {
        match Self::try_memory_with::<T>() {
            Ok(db) => db,
            Err(e) => panic!("cannot set up the in-memory engine: {e}"),
        }
    }

    /// [`Dynox::memory_with`], with failures as errors.
    pub fn try_memory_with<T: ModelSet>() -> crate::Result<Dynox> {
        let db = Self::try_memory()?;
        // the embedded transport's futures are ready at once: no runtime needed
        futures::executor::block_on(db.create_tables::<T>())?;
        Ok(db)
    }
}

/// A clock that moves only when something sleeps on it (or [`advance`]
/// moves it): a rate-limited run of minutes takes as long as its requests,
/// and the time it took is exact. Give it to
/// [`RateLimit::with_clock`](crate::rate_limit::RateLimit::with_clock).
/// A sleep moves it to the sleeper's wake-up time if that is later, so
/// tasks sleeping side by side take the longest of their waits, not the
/// sum; a task that is slow without sleeping takes no time on it.
///
/// [`advance`]: ManualClock::advance
#[derive(Debug, Default)]
pub struct ManualClock {
    nanos: std::sync::atomic::AtomicU64,
}

impl ManualClock {
    /// A clock at zero.
    pub fn new() -> std::sync::Arc<Self> {
        std::sync::Arc::new(ManualClock::default())
    }

    /// Moves the clock on.
    pub fn advance(&self, by: std::time::Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        self.nanos
            .fetch_add(nanos, std::sync::atomic::Ordering::SeqCst);
    }

    /// Time since the clock was made.
    pub fn elapsed(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.nanos.load(std::sync::atomic::Ordering::SeqCst))
    }
}

impl crate::rate_limit::Clock for ManualClock {
    fn now(&self) -> std::time::Duration {
        self.elapsed()
    }

    fn sleep_until(
        &self,
        deadline: std::time::Duration,
    ) -> futures::future::BoxFuture<'static, ()> {
        // to the sleeper's wake-up time if that is later: tasks sleeping
        // side by side wake at the latest of their times, as they would
        let nanos = u64::try_from(deadline.as_nanos()).unwrap_or(u64::MAX);
        self.nanos
            .fetch_max(nanos, std::sync::atomic::Ordering::SeqCst);
        Box::pin(tokio::task::yield_now())
    }
}
