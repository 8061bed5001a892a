//! The performance suite: the same workloads through dynox and through
//! hand-written aws-sdk-dynamodb code on the same client, against DynamoDB
//! Local, then through dynox on the embedded engine. Reports ops/s and
//! process CPU time per operation, as ratios from one run, and writes
//! `docs/benchmarks/suite.md` and `docs/benchmarks/suite.svg`.
//!
//! `scripts/bench.sh suite` starts DynamoDB Local and runs it. Without
//! `AWS_ENDPOINT_URL_DYNAMODB` only the embedded half runs;
//! `DYNOX_BENCH_ONLY=put` runs only the workloads whose name contains `put`;
//! `DYNOX_BENCH_ENGINE=memory` (or `file`) and `DYNOX_BENCH_TASKS=32` narrow
//! the embedded half to one engine and one task count, for profiling.

mod chart;
mod measure;
mod model;
mod workloads;

use dynox_core::prelude::*;
use measure::Sample;
use std::fmt::Write;
use workloads::{Fixture, Workload};

/// The workloads to run: all, or those whose name contains `DYNOX_BENCH_ONLY`.
fn selected() -> Vec<Workload> {
    let only = std::env::var("DYNOX_BENCH_ONLY").unwrap_or_default();
    Workload::ALL
        .into_iter()
        .filter(|w| w.name().contains(only.as_str()))
        .collect()
}

/// Operations per run: (sequential, 32 tasks), on DynamoDB Local and embedded.
fn ops(w: Workload, local: bool) -> (u64, u64) {
    match (w, local) {
        (Workload::Put | Workload::Get | Workload::SmartSave, true) => (1_000, 4_000),
        (Workload::Put | Workload::SmartSave, false) => (20_000, 20_000),
        (Workload::Get, false) => (50_000, 50_000),
        (Workload::Query, true) => (10, 64),
        (Workload::Query, false) => (50, 64),
        (Workload::BatchWrite, _) => (1, 32),
    }
}

const TASKS: [u64; 2] = [1, 32];

/// The better of two samples: the higher throughput, the lower CPU per op.
fn best(a: Sample, b: Sample) -> (f64, f64) {
    (
        a.ops_per_sec().max(b.ops_per_sec()),
        a.cpu_per_op().min(b.cpu_per_op()).as_secs_f64() * 1e6,
    )
}

struct LocalRow {
    w: Workload,
    tasks: u64,
    dynox: (f64, f64),
    /// dynox over the lean transport (`Dynox::from_client_lean`).
    lean: (f64, f64),
    raw: (f64, f64),
}

async fn local_half() -> Result<Vec<LocalRow>> {
    let sdk = aws_sdk_dynamodb::Client::new(&aws_config::load_from_env().await);
    let prefix = format!("suite{}_", std::process::id());
    let db = Dynox::from_client(sdk.clone()).with_table_prefix(prefix.clone());
    let lean = Dynox::from_client_lean(sdk.clone()).with_table_prefix(prefix);
    let f = Fixture::new(db, Some(sdk)).await?;
    let mut rows = Vec::new();
    for w in selected() {
        let (seq, conc) = ops(w, true);
        for (tasks, n) in TASKS.into_iter().zip([seq, conc]) {
            // warm the connections and the server's code paths
            f.raw(w, n.min(50), tasks).await;
            f.dynox(w, n.min(50), tasks).await;
            f.dynox_on(&lean, w, n.min(50), tasks).await;
            let r1 = f.raw(w, n, tasks).await;
            let d1 = f.dynox(w, n, tasks).await;
            let l1 = f.dynox_on(&lean, w, n, tasks).await;
            let r2 = f.raw(w, n, tasks).await;
            let d2 = f.dynox(w, n, tasks).await;
            let l2 = f.dynox_on(&lean, w, n, tasks).await;
            let row = LocalRow {
                w,
                tasks,
                dynox: best(d1, d2),
                lean: best(l1, l2),
                raw: best(r1, r2),
            };
            eprintln!(
                "{:<38} {:>2} tasks: dynox {:>9.0} {}/s, SDK {:>9.0}/s, ratio {:.3}; CPU/op {:.1} vs {:.1} µs; lean {:>9.0}/s, {:.1} µs",
                w.name(), tasks, row.dynox.0, w.unit(), row.raw.0, row.dynox.0 / row.raw.0, row.dynox.1, row.raw.1, row.lean.0, row.lean.1
            );
            rows.push(row);
        }
    }
    Ok(rows)
}

