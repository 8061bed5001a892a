//! `from_item` of a generated model on any item: an error or a value, never
//! a panic; and a value that loads writes back to an item that loads to the
//! same item again.
#![no_main]

mod model;

use arbitrary::Arbitrary;
use dynox_core::prelude::*;
use dynox_core::{AttributeValue as AV, Item};
use libfuzzer_sys::fuzz_target;
use model::{Every, NAMES};

#[derive(Arbitrary, Debug)]
enum Value {
    S(String),
    N(String),
    Int(i64),
    B(Vec<u8>),
    Bool(bool),
    Null,
    Ss(Vec<String>),
    Ns(Vec<String>),
    Bs(Vec<Vec<u8>>),
    L(Vec<Value>),
    M(Vec<(Name, Value)>),
    /// Binary with the compressed-value header and any algorithm byte.
    Compressed(u8, Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum Name {
    Known(u8),
    Other(String),
}

impl Name {
    fn get(&self) -> String {
        match self {
            Name::Known(i) => NAMES[usize::from(*i) % NAMES.len()].to_owned(),
            Name::Other(s) => s.clone(),
        }
    }
}

fn attribute(v: &Value) -> AV {
    match v {
        Value::S(s) => AV::S(s.clone()),
        Value::N(n) => AV::N(n.clone()),
        Value::Int(i) => AV::N(i.to_string()),
        Value::B(b) => AV::B(b.clone().into()),
        Value::Bool(b) => AV::Bool(*b),
        Value::Null => AV::Null(true),
        Value::Ss(v) => AV::Ss(v.clone()),
        Value::Ns(v) => AV::Ns(v.clone()),
        Value::Bs(v) => AV::Bs(v.iter().map(|b| b.clone().into()).collect()),
        Value::L(v) => AV::L(v.iter().map(attribute).collect()),
        Value::M(m) => AV::M(m.iter().map(|(k, v)| (k.get(), attribute(v))).collect()),
        Value::Compressed(algorithm, body) => {
            let mut b = vec![0xDC, 0x5A, algorithm % 5];
            b.extend_from_slice(body);
            AV::B(b.into())
        }
    }
}

fuzz_target!(|fields: Vec<(Name, Value)>| {
    let item: Item = fields
        .iter()
        .map(|(k, v)| (k.get(), attribute(v)))
        .collect();
    let Ok(value) = Every::from_item(item) else {
        return;
    };
    // what loaded must store and load again as the same item
    let stored = value.to_item();
    let again = Every::from_item(stored.clone()).expect("a stored value loads");
    assert_eq!(again.to_item(), stored);
});
