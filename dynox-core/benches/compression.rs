//! What compression costs and saves on a 300 KB JSON document field: bytes
//! on the wire (dynox's metrics) and CPU per save and get, for the field
//! uncompressed and with each algorithm, on the embedded engine. Each
//! variant's best of three interleaved runs, from one run of the program.
//! Writes docs/benchmarks/compression.md.

#[path = "suite/measure.rs"]
mod measure;

use dynox_core::prelude::*;
use measure::run;
use std::fmt::Write;

macro_rules! doc_model {
    ($name:ident, $($attr:tt)*) => {
        #[derive(DynoModel, Debug, Clone, PartialEq)]
        #[dyno(table = "docs")]
        struct $name {
            #[dyno(partition_key)]
            id: String,
            $($attr)*
            doc: String,
        }
    };
}

doc_model!(Plain,);
doc_model!(Zstd, #[dyno(compress)]);
doc_model!(Lz4, #[dyno(compress = "lz4")]);
doc_model!(Gzip, #[dyno(compress = "gzip")]);

/// A JSON document of about 300 KB: records as an API returns them.
fn document() -> String {
    let records: Vec<String> = (0..2_400)
        .map(|i| {
            format!(
                r#"{{"id":{i},"name":"customer {i}","email":"customer{i}@example.com","status":"{}","tags":["a","b","c"],"balance":{}.{:02}}}"#,
                if i % 3 == 0 { "active" } else { "inactive" },
                i * 37 % 10_000,
                i % 100
            )
        })
        .collect();
    format!("[{}]", records.join(","))
}

const OPS: u64 = 100;

/// Saves and gets of one model's document: (bytes sent per op, bytes
/// received per op, CPU per save and get in µs, pairs per second).
async fn measure<M: DynoModel + Clone + Send + Sync + 'static>(
    db: &Dynox,
    make: fn(String, String) -> M,
    key: fn(&str) -> M::Key,
) -> (f64, f64, f64, f64) {
    let doc = document();
    let mut best = (0.0, 0.0, f64::MAX, 0.0);
    for _ in 0..3 {
        db.reset_metrics();
        let (db2, doc2) = (db.clone(), doc.clone());
        let s = run(OPS, 1, move |i| {
            let (db, doc) = (db2.clone(), doc2.clone());
            async move {
                make(format!("d{}", i % 10), doc)
                    .save(&db)
                    .await
                    .expect("save");
                // the typed get each model has, through the one function they share
                let got = dynox_core::__private::get::<M>(&db, key(&format!("d{}", i % 10)))
                    .await
                    .expect("get");
                assert!(got.is_some());
            }
        })
        .await;
        let m = db.metrics();
        let cpu = s.cpu_per_op().as_secs_f64() * 1e6;
        if cpu < best.2 {
            best = (
                m.bytes_sent as f64 / OPS as f64,
                m.bytes_received as f64 / OPS as f64,
                cpu,
                s.ops_per_sec(),
            );
        }
    }
    best
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    if !std::env::args().any(|a| a == "--bench") {
        return Ok(());
    }
    let db = Dynox::memory_with::<(Plain,)>();
    let rows = [
        (
            "uncompressed",
            measure(
                &db,
                |id, doc| Plain { id, doc },
                |id| PlainKey { id: id.into() },
            )
            .await,
        ),
        (
            "zstd",
            measure(
                &db,
                |id, doc| Zstd { id, doc },
                |id| ZstdKey { id: id.into() },
            )
            .await,
        ),
        (
            "lz4",
            measure(
                &db,
                |id, doc| Lz4 { id, doc },
                |id| Lz4Key { id: id.into() },
            )
            .await,
        ),
        (
            "gzip",
            measure(
                &db,
                |id, doc| Gzip { id, doc },
                |id| GzipKey { id: id.into() },
            )
            .await,
        ),
    ];
    let plain = rows[0].1;
    let mut md = String::from(
        "<!-- written by `cargo bench -p dynox-core --bench compression`; figures from one run on this machine -->\n\n",
    );
    let _ = writeln!(md, "### A {} KB JSON document field, save then get (embedded engine, 1 task, {OPS} pairs, best of 3)\n", document().len() / 1024);
    let _ = writeln!(md, "| field | bytes sent per save | bytes received per get | CPU per save + get | pairs/s | vs uncompressed |");
    let _ = writeln!(md, "|---|---|---|---|---|---|");
    for (name, (sent, received, cpu, rate)) in rows {
        let _ = writeln!(
            md,
            "| {name} | {sent:.0} | {received:.0} | {cpu:.0} µs | {rate:.0} | {:.2}x CPU, {:.3}x bytes |",
            cpu / plain.2,
            (sent + received) / (plain.0 + plain.1)
        );
    }
    print!("{md}");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/benchmarks");
    std::fs::create_dir_all(&dir).expect("docs/benchmarks");
    std::fs::write(dir.join("compression.md"), md).expect("report");
    Ok(())
}
