//! Streams 10,000 and 100,000 items of ~1 KB from the embedded engine (kept
//! in a file, so the data itself is not in this process's memory) and
//! reports items/s and how much the resident memory grew while streaming.
//! The growth should not scale with the item count: one page is held at a time.
//!
//! Then the same query through `.blocking_iter()`, from a plain thread.
//!
//! `cargo bench -p dynox-core --bench streaming`

use dynox_core::prelude::*;
use futures::{StreamExt, TryStreamExt};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use std::time::Instant;

// counts the bytes this process allocates and frees, to tell the stream's own
// memory apart from the engine's page cache in the resident set
#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// Bytes allocated and not yet freed since `region` began. stats_alloc
/// already adds a realloc's growth to `bytes_allocated` (and its shrinking to
/// `bytes_deallocated`); `bytes_reallocated` repeats that net change, so it
/// must not be added again.
fn live(region: &Region<'_, std::alloc::System>) -> i64 {
    let c = region.change();
    c.bytes_allocated as i64 - c.bytes_deallocated as i64
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "stream")]
struct Row {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sort_key)]
    n: u64,
    body: String,
}

/// Resident set size in KiB, from /proc (Linux).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

async fn run(count: u64) -> Result<(Dynox, std::path::PathBuf)> {
    let path = std::env::temp_dir().join(format!("dynox-stream-{}-{count}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    // DYNOX_BENCH_AWS=1 with AWS_ENDPOINT_URL_DYNAMODB: the same run against
    // DynamoDB Local, whose engine lives in another process
    let db = if std::env::var("DYNOX_BENCH_AWS").is_ok() {
        Dynox::from_env()
            .await?
            .with_table_prefix(format!("s{}_{count}_", std::process::id()))
    } else {
        Dynox::embedded(&path)?
    };
    Row::create_table(&db).await?;
    let body = "x".repeat(1000);
    futures::stream::iter(0..count)
        .map(|n| {
            let row = Row {
                pk: "P".into(),
                n,
                body: body.clone(),
            };
            let db = &db;
            async move { row.save(db).await }
        })
        .buffer_unordered(16)
        .try_collect::<Vec<()>>()
        .await?;

    let before = rss_kib();
    let mut peak = before;
    let region = Region::new(GLOBAL);
    let mut peak_heap = 0i64;
    let started = Instant::now();
    let mut seen = 0u64;
    // DYNOX_BENCH_LIMIT=n sets Query::limit (items per page)
    let limit: Option<u32> = std::env::var("DYNOX_BENCH_LIMIT")
        .ok()
        .and_then(|l| l.parse().ok());
    let query = |db| match limit {
        Some(n) => Row::query(db, "P").limit(n),
        None => Row::query(db, "P"),
    };
    let mut stream = query(&db).stream();
    while let Some(row) = stream.try_next().await? {
        assert_eq!(row.n, seen, "in order");
        seen += 1;
        if seen.is_multiple_of(500) {
            peak = peak.max(rss_kib());
            peak_heap = peak_heap.max(live(&region));
        }
    }
    let elapsed = started.elapsed();
    assert_eq!(seen, count);
    drop(stream);

    // The same walk by hand: between pages only what dynox holds is live
    // (one decoded page and the cursor), whatever the engine allocated
    // while answering has been freed.
    let region = Region::new(GLOBAL);
    let mut held = 0i64;
    let mut cursor = None;
    loop {
        let mut q = query(&db);
        if let Some(c) = cursor.take() {
            q = q.start_after(c);
        }
        let page = q.page().await?;
        held = held.max(live(&region));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    println!(
        "{count:>7} items: {:>8.0} items/s; held by dynox between pages {} KiB; \
         peak live heap while streaming {} KiB (engine included); resident set grew {} KiB",
        count as f64 / elapsed.as_secs_f64(),
        held / 1024,
        peak_heap / 1024,
        peak.saturating_sub(before),
    );
    Ok((db, path))
}

/// The same query through `.blocking_iter()` from this plain thread (no
/// runtime of the caller's): the peak live heap must stay flat as well.
fn blocking_walk(db: &Dynox, count: u64) -> Result<()> {
    let region = Region::new(GLOBAL);
    let mut peak_heap = 0i64;
    let started = Instant::now();
    let mut seen = 0u64;
    for row in Row::query(db, "P").blocking_iter() {
        assert_eq!(row?.n, seen, "in order");
        seen += 1;
        if seen.is_multiple_of(500) {
            peak_heap = peak_heap.max(live(&region));
        }
    }
    assert_eq!(seen, count);
    println!(
        "{count:>7} items through blocking_iter: {:>8.0} items/s; peak live heap {} KiB (engine included)",
        count as f64 / started.elapsed().as_secs_f64(),
        peak_heap / 1024,
    );
    Ok(())
}

fn main() -> Result<()> {
    // `cargo test --benches` runs this with `--bench` absent; keep that quick
    let quick = !std::env::args().any(|a| a == "--bench");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let counts: Vec<u64> = match std::env::var("DYNOX_BENCH_COUNTS") {
        Ok(list) => list
            .split(',')
            .filter_map(|c| c.trim().parse().ok())
            .collect(),
        Err(_) if quick => vec![1_000],
        Err(_) => vec![10_000, 100_000],
    };
    for count in counts {
        let (db, path) = rt.block_on(run(count))?;
        blocking_walk(&db, count)?;
        drop(db);
        let _ = std::fs::remove_file(&path);
    }
    Ok(())
}
