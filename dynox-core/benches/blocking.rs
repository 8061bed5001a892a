//! Blocking overhead: sequential get and put of a 1 KB item through
//! `.blocking()` from a plain thread, against the same calls `.await`ed one
//! after another inside a tokio runtime, on the embedded engine and (with
//! `AWS_ENDPOINT_URL_DYNAMODB`, as `scripts/bench.sh blocking` sets it) on
//! DynamoDB Local. Each side runs twice, interleaved, and the better run
//! counts; the report is ops/s and the ratio blocking / async from one run.

use dynox_core::prelude::*;
use std::time::Instant;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "bench_rows")]
struct Row {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sort_key)]
    sk: String,
    body: String,
}

fn row(i: u64) -> Row {
    Row {
        pk: "P".into(),
        sk: format!("S{:06}", i % 1000),
        body: "x".repeat(1000),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Put,
    Get,
}

async fn one(db: &Dynox, op: Op, i: u64) {
    match op {
        Op::Put => row(i).save(db).await.expect("put"),
        Op::Get => {
            let got = Row::get(db, "P", format!("S{:06}", i % 1000)).await;
            assert!(got.expect("get").is_some());
        }
    }
}

fn one_blocking(db: &Dynox, op: Op, i: u64) {
    match op {
        Op::Put => row(i).save(db).blocking().expect("put"),
        Op::Get => {
            let got = Row::get(db, "P", format!("S{:06}", i % 1000)).blocking();
            assert!(got.expect("get").is_some());
        }
    }
}

fn ops_per_sec(n: u64, started: Instant) -> f64 {
    n as f64 / started.elapsed().as_secs_f64()
}

fn measure(label: &str, db: &Dynox, rt: &tokio::runtime::Runtime, n: u64) -> Vec<String> {
    rt.block_on(async {
        Row::create_table(db).if_not_exists().await.expect("table");
        for i in 0..1000 {
            row(i).save(db).await.expect("seed");
        }
    });
    let mut lines = Vec::new();
    for (name, op) in [("put", Op::Put), ("get", Op::Get)] {
        let (mut best_async, mut best_blocking) = (0f64, 0f64);
        for _ in 0..2 {
            let started = Instant::now();
            rt.block_on(async {
                for i in 0..n {
                    one(db, op, i).await;
                }
            });
            best_async = best_async.max(ops_per_sec(n, started));
            let started = Instant::now();
            for i in 0..n {
                one_blocking(db, op, i);
            }
            best_blocking = best_blocking.max(ops_per_sec(n, started));
        }
        lines.push(format!(
            "| {label} | {name} | {best_async:.0} | {best_blocking:.0} | {:.2} |",
            best_blocking / best_async
        ));
    }
    lines
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    println!("| engine | op | async ops/s | blocking ops/s | blocking / async |");
    println!("|---|---|---|---|---|");
    for line in measure("embedded", &Dynox::memory(), &rt, 20_000) {
        println!("{line}");
    }
    if std::env::var("AWS_ENDPOINT_URL_DYNAMODB").is_ok() {
        let db = rt
            .block_on(Dynox::from_env())
            .expect("client")
            .with_table_prefix(format!("blocking{}_", std::process::id()));
        for line in measure("DynamoDB Local", &db, &rt, 2_000) {
            println!("{line}");
        }
    }
}
