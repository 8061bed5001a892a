//! Property test: random conditions and updates over a model with hostile
//! attribute names run on the embedded engine and on DynamoDB Local; both
//! must give the same outcome (ok, failed condition, validation error) and
//! store the same item. Runs with the `dynamodb-local` feature; set
//! `PROPTEST_CASES` for more cases than CI's bounded default.
#![cfg(feature = "dynamodb-local")]

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_core::ModelKey;
use dynox_tests::models::{Address, Doc};
use dynox_tests::{connect, raw_get, Backend};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// One leaf condition, as data so proptest can print and shrink it.
#[derive(Debug, Clone)]
enum Leaf {
    TitleEq(String),
    TitleNe(String),
    TitleLt(String),
    TitleBegins(String),
    TitleContains(String),
    TitleSize(u64),
    DottedBetween(i64, i64),
    DottedGe(i64),
    WeirdGt(u32),
    WeirdExists(bool),
    CounterIn(Vec<u64>),
    TagsContains(String),
    TagsSizeGe(u64),
    NumsContains(i64),
    ListFirstEq(String),
    AttrsKeyEq(String, String),
    CityEq(String),
    StateType(bool),
    AmountGe(f64),
}

#[derive(Debug, Clone)]
enum Cond {
    Leaf(Leaf),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    Not(Box<Cond>),
    All(Vec<Cond>),
}

#[derive(Debug, Clone)]
enum Action {
    SetTitle(String),
    SetWeird(Option<u32>),
    IncrementCounter(u64),
    DecrementDotted(i64),
    AddTags(BTreeSet<String>),
    DeleteNums(BTreeSet<i64>),
    AppendList(Vec<String>),
    PrependList(Vec<String>),
    RemoveState,
    AmountIfNotExists(f64),
    SetAttrsKey(String, String),
    SetCity(String),
}

fn word() -> impl Strategy<Value = String> {
    // a small alphabet, so conditions hit as often as they miss, plus syntax
    prop::sample::select(vec!["a", "ab", "b", "Report", "R", "#:.", "x y", "ñ", ""])
        .prop_map(String::from)
}

/// A non-empty map key: an item with an empty one is invalid to begin with.
fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "ab", "#:.", "x y", "ñ"]).prop_map(String::from)
}

fn leaf() -> impl Strategy<Value = Leaf> {
    prop_oneof![
        word().prop_map(Leaf::TitleEq),
        word().prop_map(Leaf::TitleNe),
        word().prop_map(Leaf::TitleLt),
        word().prop_map(Leaf::TitleBegins),
        word().prop_map(Leaf::TitleContains),
        (0u64..8).prop_map(Leaf::TitleSize),
        (-5i64..15, -5i64..15).prop_map(|(a, b)| Leaf::DottedBetween(a.min(b), a.max(b))),
        (-5i64..15).prop_map(Leaf::DottedGe),
        (0u32..10).prop_map(Leaf::WeirdGt),
        any::<bool>().prop_map(Leaf::WeirdExists),
        prop::collection::vec(0u64..10, 0..4).prop_map(Leaf::CounterIn),
        word().prop_map(Leaf::TagsContains),
        (0u64..4).prop_map(Leaf::TagsSizeGe),
        (0i64..4).prop_map(Leaf::NumsContains),
        word().prop_map(Leaf::ListFirstEq),
        (word(), word()).prop_map(|(k, v)| Leaf::AttrsKeyEq(k, v)),
        word().prop_map(Leaf::CityEq),
        any::<bool>().prop_map(Leaf::StateType),
        (0u8..8).prop_map(|n| Leaf::AmountGe(f64::from(n) / 2.0)),
    ]
}

fn cond() -> impl Strategy<Value = Cond> {
    leaf()
        .prop_map(Cond::Leaf)
        .prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Cond::And(Box::new(a), Box::new(b))),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Cond::Or(Box::new(a), Box::new(b))),
                inner.clone().prop_map(|a| Cond::Not(Box::new(a))),
                prop::collection::vec(inner, 0..3).prop_map(Cond::All),
            ]
        })
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        word().prop_map(Action::SetTitle),
        prop::option::of(0u32..10).prop_map(Action::SetWeird),
        (0u64..5).prop_map(Action::IncrementCounter),
        (0i64..5).prop_map(Action::DecrementDotted),
        prop::collection::btree_set(word(), 0..3).prop_map(Action::AddTags),
        prop::collection::btree_set(0i64..4, 0..3).prop_map(Action::DeleteNums),
        prop::collection::vec(word(), 1..3).prop_map(Action::AppendList),
        prop::collection::vec(word(), 1..3).prop_map(Action::PrependList),
        Just(Action::RemoveState),
        (0u8..8).prop_map(|n| Action::AmountIfNotExists(f64::from(n))),
        (word(), word()).prop_map(|(k, v)| Action::SetAttrsKey(k, v)),
        word().prop_map(Action::SetCity),
    ]
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        word(),
        prop::option::of(word()),
        -5i64..15,
        prop::option::of(0u32..10),
        0u64..10,
        prop::collection::btree_set(word(), 0..3),
        prop::collection::btree_set(0i64..4, 0..3),
        prop::collection::vec(word(), 0..3),
        prop::collection::hash_map(key(), word(), 0..3),
        prop::option::of(word()),
        prop::option::of(0u8..8),
    )
        .prop_map(
            |(title, state, dotted, weird, counter, tags, nums, list, attrs, city, amount)| Doc {
                id: String::new(),
                title,
                state,
                dotted,
                weird,
                unicode: "ü".into(),
                counter,
                tags,
                nums,
                list,
                attrs,
                address: city.map(|city| Address { city, zip: None }),
                data: vec![1, 2],
                amount: amount.map(|n| f64::from(n) / 2.0),
            },
        )
}

