//! The performance suite: the same workloads through dynox and through
//! hand-written aws-sdk-dynamodb code on the same client, against DynamoDB
//! Local, then through dynox on the embedded engine. Reports ops/s and
//! process CPU time per operation, as ratios from one run, and writes
//! `docs/benchmarks/suite.md` and `docs/benchmarks/suite.svg`.
//!
//! `scripts/bench.sh suite` starts DynamoDB Local and runs it. Without
//! `AWS_ENDPOINT_URL_DYNAMODB` only the embedded half runs;
//! `DYNOX_BENCH_ONLY=put` runs only the workloads whose name contains `put`.

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
    raw: (f64, f64),
}

async fn local_half() -> Result<Vec<LocalRow>> {
    let sdk = aws_sdk_dynamodb::Client::new(&aws_config::load_from_env().await);
    let db =
        Dynox::from_client(sdk.clone()).with_table_prefix(format!("suite{}_", std::process::id()));
    let f = Fixture::new(db, Some(sdk)).await?;
    let mut rows = Vec::new();
    for w in selected() {
        let (seq, conc) = ops(w, true);
        for (tasks, n) in TASKS.into_iter().zip([seq, conc]) {
            // warm the connections and the server's code paths
            f.raw(w, n.min(50), tasks).await;
            f.dynox(w, n.min(50), tasks).await;
            let r1 = f.raw(w, n, tasks).await;
            let d1 = f.dynox(w, n, tasks).await;
            let r2 = f.raw(w, n, tasks).await;
            let d2 = f.dynox(w, n, tasks).await;
            let row = LocalRow {
                w,
                tasks,
                dynox: best(d1, d2),
                raw: best(r1, r2),
            };
            eprintln!(
                "{:<38} {:>2} tasks: dynox {:>9.0} {}/s, SDK {:>9.0}/s, ratio {:.3}; CPU/op {:.1} vs {:.1} µs",
                w.name(), tasks, row.dynox.0, w.unit(), row.raw.0, row.dynox.0 / row.raw.0, row.dynox.1, row.raw.1
            );
            rows.push(row);
        }
    }
    Ok(rows)
}

async fn embedded_half() -> Result<Vec<(Workload, u64, f64, f64)>> {
    let f = Fixture::new(Dynox::memory(), None).await?;
    let mut rows = Vec::new();
    for w in selected() {
        let (seq, conc) = ops(w, false);
        for (tasks, n) in TASKS.into_iter().zip([seq, conc]) {
            f.dynox(w, n.min(500), tasks).await;
            let s = f.dynox(w, n, tasks).await;
            let cpu = s.cpu_per_op().as_secs_f64() * 1e6;
            eprintln!(
                "embedded {:<38} {:>2} tasks: {:>9.0} {}/s, CPU/op {:.1} µs",
                w.name(),
                tasks,
                s.ops_per_sec(),
                w.unit(),
                cpu
            );
            rows.push((w, tasks, s.ops_per_sec(), cpu));
        }
    }
    Ok(rows)
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
        let _ = writeln!(md, "| workload | tasks | dynox /s | raw SDK /s | throughput ratio (≥ 0.97) | dynox CPU/op | raw SDK CPU/op | CPU ratio (≤ 1.10) |");
        let _ = writeln!(md, "|---|---|---|---|---|---|---|---|");
        let mut bars = Vec::new();
        for r in &rows {
            let (tp, cpu) = (r.dynox.0 / r.raw.0, r.dynox.1 / r.raw.1);
            let _ = writeln!(
                md,
                "| {} | {} | {:.0} {} | {:.0} | {:.3} {} | {:.1} µs | {:.1} µs | {:.3} {} |",
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
                verdict(cpu <= 1.10)
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
    let _ = writeln!(md, "| workload | tasks | /s | CPU/op |");
    let _ = writeln!(md, "|---|---|---|---|");
    for (w, tasks, rate, cpu) in &rows {
        let _ = writeln!(
            md,
            "| {} | {} | {:.0} {} | {:.1} µs |",
            w.name(),
            tasks,
            rate,
            w.unit(),
            cpu
        );
    }
    let best = |w: Workload| {
        rows.iter()
            .filter(|r| r.0 == w)
            .map(|r| r.2)
            .fold(0.0, f64::max)
    };
    let (puts, gets) = (best(Workload::Put), best(Workload::Get));
    let _ = writeln!(
        md,
        "\nTargets: at least 40,000 puts/s: {puts:.0}, {}; at least 100,000 gets/s: {gets:.0}, {}.",
        verdict(puts >= 40_000.0),
        verdict(gets >= 100_000.0)
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/benchmarks");
    std::fs::create_dir_all(&dir).expect("docs/benchmarks");
    std::fs::write(dir.join("suite.md"), &md).expect("report");
    println!("{md}");
    Ok(())
}
