//! A fixed workload for instruction counts of the two AWS transports
//! (`valgrind --tool=callgrind`): N puts and N gets of 1 KB items against
//! DynamoDB Local (`AWS_ENDPOINT_URL_DYNAMODB`), one task (or
//! `LEAN_COST_TASKS`), through
//! `Dynox::from_env_lean()`, or `Dynox::from_env()` with `LEAN_COST_SDK=1`.
//! Shows where a request's client-side work goes, which timing on a shared
//! machine cannot.

use dynox_core::prelude::*;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "lean_cost_rows")]
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

fn main() -> Result<()> {
    // `LEAN_COST_TASKS=32`: the puts and gets from 32 tasks on a runtime of
    // two workers, as the suite's 32-task rows
    let tasks: u64 = std::env::var("LEAN_COST_TASKS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(1);
    let runtime = if tasks > 1 {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    };
    runtime.expect("a runtime").block_on(run(tasks))
}

async fn run(tasks: u64) -> Result<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    let db = if std::env::var_os("LEAN_COST_SDK").is_some() {
        Dynox::from_env().await?
    } else {
        Dynox::from_env_lean().await?
    };
    let db = db.with_table_prefix(format!("cost{}_", std::process::id()));
    Row::create_table(&db).await?;
    let mut workers = Vec::new();
    for t in 0..tasks {
        let db = db.clone();
        workers.push(tokio::spawn(async move {
            for i in (t..n).step_by(tasks as usize) {
                row(i).save(&db).await?;
            }
            for i in (t..n).step_by(tasks as usize) {
                let r = row(i);
                Row::get(&db, r.pk, r.sk).await?;
            }
            Ok::<_, dynox_core::Error>(())
        }));
    }
    for w in workers {
        w.await.expect("a worker")?;
    }
    Row::delete_table(&db).await?;
    Ok(())
}
