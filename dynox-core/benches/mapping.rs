//! `to_item` / `from_item` of a 20-field model against serde_dynamo on the
//! same struct. Report the ratio of the two medians from one run.

use criterion::{criterion_group, criterion_main, Criterion};
use dynox_core::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::hint::black_box;

#[derive(DynoModel, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[dyno(table = "bench")]
struct Wide {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sort_key)]
    sk: String,
    name: String,
    email: String,
    city: String,
    country: String,
    bio: String,
    company: String,
    phone: String,
    age: u32,
    score: i64,
    balance: u64,
    ratio: f64,
    logins: u32,
    level: u16,
    active: bool,
    tags: BTreeSet<String>,
    history: Vec<String>,
    attributes: HashMap<String, String>,
    nickname: Option<String>,
}

fn sample() -> Wide {
    Wide {
        pk: "USER#123456".into(),
        sk: "PROFILE".into(),
        name: "Jane Doe".into(),
        email: "jane.doe@example.com".into(),
        city: "Lisbon".into(),
        country: "Portugal".into(),
        bio: "Engineer who likes distributed systems and long walks.".into(),
        company: "Acme Corp".into(),
        phone: "+351-555-0100".into(),
        age: 34,
        score: -1234567,
        balance: 9007199254740993,
        ratio: 0.618,
        logins: 1024,
        level: 7,
        active: true,
        tags: ["admin", "beta", "ops"]
            .into_iter()
            .map(String::from)
            .collect(),
        history: (0..5).map(|i| format!("event-{i}")).collect(),
        attributes: (0..4).map(|i| (format!("k{i}"), format!("v{i}"))).collect(),
        nickname: Some("jd".into()),
    }
}

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