/// Task counts of the embedded half: does more callers ever mean less work?
const ENGINE_TASKS: [u64; 4] = [1, 8, 32, 256];

/// Whether the environment variable `var` is unset or names `value`
/// (profiling one engine or one task count).
fn wanted(var: &str, value: &str) -> bool {
    std::env::var(var).map_or(true, |v| v == value)
}

/// One row of the embedded half.
struct EngineRow {
    engine: &'static str,
    w: Workload,
    tasks: u64,
    rate: f64,
    cpu: f64,
}

/// A file-backed engine in a fresh directory under the target directory.
fn file_engine(name: &str) -> Result<Dynox> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/bench-engine")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench directory");
    Dynox::embedded(dir.join("db.sqlite"))
}

async fn embedded_half() -> Result<Vec<EngineRow>> {
    let mut rows = Vec::new();
    for (engine, db) in [("memory", Dynox::memory()), ("file", file_engine("suite")?)] {
        if !wanted("DYNOX_BENCH_ENGINE", engine) {
            continue;
        }
        let f = Fixture::new(db, None).await?;
        for w in selected() {
            let (seq, _) = ops(w, false);
            for tasks in ENGINE_TASKS {
                if !wanted("DYNOX_BENCH_TASKS", &tasks.to_string()) {
                    continue;
                }
                let n = seq.max(tasks * 2);
                f.dynox(w, n.min(500).max(tasks), tasks).await;
                let s = f.dynox(w, n, tasks).await;
                let cpu = s.cpu_per_op().as_secs_f64() * 1e6;
                eprintln!(
                    "embedded ({engine}) {:<38} {:>3} tasks: {:>9.0} {}/s, CPU/op {:.1} µs",
                    w.name(),
                    tasks,
                    s.ops_per_sec(),
                    w.unit(),
                    cpu
                );
                rows.push(EngineRow {
                    engine,
                    w,
                    tasks,
                    rate: s.ops_per_sec(),
                    cpu,
                });
            }
        }
    }
    Ok(rows)
}