fn build_leaf(l: &Leaf) -> Condition<Doc> {
    match l.clone() {
        Leaf::TitleEq(s) => Doc::TITLE.eq(s),
        Leaf::TitleNe(s) => Doc::TITLE.ne(s),
        Leaf::TitleLt(s) => Doc::TITLE.lt(s),
        Leaf::TitleBegins(s) => Doc::TITLE.begins_with(s),
        Leaf::TitleContains(s) => Doc::TITLE.contains(s),
        Leaf::TitleSize(n) => Doc::TITLE.size().eq(n),
        Leaf::DottedBetween(a, b) => Doc::DOTTED.between(a, b),
        Leaf::DottedGe(n) => Doc::DOTTED.ge(n),
        Leaf::WeirdGt(n) => Doc::WEIRD.gt(n),
        Leaf::WeirdExists(true) => Doc::WEIRD.exists(),
        Leaf::WeirdExists(false) => Doc::WEIRD.not_exists(),
        Leaf::CounterIn(v) => Doc::COUNTER.is_in(v),
        Leaf::TagsContains(s) => Doc::TAGS.contains(s),
        Leaf::TagsSizeGe(n) => Doc::TAGS.size().ge(n),
        Leaf::NumsContains(n) => Doc::NUMS.contains(n),
        Leaf::ListFirstEq(s) => Doc::LIST.index(0).eq(s),
        Leaf::AttrsKeyEq(k, v) => Doc::ATTRS.key(k).eq(v),
        Leaf::CityEq(s) => Doc::ADDRESS.field(Address::CITY).eq(s),
        Leaf::StateType(true) => Doc::STATE.attribute_type(DynamoType::S),
        Leaf::StateType(false) => Doc::STATE.attribute_type(DynamoType::N),
        Leaf::AmountGe(x) => Doc::AMOUNT.ge(x),
    }
}

fn build(c: &Cond) -> Condition<Doc> {
    match c {
        Cond::Leaf(l) => build_leaf(l),
        Cond::And(a, b) => build(a) & build(b),
        Cond::Or(a, b) => build(a) | build(b),
        Cond::Not(a) => !build(a),
        Cond::All(v) => Condition::all(v.iter().map(build)),
    }
}

/// An outcome both backends can be compared on.
#[derive(Debug, PartialEq)]
enum Outcome {
    Ok,
    ConditionFailed,
    Validation,
    /// dynox's own refusal before sending (an update with no action).
    Refused,
    Other(String),
}

fn outcome(r: Result<()>) -> Outcome {
    match r {
        Ok(()) => Outcome::Ok,
        Err(Error::ConditionalCheckFailed { .. }) => Outcome::ConditionFailed,
        Err(Error::Validation { .. }) => Outcome::Validation,
        Err(Error::Refused { .. }) => Outcome::Refused,
        Err(e) => Outcome::Other(format!("{e:?}")),
    }
}

/// Sets come back in no particular order; sort them to compare.
fn normalize(item: HashMap<String, AV>) -> Vec<(String, String)> {
    fn norm(v: AV) -> AV {
        match v {
            AV::Ss(mut s) => {
                s.sort();
                AV::Ss(s)
            }
            AV::Ns(mut s) => {
                s.sort();
                AV::Ns(s)
            }
            AV::L(l) => AV::L(l.into_iter().map(norm).collect()),
            AV::M(m) => AV::M(m.into_iter().map(|(k, v)| (k, norm(v))).collect()),
            v => v,
        }
    }
    let mut out: Vec<(String, String)> = item
        .into_iter()
        .map(|(k, v)| {
            let v = norm(v);
            // maps print in hash order; sort their entries through a BTreeMap
            (k, format!("{:?}", sorted_debug(&v)))
        })
        .collect();
    out.sort();
    out
}

