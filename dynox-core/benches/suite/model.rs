//! The items of the workloads, and the hand-written SDK mapping a user of
//! aws-sdk-dynamodb would write for them.

use dynox_core::prelude::*;
use dynox_core::AttributeValue as V;
use std::collections::HashMap;

/// A ~1 KB item.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "rows")]
pub(crate) struct Row {
    #[dyno(partition_key)]
    pub(crate) pk: String,
    #[dyno(sort_key)]
    pub(crate) sk: String,
    pub(crate) n: u64,
    pub(crate) body: String,
}

/// A ~4 KB item with a few small fields, for smart save of one field.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "profiles")]
pub(crate) struct Profile {
    #[dyno(partition_key)]
    pub(crate) pk: String,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) bio: String,
    pub(crate) logins: u64,
}

pub(crate) fn row(pk: &str, n: u64) -> Row {
    Row {
        pk: pk.to_owned(),
        sk: format!("S#{n:08}"),
        n,
        body: "x".repeat(960),
    }
}

pub(crate) fn profile(n: u64) -> Profile {
    Profile {
        pk: format!("P#{n}"),
        name: "Jane Doe".into(),
        email: "jane@example.com".into(),
        bio: "b".repeat(4000),
        logins: 0,
    }
}

/// The item of a row, written by hand.
pub(crate) fn row_to_item(r: &Row) -> HashMap<String, V> {
    HashMap::from([
        ("pk".to_owned(), V::S(r.pk.clone())),
        ("sk".to_owned(), V::S(r.sk.clone())),
        ("n".to_owned(), V::N(r.n.to_string())),
        ("body".to_owned(), V::S(r.body.clone())),
    ])
}

/// A row read from an item by hand, with the checks such code needs.
pub(crate) fn row_from_item(mut item: HashMap<String, V>) -> Option<Row> {
    let mut s = |name: &str| match item.remove(name) {
        Some(V::S(s)) => Some(s),
        _ => None,
    };
    let (pk, sk, body) = (s("pk")?, s("sk")?, s("body")?);
    let n = match item.remove("n") {
        Some(V::N(n)) => n.parse().ok()?,
        _ => return None,
    };
    Some(Row { pk, sk, n, body })
}
