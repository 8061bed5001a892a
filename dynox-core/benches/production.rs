//! What the production features cost, from one run: the CPU per put and
//! get that a rate limit and hot-partition diagnostics add (on the
//! embedded engine, where the client's own work is the largest share of an
//! operation), and how fast a change stream is read, on the embedded
//! engine and, under `scripts/bench.sh production`, on DynamoDB Local.
//! Writes docs/benchmarks/production.md.

#[path = "suite/measure.rs"]
mod measure;

use dynox_core::hot::HotPartitions;
use dynox_core::prelude::*;
use dynox_core::rate_limit::RateLimit;
use measure::{run, Sample};
use std::fmt::Write;

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

/// The same item in a table with a stream.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "changing", stream = "new_and_old_images")]
struct Changing {
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

const OPS: u64 = 20_000;

#[derive(Clone, Copy)]
enum Op {
    Put,
    Get,
}

async fn once(db: &Dynox, op: Op) -> Sample {
    let db = db.clone();
    run(OPS, 1, move |i| {
        let db = db.clone();
        async move {
            match op {
                Op::Put => row(i).save(&db).await.expect("put"),
                Op::Get => {
                    let r = row(i % 2_000);
                    Row::get(&db, r.pk, r.sk).await.expect("get");
                }
            }
        }
    })
    .await
}

/// The best (least CPU per operation) of three runs of each variant,
/// interleaved so that the machine's moods fall on all of them.
async fn overheads(md: &mut String) -> Result<()> {
    let base = Dynox::memory_with::<(Row,)>();
    let seed: Vec<Row> = (0..2_000).map(row).collect();
    base.batch_write().put_all(&seed).await?;
    let variants: Vec<(&str, Dynox)> = vec![
        ("plain", base.clone()),
        ("rate limit", base.with_rate_limit(RateLimit::new(1e9, 1e9))),
        (
            "hot partitions",
            base.with_hot_partitions(HotPartitions::new()),
        ),
    ];
    let _ = writeln!(md, "### Cost of the rate limit and of hot-partition diagnostics (embedded engine, 1 task, {OPS} operations per run)\n");
    let _ = writeln!(md, "| workload | plain CPU/op | rate limit CPU/op | ratio (≤ 1.03) | hot partitions CPU/op | ratio (≤ 1.03) |");
    let _ = writeln!(md, "|---|---|---|---|---|---|");
    for (name, op) in [("put (1 KB item)", Op::Put), ("get (1 KB item)", Op::Get)] {
        once(&base, op).await; // warm-up
        let mut best = vec![f64::MAX; variants.len()];
        for _ in 0..3 {
            for (v, (_, db)) in variants.iter().enumerate() {
                let s = once(db, op).await;
                best[v] = best[v].min(s.cpu_per_op().as_secs_f64() * 1e6);
            }
        }
        let (limit, hot) = (best[1] / best[0], best[2] / best[0]);
        let verdict = |r: f64| if r <= 1.03 { "met" } else { "**missed**" };
        let _ = writeln!(
            md,
            "| {name} | {:.2} µs | {:.2} µs | {limit:.3} {} | {:.2} µs | {hot:.3} {} |",
            best[0],
            best[1],
            verdict(limit),
            best[2],
            verdict(hot)
        );
    }
    Ok(())
}

/// Writes `n` items (one INSERT each) and reads the stream back.
async fn stream_read(db: &Dynox, n: u64) -> Result<Sample> {
    Changing::create_table(db).if_not_exists().await?;
    let rows: Vec<Changing> = (0..n)
        .map(|i| {
            let r = row(i);
            Changing {
                pk: r.pk,
                sk: r.sk,
                n: i,
                body: "x".repeat(200),
            }
        })
        .collect();
    db.batch_write().put_all(&rows).await?;
    let db = db.clone();
    let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counted = read.clone();
    let s = run(1, 1, move |_| {
        let (db, counted) = (db.clone(), counted.clone());
        async move {
            let changes = Changing::changes(&db).all().await.expect("changes");
            counted.store(changes.len() as u64, std::sync::atomic::Ordering::SeqCst);
        }
    })
    .await;
    let got = read.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(got, n, "every change read");
    Ok(Sample { ops: got, ..s })
}

async fn streams(md: &mut String) -> Result<()> {
    let _ = writeln!(md, "\n### Reading a change stream (catch-up, 1 task)\n");
    let _ = writeln!(md, "| transport | changes | changes/s | CPU/change |");
    let _ = writeln!(md, "|---|---|---|---|");
    let embedded = stream_read(&Dynox::memory(), 20_000).await?;
    let _ = writeln!(
        md,
        "| embedded | {} | {:.0} | {:.1} µs |",
        embedded.ops,
        embedded.ops_per_sec(),
        embedded.cpu_per_op().as_secs_f64() * 1e6
    );
    if let Ok(endpoint) = std::env::var("AWS_ENDPOINT_URL_DYNAMODB") {
        let config = aws_config::load_from_env().await;
        let streams = aws_sdk_dynamodbstreams::Client::from_conf(
            aws_sdk_dynamodbstreams::config::Builder::from(&config)
                .endpoint_url(endpoint)
                .build(),
        );
        let db = Dynox::from_clients(aws_sdk_dynamodb::Client::new(&config), streams)
            .with_table_prefix(format!("prod{}_", std::process::id()));
        let local = stream_read(&db, 10_000).await?;
        let _ = writeln!(
            md,
            "| DynamoDB Local | {} | {:.0} | {:.1} µs |",
            local.ops,
            local.ops_per_sec(),
            local.cpu_per_op().as_secs_f64() * 1e6
        );
    }
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    // `cargo test --benches` runs this without `--bench`: nothing to measure then
    if !std::env::args().any(|a| a == "--bench") {
        return Ok(());
    }
    let mut md = String::from(
        "<!-- written by `scripts/bench.sh production`; figures from one run on this machine -->\n\n",
    );
    overheads(&mut md).await?;
    streams(&mut md).await?;
    print!("{md}");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/benchmarks");
    std::fs::create_dir_all(&dir).expect("docs/benchmarks");
    std::fs::write(dir.join("production.md"), md).expect("report");
    Ok(())
}
