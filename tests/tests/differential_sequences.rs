//! Property test: random sequences of model operations (save, smart save,
//! conditional update, delete, get, query, batch write and get, transaction,
//! versioned save) over models covering every field type run through dynox on
//! the embedded engine and on DynamoDB Local. Adversarial steps too: a
//! smart save of a loaded item that another writer deleted meanwhile,
//! `update_by_key` on the versioned model, and batches of number keys
//! written in different forms (`1`, `1.0`, `10e-1`). Single-table models
//! too: a profile and orders in one table, with a templated index on a
//! field that smart saves change, read by key, by sort prefix, by index
//! and as a collection. After every step the results,
//! error kinds, stored items and consumed capacity must match. A failure
//! shrinks to a minimal sequence, and proptest keeps its seed in
//! `differential_sequences.proptest-regressions`, replayed on every run.
//!
//! Runs with the `dynamodb-local` feature; CI runs a bounded number of cases,
//! `PROPTEST_CASES=500 scripts/test.sh` (or `cargo test --features
//! dynamodb-local --test differential_sequences` with DYNOX_TEST_ENDPOINT)
//! runs more.
#![cfg(feature = "dynamodb-local")]

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_core::Number;
use dynox_tests::models::{
    AllTypes, Counter, Note, Reading, ReadingKey, ShopItems, ShopOrder, ShopUser, User, UserKey,
};
use dynox_tests::{connect, Backend};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
enum Op {
    /// PutItem of a whole user.
    Save {
        sk: u8,
        name: String,
        age: u32,
        email: Option<String>,
        tags: BTreeSet<String>,
    },
    /// get, change some fields, smart save (UpdateItem of the changes).
    SmartSave {
        sk: u8,
        name: Option<String>,
        email: Option<Option<String>>,
        tag: Option<String>,
    },
    /// UpdateItem adding to the age if it is at most `max`.
    AddAgeIf {
        sk: u8,
        by: u32,
        max: u32,
    },
    /// DeleteItem, optionally only if the name is `name`.
    Delete {
        sk: u8,
        name: Option<String>,
    },
    Get {
        sk: u8,
    },
    Query {
        from: u8,
    },
    BatchPut {
        sks: Vec<u8>,
        name: String,
    },
    BatchGet {
        sks: Vec<u8>,
    },
    /// A transaction: put one user, add to another's age if it is at most `max`.
    Transact {
        put: u8,
        update: u8,
        max: u32,
    },
    /// get the counter, increment it, save it with its version check.
    Increment {
        id: u8,
    },
    /// get, another writer deletes the item, change the name, smart save.
    SaveAfterDelete {
        sk: u8,
        name: String,
    },
    /// get the counter, another writer deletes it, increment, save.
    IncrementAfterDelete {
        id: u8,
    },
    /// update_by_key of the versioned counter (no read, no check).
    BumpCounter {
        id: u8,
        by: u64,
    },
    /// A batch write of readings whose number keys come in several forms,
    /// then a batch get of more forms of the same numbers.
    BatchNumbers {
        writes: Vec<(u8, u8)>,
        reads: Vec<(u8, u8)>,
    },
    /// PutItem of the every-type model with some fields changed.
    SaveAllTypes {
        id: u8,
        s: String,
        n: i64,
        set: BTreeSet<String>,
    },
    /// Single table: PutItem of a profile.
    SaveMember {
        user: u8,
        name: String,
    },
    /// Single table: PutItem of an order.
    SaveOrder {
        user: u8,
        number: u8,
        status: String,
    },
    /// Single table: get an order, change its status and total, smart save
    /// (the index key follows the status).
    ChangeOrder {
        user: u8,
        number: u8,
        status: String,
    },
    /// Single table: the orders of a user from a number on.
    OrdersFrom {
        user: u8,
        from: u8,
    },
    /// Single table: the orders of a status, by the templated index.
    OrdersOfStatus {
        status: String,
    },
    /// Single table: a user's profile and orders in one query.
    MemberItems {
        user: u8,
    },
    /// Generated and compressed fields: a new note (or a replace of one).
    SaveNote {
        id: u8,
        words: u16,
    },
    /// Load a note, change its body, smart save (updated_at stamped,
    /// created_at kept).
    ChangeNote {
        id: u8,
        words: u16,
    },
    /// Read a note (generated values masked).
    GetNote {
        id: u8,
    },
}

