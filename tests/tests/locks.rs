//! Distributed locks on both backends: one holder at a time, released
//! locks free at once, expired leases taken over, and fencing tokens that
//! keep a stale holder's writes out, under 32 tasks contending for 10 locks.

use dynox_core::lock::{LockGuard, Locks};
use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the locks protect: one item per lock, with the fencing token of
/// every write made under it, in the order they were stored.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "guarded")]
pub struct Guarded {
    #[dyno(partition_key)]
    pub name: String,
    #[dyno(default)]
    pub fences: Vec<u64>,
}

/// A write under `guard`: appends its fence, refused unless the lock is
/// still `guard`'s.
async fn fenced_write(db: &Dynox, guard: &LockGuard) -> Result<()> {
    db.transact_write()
        .check_lock(guard)
        .update(
            GuardedKey {
                name: guard.name().to_owned(),
            },
            |u| u.append(Guarded::FENCES, vec![guard.fence()]),
        )
        .await
}

fn quick(db: &Dynox) -> Locks {
    Locks::new(db)
        .lease(Duration::from_millis(400))
        .heartbeat(Duration::from_millis(100))
}

backend_tests! {
    async fn one_holder_at_a_time_and_a_released_lock_is_free_at_once(db: Dynox) -> Result<()> {
        let (a, b) = (quick(&db).owner("a"), quick(&db).owner("b"));
        a.create_table().await?;
        let held = a.acquire("l").await?;
        assert_eq!(held.fence(), 1);
        assert!(b.try_acquire("l").await?.is_none(), "held by a");
        // a live holder's heartbeat keeps the lock past its lease
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert!(b.try_acquire("l").await?.is_none());
        let err = b.clone().wait_at_most(Duration::from_millis(200)).acquire("l").await.unwrap_err();
        assert!(matches!(&err, Error::Refused { message } if message.contains("held by a")), "{err:?}");
        assert!(held.is_held());

        assert!(held.release().await?);
        // try_acquire never waits: a released lock is free at once
        let next = b.try_acquire("l").await?.expect("free at once");
        assert_eq!(next.fence(), 2);
        Ok(())
    }

    async fn an_expired_lease_is_taken_over_and_its_holder_fenced_out(db: Dynox) -> Result<()> {
        Guarded::create_table(&db).await?;
        let (a, b) = (quick(&db).owner("a"), quick(&db).owner("b"));
        a.create_table().await?;
        let stale = a.acquire("l").await?;
        fenced_write(&db, &stale).await?;
        stale.stop_renewing(); // a holder that stalled

        let started = Instant::now();
        let taken = b.acquire("l").await?;
        assert!(started.elapsed() >= Duration::from_millis(400), "only after a whole lease");
        assert_eq!(taken.fence(), 2);
        fenced_write(&db, &taken).await?;

        let refused = fenced_write(&db, &stale).await.unwrap_err();
        assert!(matches!(refused, Error::TransactionCanceled { .. }), "{refused:?}");
        assert!(!stale.release().await?, "nothing to release: it was taken over");
        let stored = Guarded::get(&db, "l").await?.expect("written");
        assert_eq!(stored.fences, vec![1, 2]);
        assert!(taken.release().await?);
        Ok(())
    }

    async fn thirty_two_tasks_on_ten_locks_never_hold_one_lock_twice(db: Dynox) -> Result<()> {
        Guarded::create_table(&db).await?;
        quick(&db).create_table().await?;
        let names: Vec<String> = (0..10).map(|i| format!("lock-{i}")).collect();
        let abandoned = Arc::new(AtomicU64::new(0));
        let writes = Arc::new(AtomicU64::new(0));
        let acquired: Arc<std::sync::Mutex<HashMap<String, Vec<u64>>>> = Arc::default();
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut tasks = Vec::new();
        for t in 0..32u64 {
            let (db, names) = (db.clone(), names.clone());
            let (abandoned, writes) = (Arc::clone(&abandoned), Arc::clone(&writes));
            let acquired = Arc::clone(&acquired);
            tasks.push(tokio::spawn(async move {
                let locks = quick(&db)
                    .owner(format!("task-{t}"))
                    .wait_at_most(Duration::from_secs(30));
                let mut i = t;
                while Instant::now() < deadline {
                    let guard = locks.acquire(&names[(i % 10) as usize]).await?;
                    acquired
                        .lock()
                        .expect("acquired")
                        .entry(guard.name().to_owned())
                        .or_default()
                        .push(guard.fence());
                    // a write refused here means the lease was lost while
                    // held: allowed, and exactly what the fence is for
                    if fenced_write(&db, &guard).await.is_ok() {
                        writes.fetch_add(1, Ordering::Relaxed);
                    }
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    if i % 8 == 7 {
                        abandoned.fetch_add(1, Ordering::Relaxed);
                        drop(guard); // a holder that died: its lease expires
                    } else {
                        guard.release().await?;
                    }
                    i += 1;
                }
                Ok::<_, Error>(())
            }));
        }
        for task in tasks {
            task.await.expect("task")?;
        }

        // every write under a lock carries a larger token than the one
        // before it: no two holders wrote in the same lease
        let mut total = 0;
        let mut last_fence = HashMap::new();
        for name in &names {
            let stored = Guarded::get(&db, name.clone()).await?.expect("written");
            assert!(stored.fences.windows(2).all(|w| w[0] < w[1]), "{name}: {:?}", stored.fences);
            total += stored.fences.len() as u64;
            last_fence.insert(name.clone(), *stored.fences.last().expect("a write"));
        }
        assert_eq!(total, writes.load(Ordering::Relaxed));
        // and no token was handed out twice
        for (name, fences) in acquired.lock().expect("acquired").iter_mut() {
            let n = fences.len();
            fences.sort_unstable();
            fences.dedup();
            assert_eq!(fences.len(), n, "{name}: a token handed out twice");
        }
        assert!(abandoned.load(Ordering::Relaxed) > 0);
        // every lock, abandoned or not, can be taken by a newcomer
        let late = quick(&db).owner("late");
        for name in &names {
            let guard = late.acquire(name).await?;
            assert!(guard.fence() > last_fence[name]);
            fenced_write(&db, &guard).await?;
            guard.release().await?;
        }
        eprintln!(
            "{} fenced writes, {} leases abandoned and taken over",
            writes.load(Ordering::Relaxed),
            abandoned.load(Ordering::Relaxed)
        );
        Ok(())
    }
}