fn sorted_debug(v: &AV) -> String {
    match v {
        AV::M(m) => {
            let sorted: std::collections::BTreeMap<_, _> =
                m.iter().map(|(k, v)| (k, sorted_debug(v))).collect();
            format!("M{sorted:?}")
        }
        AV::L(l) => format!("L{:?}", l.iter().map(sorted_debug).collect::<Vec<_>>()),
        v => format!("{v:?}"),
    }
}

async fn apply(db: &Dynox, id: &str, actions: &[Action], cond: Option<&Cond>) -> Result<()> {
    let mut u = Doc::update_by_key(db, id);
    for a in actions {
        u = match a.clone() {
            Action::SetTitle(s) => u.set(Doc::TITLE, s),
            Action::SetWeird(v) => u.set(Doc::WEIRD, v),
            Action::IncrementCounter(n) => u.increment(Doc::COUNTER, n),
            Action::DecrementDotted(n) => u.decrement(Doc::DOTTED, n),
            Action::AddTags(s) => u.add(Doc::TAGS, s),
            Action::DeleteNums(s) => u.delete(Doc::NUMS, s),
            Action::AppendList(v) => u.append(Doc::LIST, v),
            Action::PrependList(v) => u.prepend(Doc::LIST, v),
            Action::RemoveState => u.remove(Doc::STATE),
            Action::AmountIfNotExists(x) => u.set_if_not_exists(Doc::AMOUNT, x),
            Action::SetAttrsKey(k, v) => u.set(Doc::ATTRS.key(k), v),
            Action::SetCity(s) => u.set(Doc::ADDRESS.field(Address::CITY), s),
        };
    }
    if let Some(c) = cond {
        u = u.condition(build(c));
    }
    u.await
}

struct Backends {
    rt: tokio::runtime::Runtime,
    dbs: Vec<(Backend, Dynox)>,
}

impl Backends {
    fn new() -> Self {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let dbs = rt.block_on(async {
            let mut dbs = Vec::new();
            for backend in [
                Backend::Embedded,
                Backend::DynamoDbLocal,
                Backend::DynamoDbLocalLean,
            ] {
                let db = connect(backend);
                Doc::create_table(&db).await.expect("table");
                dbs.push((backend, db));
            }
            dbs
        });
        Backends { rt, dbs }
    }

    /// Runs one case on every backend; returns (outcome, stored item) per backend.
    fn run(
        &self,
        id: &str,
        doc: &Doc,
        actions: &[Action],
        cond: Option<&Cond>,
    ) -> Vec<(Outcome, Vec<(String, String)>)> {
        self.rt.block_on(async {
            let mut results = Vec::new();
            for (_, db) in &self.dbs {
                let mut d = doc.clone();
                d.id = id.to_owned();
                d.save(db).await.expect("saves the start item");
                let o = outcome(apply(db, id, actions, cond).await);
                let item = raw_get(db, &db.table_name::<Doc>(), d.key().to_key_item()).await;
                results.push((o, normalize(item)));
            }
            results
        })
    }
}

#[test]
fn conditions_and_updates_agree_with_dynamodb_local() {
    let backends = Backends::new();
    let seen = std::cell::RefCell::new(HashMap::<String, u32>::new());
    let config = dynox_tests::differential_config(96);
    proptest!(config, |(doc in doc(), actions in prop::collection::vec(action(), 1..4), cond in prop::option::of(cond()))| {
        // each case starts with a PutItem of the whole document, so one key serves all
        let results = backends.run("case", &doc, &actions, cond.as_ref());
        let embedded = &results[0];
        prop_assert!(!matches!(embedded.0, Outcome::Other(_)), "unexpected error: {:?}", embedded.0);
        // DynamoDB Local through the SDK transport, then the lean one
        for local in &results[1..] {
            prop_assert_eq!(&embedded.0, &local.0, "outcome differs");
            prop_assert_eq!(&embedded.1, &local.1, "stored item differs");
        }
        *seen.borrow_mut().entry(format!("{:?}", embedded.0)).or_default() += 1;
    });
    // the generators must reach every outcome, or the comparison proves little
    let seen = seen.into_inner();
    println!("outcomes: {seen:?}");
    for kind in ["Ok", "ConditionFailed", "Validation"] {
        assert!(
            seen.get(kind).copied().unwrap_or(0) > 0,
            "no case ended {kind}: {seen:?}"
        );
    }
}

#[test]
fn conditions_alone_agree_with_dynamodb_local() {
    // every generated condition on an unchanged item: a pure test of evaluation
    let backends = Backends::new();
    let config = dynox_tests::differential_config(192);
    proptest!(config, |(doc in doc(), cond in cond())| {
        let results = backends.run("cond", &doc, &[Action::IncrementCounter(0)], Some(&cond));
        prop_assert_eq!(&results[0].0, &results[1].0, "condition evaluates differently");
        prop_assert_eq!(&results[0].0, &results[2].0, "condition evaluates differently (lean)");
    });
}