/// A divergence of the two engines, not of dynox: a read that finds nothing
/// costs no read capacity on DynamoDB Local, while the embedded engine
/// charges the minimum read (1 RCU strongly consistent), as GetItem of a
/// missing key does on both. Measured on Local: BatchGetItem of one missing
/// key reports `CapacityUnits: 0.0`, of one present and one missing key
/// `1.0`; a Query of an empty partition `0.0`; GetItem of a missing key
/// `1.0`. Such reads are compared on everything but their read capacity.
const CAPACITY_OF_MISSING_KEYS: &str = "a read that found nothing";
const MISSING_MARK: &str = " (a key had no item)";

/// The second: DynamoDB bills a transactional write at two write units per
/// 1 KB of each item (its documentation on transactions and capacity), and
/// the embedded engine reports that; DynamoDB Local reports one, as for a
/// plain write (measured: a put and an update of two small items report
/// `4.0` embedded, `2.0` on Local). Transactions are compared on everything
/// but their consumed capacity.
const CAPACITY_OF_TRANSACTIONS: &str = "a transaction";

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "ab", "#:.", "x y", "ñ", ""]).prop_map(String::from)
}

/// One of a few numbers, in one of the forms DynamoDB holds equal.
fn number(value: u8, form: u8) -> Number {
    let v = value % 3;
    Number::new(match form % 4 {
        0 => format!("{v}"),
        1 => format!("{v}.0"),
        2 => format!("{v}0e-1"),
        _ => format!("0{v}.00"),
    })
}

fn sk() -> impl Strategy<Value = u8> {
    0u8..4
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            sk(),
            word(),
            0u32..50,
            prop::option::of(word()),
            prop::collection::btree_set(word(), 0..3)
        )
            .prop_map(|(sk, name, age, email, tags)| Op::Save {
                sk,
                name,
                age,
                email,
                tags
            }),
        (
            sk(),
            prop::option::of(word()),
            prop::option::of(prop::option::of(word())),
            prop::option::of(word())
        )
            .prop_map(|(sk, name, email, tag)| Op::SmartSave {
                sk,
                name,
                email,
                tag
            }),
        (sk(), 0u32..10, 0u32..60).prop_map(|(sk, by, max)| Op::AddAgeIf { sk, by, max }),
        (sk(), prop::option::of(word())).prop_map(|(sk, name)| Op::Delete { sk, name }),
        sk().prop_map(|sk| Op::Get { sk }),
        sk().prop_map(|from| Op::Query { from }),
        (prop::collection::vec(sk(), 1..6), word())
            .prop_map(|(sks, name)| Op::BatchPut { sks, name }),
        prop::collection::vec(sk(), 1..6).prop_map(|sks| Op::BatchGet { sks }),
        (sk(), sk(), 0u32..60).prop_map(|(put, update, max)| Op::Transact { put, update, max }),
        (0u8..2).prop_map(|id| Op::Increment { id }),
        (sk(), word()).prop_map(|(sk, name)| Op::SaveAfterDelete { sk, name }),
        (0u8..2).prop_map(|id| Op::IncrementAfterDelete { id }),
        (0u8..2, 0u64..5).prop_map(|(id, by)| Op::BumpCounter { id, by }),
        (
            prop::collection::vec((0u8..3, 0u8..4), 1..6),
            prop::collection::vec((0u8..3, 0u8..4), 1..6)
        )
            .prop_map(|(writes, reads)| Op::BatchNumbers { writes, reads }),
        (
            0u8..2,
            word(),
            any::<i64>(),
            prop::collection::btree_set(word(), 0..3)
        )
            .prop_map(|(id, s, n, set)| Op::SaveAllTypes { id, s, n, set }),
        (0u8..2, word()).prop_map(|(user, name)| Op::SaveMember { user, name }),
        (0u8..2, 0u8..12, word()).prop_map(|(user, number, status)| Op::SaveOrder {
            user,
            number,
            status
        }),
        (0u8..2, 0u8..12, word()).prop_map(|(user, number, status)| Op::ChangeOrder {
            user,
            number,
            status
        }),
        (0u8..2, 0u8..12).prop_map(|(user, from)| Op::OrdersFrom { user, from }),
        word().prop_map(|status| Op::OrdersOfStatus { status }),
        (0u8..2).prop_map(|user| Op::MemberItems { user }),
        (0u8..2, 0u16..400).prop_map(|(id, words)| Op::SaveNote { id, words }),
        (0u8..2, 0u16..400).prop_map(|(id, words)| Op::ChangeNote { id, words }),
        (0u8..2).prop_map(|id| Op::GetNote { id }),
    ]
}

