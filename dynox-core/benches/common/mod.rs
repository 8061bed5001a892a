//! The 20-field model the benchmarks share.

use dynox_core::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

#[derive(DynoModel, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[dyno(table = "bench")]
pub(crate) struct Wide {
    #[dyno(partition_key)]
    pub(crate) pk: String,
    #[dyno(sort_key)]
    pub(crate) sk: String,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) city: String,
    pub(crate) country: String,
    pub(crate) bio: String,
    pub(crate) company: String,
    pub(crate) phone: String,
    pub(crate) age: u32,
    pub(crate) score: i64,
    pub(crate) balance: u64,
    pub(crate) ratio: f64,
    pub(crate) logins: u32,
    pub(crate) level: u16,
    pub(crate) active: bool,
    pub(crate) tags: BTreeSet<String>,
    pub(crate) history: Vec<String>,
    pub(crate) attributes: HashMap<String, String>,
    pub(crate) nickname: Option<String>,
}

#[allow(dead_code)] // not every benchmark that shares the model uses the sample
pub(crate) fn sample() -> Wide {
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
