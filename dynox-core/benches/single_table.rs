//! What a collection query costs per item against a plain model query of
//! the same items, on the embedded engine (where the client's own work is
//! the largest share): one partition of 1,000 items (a profile and 999
//! orders), read whole as a collection, and its orders read by the
//! model's query. Each variant's best of five interleaved runs, from one
//! run of the program. Writes docs/benchmarks/single_table.md.

#[path = "suite/measure.rs"]
mod measure;

use dynox_core::prelude::*;
use measure::{run, Sample};
use std::fmt::Write;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "app", pk = "USER#{user}", sk = "PROFILE")]
struct User {
    user: String,
    name: String,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "app", pk = "USER#{user}", sk = "ORDER#{placed}#{number}")]
struct Order {
    user: String,
    placed: String,
    number: u32,
    status: String,
    total: u64,
}

#[derive(DynoCollection, Debug)]
enum UserItems {
    Profile(User),
    Orders(Order),
}

const QUERIES: u64 = 200;

async fn once(db: &Dynox, collection: bool) -> Sample {
    let db = db.clone();
    run(QUERIES, 1, move |_| {
        let db = db.clone();
        async move {
            if collection {
                let items = UserItems::query(&db, "ann")
                    .all()
                    .await
                    .expect("collection");
                assert_eq!(
                    items.orders.len() + usize::from(items.profile.is_some()),
                    1_000
                );
            } else {
                let orders = Order::query(&db, "ann").all().await.expect("query");
                assert_eq!(orders.len(), 999);
            }
        }
    })
    .await
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    // `cargo test --benches` runs this without `--bench`: nothing to measure then
    if !std::env::args().any(|a| a == "--bench") {
        return Ok(());
    }
    let db = Dynox::memory();
    UserItems::create_table(&db).await?;
    let mut batch = db.batch_write().put(&User {
        user: "ann".into(),
        name: "Ann".into(),
    });
    for number in 0..999 {
        batch = batch.put(&Order {
            user: "ann".into(),
            placed: format!("2026-11-{:02}", 1 + number % 28),
            number,
            status: "shipped".into(),
            total: u64::from(number) * 7,
        });
    }
    batch.await?;

    once(&db, true).await; // warm-up
    once(&db, false).await;
    let (mut collection, mut model) = (f64::MAX, f64::MAX);
    let (mut collection_rate, mut model_rate) = (0f64, 0f64);
    for _ in 0..5 {
        let c = once(&db, true).await;
        collection = collection.min(c.cpu_per_op().as_secs_f64() * 1e6 / 1_000.0);
        collection_rate = collection_rate.max(c.ops_per_sec());
        let m = once(&db, false).await;
        model = model.min(m.cpu_per_op().as_secs_f64() * 1e6 / 999.0);
        model_rate = model_rate.max(m.ops_per_sec());
    }
    let ratio = collection / model;
    let verdict = if ratio <= 1.10 { "met" } else { "**missed**" };
    let mut md = String::from(
        "<!-- written by `cargo bench -p dynox-core --bench single_table`; figures from one run on this machine -->\n\n",
    );
    let _ = writeln!(md, "### A collection query against a model query of the same items (embedded engine, 1 task, {QUERIES} queries of 1,000 items per run, best of 5)\n");
    let _ = writeln!(md, "| query | queries/s | CPU per item |");
    let _ = writeln!(md, "|---|---|---|");
    let _ = writeln!(
        md,
        "| `Order::query` (999 orders) | {model_rate:.0} | {model:.2} µs |"
    );
    let _ = writeln!(md, "| `UserItems::query` (a profile and the 999 orders) | {collection_rate:.0} | {collection:.2} µs |");
    let _ = writeln!(
        md,
        "\nRatio collection / model: {ratio:.3} (target ≤ 1.10: {verdict})"
    );
    print!("{md}");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/benchmarks");
    std::fs::create_dir_all(&dir).expect("docs/benchmarks");
    std::fs::write(dir.join("single_table.md"), md).expect("report");
    Ok(())
}