fn key(sk: u8) -> UserKey {
    UserKey {
        pk: "P".into(),
        sk: format!("S{sk}"),
    }
}

fn user(sk: u8, name: &str) -> User {
    User::new("P", &format!("S{sk}"), name)
}

/// What a step returned, in a form both backends can be compared by.
fn kind(e: &Error) -> String {
    match e {
        Error::ConditionalCheckFailed { item } => {
            format!("ConditionalCheckFailed(item: {})", item.is_some())
        }
        Error::VersionConflict { .. } => "VersionConflict".into(),
        Error::ItemDeleted => "ItemDeleted".into(),
        Error::AlreadyExists { .. } => "AlreadyExists".into(),
        Error::Validation { .. } => "Validation".into(),
        Error::TransactionCanceled { reasons } => format!(
            "TransactionCanceled({:?})",
            reasons
                .iter()
                .map(|r| r.as_ref().map(|r| r.code.clone()))
                .collect::<Vec<_>>()
        ),
        other => format!("unexpected: {other}"),
    }
}

fn users(v: Vec<Tracked<User>>) -> String {
    let mut v: Vec<User> = v.into_iter().map(Tracked::into_inner).collect();
    v.sort_by(|a, b| a.sk.cmp(&b.sk));
    format!("{v:?}")
}

