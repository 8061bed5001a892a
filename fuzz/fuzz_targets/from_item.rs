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
    /// Binary with the encrypted-value header, any version and type byte,
    /// and a key id and wrapped key of the lengths given.
    Sealed(u8, u8, u8, u16, Vec<u8>),
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
        Value::Sealed(version, kind, key_len, wrapped_len, body) => {
            let mut b = vec![0xDC, 0x45, version % 3, kind % 4, *key_len];
            b.extend(std::iter::repeat_n(b'k', usize::from(*key_len) % 40));
            b.extend_from_slice(&(wrapped_len % 300).to_be_bytes());
            b.extend_from_slice(body);
            AV::B(b.into())
        }
    }
}

/// Every binary value of the item, to open as an encrypted value.
fn binaries(v: &AV, out: &mut Vec<Vec<u8>>) {
    match v {
        AV::B(b) => out.push(b.as_ref().to_vec()),
        AV::L(l) => l.iter().for_each(|v| binaries(v, out)),
        AV::M(m) => m.values().for_each(|v| binaries(v, out)),
        _ => {}
    }
}

#[derive(Arbitrary, Debug)]
struct Input {
    fields: Vec<(Name, Value)>,
    /// A sealed value's plaintext, the edits made to its stored bytes, and
    /// where they are cut.
    plain: Vec<u8>,
    edits: Vec<(u16, u8)>,
    keep: Option<u16>,
}

fuzz_target!(|input: Input| {
    // decrypting: bytes that were not sealed with the key never open, and a
    // sealed value opens only while no byte of it changed
    let (changed, opened) =
        dynox_core::encrypt::__fuzz_seal_and_open(&input.plain, &input.edits, input.keep);
    match opened {
        Some(Ok(AV::B(b))) => assert!(!changed && b.as_ref() == input.plain.as_slice()),
        Some(Ok(other)) => panic!("opened as another type: {other:?}"),
        Some(Err(_)) | None => assert!(changed, "an unchanged value did not open"),
    }
    let fields = input.fields;
    let item: Item = fields
        .iter()
        .map(|(k, v)| (k.get(), attribute(v)))
        .collect();
    let mut found = Vec::new();
    item.values().for_each(|v| binaries(v, &mut found));
    for bytes in found {
        assert!(!matches!(
            dynox_core::encrypt::__fuzz_open(&bytes),
            Some(Ok(_))
        ));
    }
    let Ok(value) = Every::from_item(item) else {
        return;
    };
    // what loaded must store and load again as the same item
    let stored = value.to_item();
    let again = Every::from_item(stored.clone()).expect("a stored value loads");
    assert_eq!(again.to_item(), stored);
});
