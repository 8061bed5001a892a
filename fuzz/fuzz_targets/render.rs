//! Rendering of conditions and updates built from any input: names and values
//! of any content go through placeholders, and rendering never panics.
#![no_main]

mod model;

use arbitrary::Arbitrary;
use dynox_core::__private::{bench_render_condition, bench_render_update};
use dynox_core::prelude::*;
use libfuzzer_sys::fuzz_target;
use model::Every;

#[derive(Arbitrary, Debug)]
enum Cond {
    SEq(String),
    SBegins(String),
    SContains(String),
    SignedBetween(i64, i64),
    SmallIn(Vec<i8>),
    ListAt(u16, String),
    MapKey(String, i32),
    BmapKey(String, String),
    InnerCity(String),
    OptExists(bool),
    SsContains(String),
    SizeGt(u64),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    Not(Box<Cond>),
    All(Vec<Cond>),
    Any(Vec<Cond>),
}

fn build(c: &Cond) -> Condition<Every> {
    match c {
        Cond::SEq(s) => Every::S.eq(s.as_str()),
        Cond::SBegins(s) => Every::S.begins_with(s.as_str()),
        Cond::SContains(s) => Every::S.contains(s.as_str()),
        Cond::SignedBetween(a, b) => Every::SIGNED.between(*a, *b),
        Cond::SmallIn(v) => Every::SMALL.is_in(v.iter().copied()),
        Cond::ListAt(i, s) => Every::LIST.index(usize::from(*i)).eq(s.as_str()),
        Cond::MapKey(k, v) => Every::MAP.key(k.as_str()).eq(*v),
        Cond::BmapKey(k, v) => Every::BMAP.key(k.as_str()).eq(v.as_str()),
        Cond::InnerCity(s) => Every::INNER.field(model::Inner::CITY).eq(s.as_str()),
        Cond::OptExists(e) => {
            if *e {
                Every::OPT.exists()
            } else {
                Every::OPT.not_exists()
            }
        }
        Cond::SsContains(s) => Every::SS.contains(s.as_str()),
        Cond::SizeGt(n) => Every::S.size().gt(*n),
        Cond::And(a, b) => build(a) & build(b),
        Cond::Or(a, b) => build(a) | build(b),
        Cond::Not(a) => !build(a),
        Cond::All(v) => Condition::all(v.iter().map(build)),
        Cond::Any(v) => Condition::any(v.iter().map(build)),
    }
}

#[derive(Arbitrary, Debug)]
struct Update {
    name: String,
    key: String,
    add: u32,
    members: Vec<String>,
    cond: Option<Cond>,
}

fuzz_target!(|input: (Cond, Update)| {
    let (cond, u) = input;
    let _ = bench_render_condition(&build(&cond));
    let _ = bench_render_update::<Every>(|b| {
        let b = b
            .set(Every::S, u.name.as_str())
            .set(Every::MAP.key(u.key.as_str()), 1)
            .increment(Every::DEFAULTED, u.add)
            .add(
                Every::SS,
                u.members
                    .iter()
                    .cloned()
                    .collect::<std::collections::BTreeSet<_>>(),
            )
            .remove(Every::OPT);
        match &u.cond {
            Some(c) => b.condition(build(c)),
            None => b,
        }
    });
});