async fn step(db: &Dynox, op: &Op) -> String {
    let result: Result<String> = async {
        Ok(match op.clone() {
            Op::Save {
                sk,
                name,
                age,
                email,
                tags,
            } => {
                let mut u = user(sk, &name);
                (u.age, u.email, u.tags) = (age, email, tags);
                u.save(db).await?;
                "saved".into()
            }
            Op::SmartSave {
                sk,
                name,
                email,
                tag,
            } => {
                let Some(mut u) = User::get(db, "P", format!("S{sk}"))
                    .consistent_read(true)
                    .await?
                else {
                    return Ok("absent".into());
                };
                if let Some(n) = name {
                    u.name = n;
                }
                if let Some(e) = email {
                    u.email = e;
                }
                if let Some(t) = tag {
                    u.tags.insert(t);
                }
                let changed = u.changed_fields();
                u.save(db).await?;
                format!("smart saved {changed:?}")
            }
            Op::AddAgeIf { sk, by, max } => {
                User::update_by_key(db, "P", format!("S{sk}"))
                    .add(User::AGE, by)
                    .condition(User::PK.exists() & User::AGE.le(max))
                    .await?;
                "updated".into()
            }
            Op::Delete { sk, name } => {
                let mut d = User::delete_by_key(db, "P", format!("S{sk}"));
                if let Some(n) = name {
                    d = d.condition(User::NAME.eq(n));
                }
                d.await?;
                "deleted".into()
            }
            Op::Get { sk } => format!(
                "{:?}",
                User::get(db, "P", format!("S{sk}"))
                    .consistent_read(true)
                    .await?
                    .map(Tracked::into_inner)
            ),
            Op::Query { from } => {
                let found = User::query(db, "P")
                    .sort_key_ge(format!("S{from}"))
                    .consistent_read(true)
                    .all()
                    .await?;
                let empty = if found.is_empty() { MISSING_MARK } else { "" };
                format!("{}{empty}", users(found))
            }
            Op::BatchPut { sks, name } => {
                let values: Vec<User> = sks.iter().map(|&sk| user(sk, &name)).collect();
                let report = db.batch_write().put_all(&values).await?;
                format!("written {} coalesced {}", report.written, report.coalesced)
            }
            Op::BatchGet { sks } => {
                let wanted: BTreeSet<u8> = sks.iter().copied().collect();
                let found = User::batch_get(db, sks.into_iter().map(key))
                    .consistent_read(true)
                    .await?;
                // see CAPACITY_OF_MISSING_KEYS
                let missing = if found.len() < wanted.len() {
                    MISSING_MARK
                } else {
                    ""
                };
                format!("{}{missing}", users(found))
            }
            Op::Transact { put, update, max } => {
                db.transact_write()
                    .put(&user(put, "tx"))
                    .update(key(update), |u| {
                        u.add(User::AGE, 1)
                            .condition(User::PK.exists() & User::AGE.le(max))
                    })
                    .await?;
                "committed".into()
            }
            Op::Increment { id } => {
                let id = format!("c{id}");
                let mut c = match Counter::get(db, id.clone()).consistent_read(true).await? {
                    Some(c) => c,
                    None => Tracked::new(Counter {
                        id,
                        count: 0,
                        note: None,
                        version: 0,
                    }),
                };
                c.count += 1;
                c.save(db).await?;
                format!("count {} version {}", c.count, c.version)
            }
            Op::SaveAfterDelete { sk, name } => {
                let Some(mut u) = User::get(db, "P", format!("S{sk}"))
                    .consistent_read(true)
                    .await?
                else {
                    return Ok("absent".into());
                };
                User::delete_by_key(db, "P", format!("S{sk}")).await?;
                u.name = format!("{name}!");
                u.save(db).await?;
                "smart saved a deleted item".into()
            }
            Op::IncrementAfterDelete { id } => {
                let id = format!("c{id}");
                let Some(mut c) = Counter::get(db, id.clone()).consistent_read(true).await? else {
                    return Ok("absent".into());
                };
                Counter::delete_by_key(db, id).await?;
                c.count += 1;
                c.save(db).await?;
                "saved a deleted counter".into()
            }
            Op::BumpCounter { id, by } => {
                Counter::update_by_key(db, format!("c{id}"))
                    .increment(Counter::COUNT, by)
                    .await?;
                "bumped".into()
            }
            Op::BatchNumbers { writes, reads } => {
                let values: Vec<Reading> = writes
                    .iter()
                    .enumerate()
                    .map(|(i, &(v, form))| Reading {
                        sensor: number(v, form),
                        value: format!("w{i}"),
                    })
                    .collect();
                let report = db.batch_write().put_all(&values).await?;
                let keys = reads.iter().map(|&(v, form)| ReadingKey {
                    sensor: number(v, form),
                });
                let wanted: BTreeSet<u8> = reads.iter().map(|&(v, _)| v % 3).collect();
                let mut found: Vec<String> = Reading::batch_get(db, keys)
                    .consistent_read(true)
                    .await?
                    .into_iter()
                    .map(|r| r.value.clone())
                    .collect();
                found.sort();
                let missing = if found.len() < wanted.len() {
                    MISSING_MARK
                } else {
                    ""
                };
                format!(
                    "written {} coalesced {} read {found:?}{missing}",
                    report.written, report.coalesced
                )
            }
            Op::SaveAllTypes { id, s, n, set } => {
                let mut v = AllTypes::sample(u64::from(id));
                (v.s, v.i64_, v.ss) = (s, n, set.into_iter().collect());
                v.save(db).await?;
                "saved".into()
            }
            Op::SaveMember { user, name } => {
                ShopUser {
                    user: format!("u{user}"),
                    name,
                }
                .save(db)
                .await?;
                "saved".into()
            }
            Op::SaveOrder {
                user,
                number,
                status,
            } => {
                let order = ShopOrder {
                    user: format!("u{user}"),
                    number,
                    status,
                    total: 1,
                };
                order.save(db).await?;
                "saved".into()
            }
            Op::ChangeOrder {
                user,
                number,
                status,
            } => {
                let found = ShopOrder::get(db, format!("u{user}"), number)
                    .consistent_read(true)
                    .await?;
                let Some(mut order) = found else {
                    return Ok("absent".into());
                };
                order.status = status;
                order.total += 1;
                let changed = order.changed_fields();
                order.save(db).await?;
                format!("smart saved {changed:?}")
            }
            Op::OrdersFrom { user, from } => {
                let found = ShopOrder::query(db, format!("u{user}"))
                    .sort_from(from)
                    .consistent_read(true)
                    .all()
                    .await?;
                let empty = if found.is_empty() { MISSING_MARK } else { "" };
                let found: Vec<ShopOrder> = found.into_iter().map(Tracked::into_inner).collect();
                format!("{found:?}{empty}")
            }
            Op::OrdersOfStatus { status } => {
                let found = ShopOrder::by_status().query(db, status).all().await?;
                let empty = if found.is_empty() { MISSING_MARK } else { "" };
                let found: Vec<ShopOrder> = found.into_iter().map(Tracked::into_inner).collect();
                format!("{found:?}{empty}")
            }
            Op::SaveNote { id, words } => {
                let mut note = Tracked::new(note(id, words));
                note.save(db).await?;
                "saved".into()
            }
            Op::ChangeNote { id, words } => {
                let found = Note::get(db, format!("n{id}"))
                    .consistent_read(true)
                    .await?;
                let Some(mut n) = found else {
                    return Ok("absent".into());
                };
                n.body = note(id, words).body;
                n.lines.push(format!("{words}"));
                if words % 2 == 1 {
                    n.secret = Some(format!("changed secret {words}"));
                }
                let changed = n.changed_fields();
                n.save(db).await?;
                format!("smart saved {changed:?}")
            }
            Op::GetNote { id } => {
                let found = Note::get(db, format!("n{id}"))
                    .consistent_read(true)
                    .await?;
                match found {
                    None => format!("None{MISSING_MARK}"),
                    Some(n) => format!(
                        "{} {} {:?} created {} updated {} secret {:?}",
                        n.id,
                        n.body.len(),
                        n.lines,
                        !n.created_at.is_empty(),
                        n.updated_at > 0,
                        n.secret
                    ),
                }
            }
            Op::MemberItems { user } => {
                let items = ShopItems::query(db, format!("u{user}"))
                    .consistent_read(true)
                    .all()
                    .await?;
                let empty = if items.profile.is_none() && items.orders.is_empty() {
                    MISSING_MARK
                } else {
                    ""
                };
                format!("{items:?}{empty}")
            }
        })
    }
    .await;
    match result {
        Ok(s) => s,
        Err(e) => kind(&e),
    }
}

