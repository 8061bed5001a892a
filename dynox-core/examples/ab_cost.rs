//! A fixed workload for instruction counts (`valgrind --tool=callgrind`):
//! N puts and N gets of 1 KB items on the embedded engine, one task. Two
//! runs with different N give the instructions per put and get, free of
//! set-up; comparing two builds of dynox shows what a change costs, which
//! timing cannot on a shared machine. `AB_RATE_LIMIT=1` and `AB_HOT=1`
//! turn on a rate limit (that never waits) and hot-partition diagnostics.
//! `AB_PAD=1` is a control: a few long-lived allocations that do nothing
//! per request, to show how much glibc's allocator moves when only the
//! layout of its heap changes.

use dynox_core::prelude::*;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "rows")]
struct Row {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sort_key)]
    sk: String,
    n: u64,
    body: String,
}

fn row(n: u64) -> Row {
    Row {
        pk: format!("P{}", n % 100),
        sk: format!("{n:08}"),
        n,
        body: "x".repeat(1_000),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    let mut db = Dynox::memory_with::<(Row,)>();
    // what the opt-in features add, counted the same way
    if std::env::var_os("AB_RATE_LIMIT").is_some() {
        db = db.with_rate_limit(dynox_core::rate_limit::RateLimit::new(1e9, 1e9));
    }
    if std::env::var_os("AB_HOT").is_some() {
        db = db.with_hot_partitions(dynox_core::hot::HotPartitions::new());
    }
    // control: long-lived allocations that do nothing per request
    let _pad: Vec<Vec<u8>> = if std::env::var_os("AB_PAD").is_some() {
        (0..40).map(|i| vec![0u8; 16 + i * 24]).collect()
    } else {
        Vec::new()
    };
    for i in 0..n {
        row(i).save(&db).await?;
    }
    for i in 0..n {
        let r = row(i);
        Row::get(&db, r.pk, r.sk).await?;
    }
    Ok(())
}
