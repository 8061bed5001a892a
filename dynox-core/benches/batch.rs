//! Writes 100,000 items of ~1 KB with the batch writer and the same job item
//! by item (PutItem, as many requests in flight as the batch writer uses),
//! and reports items/s of both and their ratio, from one run.
//!
//! `scripts/bench.sh batch` runs it against DynamoDB Local (which the script
//! starts); without `AWS_ENDPOINT_URL_DYNAMODB` it runs on the embedded engine.
//! `DYNOX_BENCH_COUNT` changes the item count.

use dynox_core::prelude::*;
use futures::{StreamExt, TryStreamExt};
use std::future::IntoFuture;
use std::time::Instant;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "bulk")]
struct Row {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sort_key)]
    n: u64,
    body: String,
}

/// Requests in flight for both ways (the batch writer's default).
const IN_FLIGHT: usize = 4;

fn rows(count: u64) -> Vec<Row> {
    let body = "x".repeat(1000);
    (0..count)
        .map(|n| Row {
            pk: format!("P{}", n % 1000),
            n,
            body: body.clone(),
        })
        .collect()
}

async fn client(tag: &str) -> Result<Dynox> {
    let prefix = format!("b{}_{tag}_", std::process::id());
    let db = if std::env::var("AWS_ENDPOINT_URL_DYNAMODB").is_ok() {
        Dynox::from_env().await?
    } else {
        Dynox::memory()
    };
    let db = db.with_table_prefix(prefix);
    Row::create_table(&db).await?;
    Ok(db)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let count: u64 = std::env::var("DYNOX_BENCH_COUNT")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100_000);
    let target = if std::env::var("AWS_ENDPOINT_URL_DYNAMODB").is_ok() {
        "DynamoDB Local"
    } else {
        "the embedded engine"
    };
    let data = rows(count);
    println!(
        "batch write of {count} items of {} bytes to {target}",
        data[0].item_size()
    );

    let db = client("batch").await?;
    let started = Instant::now();
    let report = db
        .batch_write()
        .put_all(&data)
        .concurrency(IN_FLIGHT)
        .await?;
    let batch_secs = started.elapsed().as_secs_f64();
    assert_eq!(stored_count(&db).await?, count, "every item stored");
    let batch_rate = count as f64 / batch_secs;
    println!(
        "  batch writer:  {batch_rate:>10.0} items/s  ({batch_secs:.1} s, {} requests, {} retries)",
        report.requests, report.retries
    );

    let db = client("single").await?;
    let started = Instant::now();
    futures::stream::iter(&data)
        .map(|row| row.save(&db).into_future())
        .buffer_unordered(IN_FLIGHT)
        .try_collect::<Vec<()>>()
        .await?;
    let single_secs = started.elapsed().as_secs_f64();
    assert_eq!(stored_count(&db).await?, count, "every item stored");
    let single_rate = count as f64 / single_secs;
    println!(
        "  item by item:  {single_rate:>10.0} items/s  ({single_secs:.1} s, {count} requests)"
    );
    println!(
        "  ratio batch / item by item: {:.2}x  ({IN_FLIGHT} requests in flight each)",
        batch_rate / single_rate
    );
    Ok(())
}

async fn stored_count(db: &Dynox) -> Result<u64> {
    Row::scan(db).segments(4).count().await
}