/// A note whose body compresses when long.
fn note(id: u8, words: u16) -> Note {
    Note {
        id: format!("n{id}"),
        body: "word ".repeat(usize::from(words)),
        lines: vec!["first".into()],
        created_at: String::new(),
        updated_at: 0,
        secret: Some(format!("secret of {words} words")),
    }
}

/// Attributes whose values dynox generates (times): compared by presence.
const GENERATED: [&str; 2] = ["created_at", "updated_at"];
/// Encrypted attributes: a fresh nonce and data key per write, so compared
/// by their length (the same plaintext and key give the same length).
const ENCRYPTED: [&str; 1] = ["secret"];

/// Every stored item of the three tables, in a comparable order.
async fn stored(db: &Dynox) -> Vec<String> {
    let mut out = Vec::new();
    let tables = [
        (User::SCHEMA.table, db.table_name::<User>()),
        (Counter::SCHEMA.table, db.table_name::<Counter>()),
        (AllTypes::SCHEMA.table, db.table_name::<AllTypes>()),
        (Reading::SCHEMA.table, db.table_name::<Reading>()),
        (ShopUser::SCHEMA.table, db.table_name::<ShopUser>()),
        (Note::SCHEMA.table, db.table_name::<Note>()),
    ];
    for (label, table) in tables {
        let input = aws_sdk_dynamodb::operation::scan::ScanInput::builder()
            .table_name(table.as_ref())
            .consistent_read(true)
            .build()
            .expect("scan");
        let items = match db
            .transport()
            .send(dynox_core::transport::Request::Scan(input))
            .await
        {
            Ok(dynox_core::transport::Response::Scan(o)) => o.items.unwrap_or_default(),
            other => panic!("scan failed: {other:?}"),
        };
        for item in items {
            let sorted: BTreeMap<String, String> = item
                .into_iter()
                .map(|(k, v)| {
                    let shown = if GENERATED.contains(&k.as_str()) {
                        "<generated>".to_owned()
                    } else if let (true, AV::B(b)) = (ENCRYPTED.contains(&k.as_str()), &v) {
                        format!("<sealed, {} bytes>", b.as_ref().len())
                    } else {
                        canonical(&v)
                    };
                    (k, shown)
                })
                .collect();
            out.push(format!("{label}: {sorted:?}"));
        }
    }
    out.sort();
    out
}

