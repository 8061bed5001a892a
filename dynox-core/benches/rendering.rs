//! Rendering of conditions and update expressions into their placeholders,
//! names and values: the client-side work every conditional write or update
//! does before it is sent.
//!
//! `cargo bench -p dynox-core --bench rendering`

mod common;

use common::Wide;
use criterion::{criterion_group, criterion_main, Criterion};
use dynox_core::__private::{bench_render_condition, bench_render_update};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    g.bench_function("condition_one_comparison", |b| {
        b.iter(|| bench_render_condition(&black_box(Wide::AGE.gt(30))))
    });
    g.bench_function("condition_five_terms", |b| {
        b.iter(|| {
            let c = Wide::AGE.between(18, 65)
                & Wide::NAME.begins_with("J")
                & (Wide::CITY.eq("Lisbon") | Wide::COUNTRY.is_in(["Portugal", "Spain"]))
                & !Wide::NICKNAME.exists();
            bench_render_condition(&black_box(c))
        })
    });
    g.bench_function("update_one_set", |b| {
        b.iter(|| bench_render_update::<Wide>(|u| u.set(Wide::NAME, black_box("Ann"))))
    });
    g.bench_function("update_four_actions_and_condition", |b| {
        b.iter(|| {
            bench_render_update::<Wide>(|u| {
                u.set(Wide::NAME, black_box("Ann"))
                    .increment(Wide::LOGINS, 1)
                    .remove(Wide::NICKNAME)
                    .add(
                        Wide::TAGS,
                        ["vip".to_owned()]
                            .into_iter()
                            .collect::<std::collections::BTreeSet<_>>(),
                    )
                    .condition(Wide::AGE.ge(18))
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
