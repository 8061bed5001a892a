//! `to_item` / `from_item` of a 20-field model against serde_dynamo on the
//! same struct. Report the ratio of the two medians from one run.

mod common;

use common::{sample, Wide};
use criterion::{criterion_group, criterion_main, Criterion};
use dynox_core::prelude::*;
use std::collections::HashMap;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let value = sample();
    let dynox_item = value.to_item();
    let serde_item: HashMap<String, aws_sdk_dynamodb::types::AttributeValue> =
        serde_dynamo::aws_sdk_dynamodb_1::to_item(&value).expect("serde_dynamo serializes");
    assert_eq!(
        Wide::from_item(dynox_item.clone()).expect("dynox reads"),
        value
    );

    let mut g = c.benchmark_group("to_item");
    g.bench_function("dynox", |b| b.iter(|| black_box(&value).to_item()));
    g.bench_function("serde_dynamo", |b| {
        b.iter(|| {
            let item: HashMap<String, aws_sdk_dynamodb::types::AttributeValue> =
                serde_dynamo::aws_sdk_dynamodb_1::to_item(black_box(&value)).expect("serializes");
            item
        })
    });
    g.finish();

    let mut g = c.benchmark_group("from_item");
    g.bench_function("dynox", |b| {
        b.iter_batched(
            || dynox_item.clone(),
            |item| Wide::from_item(item).expect("reads"),
            criterion::BatchSize::SmallInput,
        )
    });
    g.bench_function("serde_dynamo", |b| {
        b.iter_batched(
            || serde_item.clone(),
            |item| -> Wide { serde_dynamo::aws_sdk_dynamodb_1::from_item(item).expect("reads") },
            criterion::BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