/// A value with set members and map entries in a fixed order.
fn canonical(v: &AV) -> String {
    match v {
        AV::Ss(s) | AV::Ns(s) => {
            let mut s = s.clone();
            s.sort();
            format!("{s:?}")
        }
        AV::Bs(b) => {
            let mut b: Vec<Vec<u8>> = b.iter().map(|b| b.as_ref().to_vec()).collect();
            b.sort();
            format!("{b:?}")
        }
        AV::L(l) => format!("L{:?}", l.iter().map(canonical).collect::<Vec<_>>()),
        AV::M(m) => format!(
            "M{:?}",
            m.iter()
                .map(|(k, v)| (k, canonical(v)))
                .collect::<BTreeMap<_, _>>()
        ),
        other => format!("{other:?}"),
    }
}

#[test]
fn operation_sequences_agree_with_dynamodb_local() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let config = dynox_tests::differential_config(32);
    let steps = std::cell::Cell::new(0u64);
    let failures = std::cell::RefCell::new(BTreeMap::<&'static str, u64>::new());
    proptest!(config, |(ops in prop::collection::vec(op(), 1..12))| {
        let outcome: std::result::Result<(), TestCaseError> = rt.block_on(async {
            // fresh tables per case: each sequence starts from nothing
            let dbs = [
                connect(Backend::Embedded),
                connect(Backend::DynamoDbLocal),
                connect(Backend::DynamoDbLocalLean),
            ]
                .map(|db| db.with_key_provider(dynox_tests::keys::local_keys()));
            for db in &dbs {
                User::create_table(db).await.expect("table");
                Counter::create_table(db).await.expect("table");
                AllTypes::create_table(db).await.expect("table");
                Reading::create_table(db).await.expect("table");
                ShopItems::create_table(db).await.expect("table");
                Note::create_table(db).await.expect("table");
            }
            for (i, op) in ops.iter().enumerate() {
                let mut seen = Vec::new();
                for db in &dbs {
                    db.reset_metrics();
                    let result = step(db, op).await;
                    let m = db.metrics();
                    seen.push((result, m.total_rcu, m.total_wcu, stored(db).await, m.requests));
                }
                let e = &seen[0];
                prop_assert!(!e.0.starts_with("unexpected"), "step {i} {op:?}: {}", e.0);
                // DynamoDB Local through the SDK transport, then the lean one
                for l in &seen[1..] {
                prop_assert_eq!(&e.0, &l.0, "step {} {:?}: results differ", i, op);
                prop_assert_eq!(&e.3, &l.3, "step {} {:?}: stored items differ", i, op);
                prop_assert_eq!(e.4, l.4, "step {} {:?}: the number of requests differs", i, op);
                if matches!(op, Op::Transact { .. }) {
                    // see CAPACITY_OF_TRANSACTIONS
                    let _ = CAPACITY_OF_TRANSACTIONS;
                } else if e.0.ends_with(MISSING_MARK) {
                    prop_assert_eq!(e.2, l.2, "step {} {:?}: consumed write capacity differs ({})", i, op, CAPACITY_OF_MISSING_KEYS);
                } else {
                    prop_assert_eq!((e.1, e.2), (l.1, l.2), "step {} {:?}: consumed capacity (rcu, wcu) differs", i, op);
                }
                }
                steps.set(steps.get() + 1);
                for kind in ["ConditionalCheckFailed", "TransactionCanceled", "ItemDeleted"] {
                    if e.0.starts_with(kind) {
                        *failures.borrow_mut().entry(kind).or_default() += 1;
                    }
                }
            }
            Ok(())
        });
        outcome?;
    });
    let failures = failures.into_inner();
    println!(
        "{} steps compared; failures compared: {failures:?}",
        steps.get()
    );
    // the sequences must reach the failure paths too, or they prove little
    for kind in [
        "ConditionalCheckFailed",
        "TransactionCanceled",
        "ItemDeleted",
    ] {
        assert!(
            failures.get(kind).copied().unwrap_or(0) > 0,
            "no step ended {kind}: {failures:?}"
        );
    }
}
