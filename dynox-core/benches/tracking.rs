//! Change tracking: `changed_fields()` of a 20-field model, and the cost of a
//! smart save of one changed field against a full put, both through the
//! embedded engine. Report ratios from one run.

mod common;

use common::{sample, Wide};
use criterion::{criterion_group, criterion_main, Criterion};
use dynox_core::prelude::*;
use std::future::IntoFuture;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let db = Dynox::memory();
    let mut tracked = rt.block_on(async {
        Wide::create_table(&db).await.expect("table");
        sample().save(&db).await.expect("saved");
        Wide::get(&db, "USER#123456", "PROFILE")
            .await
            .expect("read")
            .expect("stored")
    });

    let mut g = c.benchmark_group("changed_fields");
    g.bench_function("clean", |b| b.iter(|| black_box(&tracked).changed_fields()));
    tracked.name = "Changed".into();
    g.bench_function("one_changed", |b| {
        b.iter(|| black_box(&tracked).changed_fields())
    });
    g.finish();

    // every iteration changes one field, so every smart save sends a request
    let mut g = c.benchmark_group("save_one_changed_field");
    let mut n = 0u64;
    g.bench_function("smart_save", |b| {
        b.iter(|| {
            n += 1;
            tracked.logins = (n % 1000) as u32;
            rt.block_on(tracked.save(&db).into_future()).expect("saved");
        })
    });
    g.bench_function("full_put", |b| {
        b.iter(|| {
            n += 1;
            tracked.logins = (n % 1000) as u32;
            rt.block_on(tracked.save(&db).full_replace().into_future())
                .expect("saved");
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
