//! 32 tasks at once on a few items, mixing versioned saves, smart saves of
//! fields each task owns, and atomic increments, for a bounded time. After
//! it, every counter equals the acknowledged increments and every
//! acknowledged field value is stored: no write was lost.

use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::{Board, Counter};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TASKS: usize = 32;
const COUNTERS: usize = 4;
const BOARDS: usize = TASKS / 8;
const RUN_FOR: Duration = Duration::from_secs(3);

#[derive(Default)]
struct Acks {
    versioned: [AtomicU64; COUNTERS],
    conflicts: AtomicU64,
    hits: [AtomicU64; BOARDS],
    /// The last value each task's smart save stored in the field it owns.
    fields: [AtomicU64; TASKS],
}

async fn worker(db: Dynox, t: usize, acks: Arc<Acks>, deadline: Instant) -> Result<()> {
    let (counter, board) = (format!("c{}", t % COUNTERS), format!("b{}", t / 8));
    let mut seq = 0u64;
    while Instant::now() < deadline {
        seq += 1;
        match seq % 3 {
            // a versioned increment; a conflict is retried later, not acknowledged
            0 => {
                let mut c = Counter::get(&db, counter.clone())
                    .consistent_read(true)
                    .await?
                    .expect("seeded");
                c.count += 1;
                // the embedded engine answers without yielding: let other
                // tasks run between the read and the write, as the network would
                tokio::task::yield_now().await;
                match c.save(&db).await {
                    Ok(()) => {
                        acks.versioned[t % COUNTERS].fetch_add(1, Ordering::SeqCst);
                    }
                    Err(Error::VersionConflict { .. }) => {
                        acks.conflicts.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => return Err(e),
                }
            }
            // a smart save of the one field this task owns
            1 => {
                let mut b = Board::get(&db, board.clone()).await?.expect("seeded");
                *b.field_mut(t) = seq;
                tokio::task::yield_now().await;
                b.save(&db).await?;
                acks.fields[t].store(seq, Ordering::SeqCst);
            }
            // an atomic increment shared by eight tasks
            _ => {
                Board::update_by_key(&db, board.clone())
                    .increment(Board::HITS, 1)
                    .await?;
                acks.hits[t / 8].fetch_add(1, Ordering::SeqCst);
            }
        }
    }
    Ok(())
}

backend_tests! {
    async fn thirty_two_writers_lose_nothing(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        Board::create_table(&db).await?;
        for c in 0..COUNTERS {
            Counter { id: format!("c{c}"), count: 0, note: None, version: 0 }.save(&db).await?;
        }
        for b in 0..BOARDS {
            Board { id: format!("b{b}"), ..Board::default() }.save(&db).await?;
        }
        let acks = Arc::new(Acks::default());
        let deadline = Instant::now() + RUN_FOR;
        let tasks: Vec<_> = (0..TASKS)
            .map(|t| tokio::spawn(worker(db.clone(), t, acks.clone(), deadline)))
            .collect();
        for task in tasks {
            task.await.expect("worker")?;
        }

        let mut total = 0;
        for c in 0..COUNTERS {
            let stored = Counter::get(&db, format!("c{c}")).consistent_read(true).await?.expect("counter");
            let acked = acks.versioned[c].load(Ordering::SeqCst);
            assert_eq!(stored.count, acked, "counter c{c}");
            assert_eq!(stored.version, acked + 1, "one version per save");
            total += acked;
        }
        assert!(total > 20, "the writers made progress: {total}");
        assert!(acks.conflicts.load(Ordering::Relaxed) > 0, "writers raced for the same versions");
        for b in 0..BOARDS {
            let mut stored = Board::get(&db, format!("b{b}")).consistent_read(true).await?.expect("board").into_inner();
            assert_eq!(stored.hits, acks.hits[b].load(Ordering::SeqCst), "hits of b{b}");
            for t in b * 8..b * 8 + 8 {
                assert_eq!(*stored.field_mut(t), acks.fields[t].load(Ordering::SeqCst), "field of task {t}");
            }
        }
        eprintln!(
            "{} versioned saves ({} conflicts retried), {} atomic increments",
            total,
            acks.conflicts.load(Ordering::Relaxed),
            acks.hits.iter().map(|h| h.load(Ordering::SeqCst)).sum::<u64>()
        );
        Ok(())
    }
}