/// How late a task that sleeps 1 ms in a loop wakes while 32 tasks write
/// to a file-backed engine: (p50, p99, max) in milliseconds.
async fn lateness() -> Result<(f64, f64, f64)> {
    let f = Fixture::new(file_engine("lateness")?, None).await?;
    let writing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let probe = {
        let writing = writing.clone();
        tokio::spawn(async move {
            let mut late = Vec::new();
            while writing.load(std::sync::atomic::Ordering::Relaxed) {
                let started = std::time::Instant::now();
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                late.push(started.elapsed().as_secs_f64() * 1e3 - 1.0);
            }
            late
        })
    };
    f.dynox(Workload::Put, 40_000, 32).await;
    writing.store(false, std::sync::atomic::Ordering::Relaxed);
    let mut late = probe.await.expect("probe");
    late.sort_by(f64::total_cmp);
    let at = |q: f64| late[((late.len() - 1) as f64 * q) as usize];
    Ok((at(0.5), at(0.99), at(1.0)))
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**missed**"
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    // `cargo test --benches` runs this without `--bench`: nothing to measure then
    if !std::env::args().any(|a| a == "--bench") {
        return Ok(());
    }
    let mut md = String::new();
    let _ = writeln!(
        md,
        "<!-- written by `scripts/bench.sh suite`; figures from one run on this machine -->\n"
    );
    let local = std::env::var("AWS_ENDPOINT_URL_DYNAMODB").is_ok();
    if local {
        let rows = local_half().await?;
        let _ = writeln!(
            md,
            "### DynamoDB Local: dynox vs hand-written aws-sdk-dynamodb\n"
        );
        let _ = writeln!(md, "| workload | tasks | dynox /s | raw SDK /s | throughput ratio (≥ 0.97) | dynox CPU/op | raw SDK CPU/op | CPU ratio (≤ 1.10) | dynox, lean transport /s | lean CPU/op | lean vs dynox on the SDK, CPU (≤ 0.50 for put, get) | lean vs raw SDK, CPU |");
        let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|---|---|---|");
        let mut bars = Vec::new();
        for r in &rows {
            let (tp, cpu) = (r.dynox.0 / r.raw.0, r.dynox.1 / r.raw.1);
            // the transports compared with the same dynox work on top
            let lean_cpu = r.lean.1 / r.dynox.1;
            let lean_verdict = match r.w {
                Workload::Put | Workload::Get => verdict(lean_cpu <= 0.5),
                _ => "",
            };
            let _ = writeln!(
                md,
                "| {} | {} | {:.0} {} | {:.0} | {:.3} {} | {:.1} µs | {:.1} µs | {:.3} {} | {:.0} | {:.1} µs | {:.3} {} | {:.3} |",
                r.w.name(),
                r.tasks,
                r.dynox.0,
                r.w.unit(),
                r.raw.0,
                tp,
                verdict(tp >= 0.97),
                r.dynox.1,
                r.raw.1,
                cpu,
                verdict(cpu <= 1.10),
                r.lean.0,
                r.lean.1,
                lean_cpu,
                lean_verdict,
                r.lean.1 / r.raw.1
            );
            bars.push(chart::Bar {
                label: format!(
                    "{}, {} task{}",
                    r.w.name(),
                    r.tasks,
                    if r.tasks == 1 { "" } else { "s" }
                ),
                throughput: tp,
                cpu,
            });
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/benchmarks");
        std::fs::create_dir_all(&dir).expect("docs/benchmarks");
        std::fs::write(
            dir.join("suite.svg"),
            chart::svg("dynox on DynamoDB Local, as a ratio of the raw SDK", &bars),
        )
        .expect("chart");
        let _ = writeln!(md, "\n![dynox vs the raw SDK](suite.svg)\n");
    }
    let rows = embedded_half().await?;
    let _ = writeln!(md, "### Embedded engine, through dynox\n");
    let _ = writeln!(
        md,
        "| engine | workload | tasks | /s | vs 1 task (≥ 1.00) | CPU/op | vs 1 task (≤ 1.10) |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|");
    for r in &rows {
        let Some(one) = rows
            .iter()
            .find(|o| o.engine == r.engine && o.w == r.w && o.tasks == 1)
        else {
            continue;
        };
        let (tp, cpu) = (r.rate / one.rate, r.cpu / one.cpu);
        let _ = writeln!(
            md,
            "| {} | {} | {} | {:.0} {} | {:.2} {} | {:.1} µs | {:.2} {} |",
            r.engine,
            r.w.name(),
            r.tasks,
            r.rate,
            r.w.unit(),
            tp,
            verdict(tp >= 1.0),
            r.cpu,
            cpu,
            verdict(cpu <= 1.10)
        );
    }
    let best = |w: Workload| {
        rows.iter()
            .filter(|r| r.w == w && r.engine == "memory")
            .map(|r| r.rate)
            .fold(0.0, f64::max)
    };
    let (puts, gets) = (best(Workload::Put), best(Workload::Get));
    let _ = writeln!(
        md,
        "\nTargets: at least 40,000 puts/s: {puts:.0}, {}; at least 100,000 gets/s: {gets:.0}, {}.",
        verdict(puts >= 40_000.0),
        verdict(gets >= 100_000.0)
    );
    if selected().contains(&Workload::Put) && wanted("DYNOX_BENCH_ENGINE", "file") {
        let (p50, p99, max) = lateness().await?;
        eprintln!("lateness of a 1 ms sleeper beside 32 file-backed writers: p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms");
        let _ = writeln!(
            md,
            "\nA task sleeping 1 ms in a loop while 32 tasks put to a file-backed engine wakes late by p50 {p50:.2} ms, p99 {p99:.2} ms (target < 5 ms: {}), max {max:.2} ms.",
            verdict(p99 < 5.0)
        );
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/benchmarks");
    std::fs::create_dir_all(&dir).expect("docs/benchmarks");
    std::fs::write(dir.join("suite.md"), &md).expect("report");
    println!("{md}");
    Ok(())
}
