//! A model with every kind of field, shared by the fuzz targets.

use dynox_core::prelude::*;
use dynox_core::Number;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(DynoValue, Debug, Clone, PartialEq)]
pub struct Inner {
    pub city: String,
    pub zip: Option<String>,
    pub n: i32,
}

#[derive(DynoValue, Debug, Clone, PartialEq)]
pub enum Color {
    Red,
    DarkBlue,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub enum Shape {
    Circle { radius: u32 },
    Label(String),
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "fuzz")]
pub struct Every {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(sort_key)]
    pub n: u64,
    pub s: String,
    pub flag: bool,
    pub small: i8,
    pub big: u128,
    pub signed: i64,
    pub float: f64,
    pub bytes: Vec<u8>,
    pub list: Vec<String>,
    pub nested: Vec<Inner>,
    pub map: HashMap<String, i32>,
    pub bmap: BTreeMap<String, String>,
    pub ss: BTreeSet<String>,
    pub ns: BTreeSet<u64>,
    pub bs: BTreeSet<Vec<u8>>,
    pub opt: Option<String>,
    #[dyno(default)]
    pub defaulted: u32,
    pub inner: Inner,
    pub color: Color,
    pub number: Number,
    #[dyno(rename = "a.b #c")]
    pub renamed: Option<i16>,
    #[dyno(serde)]
    pub shape: Shape,
    #[dyno(sensitive)]
    pub secret: String,
    #[dyno(compress)]
    pub packed: Option<String>,
    #[dyno(compress = "lz4")]
    pub packed_bytes: Option<Vec<u8>>,
    #[dyno(compress = "gzip")]
    pub packed_gzip: Option<String>,
    #[dyno(serde, compress)]
    pub packed_shape: Option<Shape>,
    #[dyno(encrypt(key = "alias/fuzz"))]
    pub sealed: Option<String>,
    #[dyno(encrypt(key = "alias/fuzz", mode = "write_only"))]
    pub sealed_bytes: Option<Vec<u8>>,
}

/// The stored attribute names, so generated items hit real fields.
#[allow(dead_code)] // used by from_item only
pub const NAMES: &[&str] = &[
    "sealed",
    "sealed_bytes",
    "packed",
    "packed_bytes",
    "packed_gzip",
    "packed_shape",
    "id",
    "n",
    "s",
    "flag",
    "small",
    "big",
    "signed",
    "float",
    "bytes",
    "list",
    "nested",
    "map",
    "bmap",
    "ss",
    "ns",
    "bs",
    "opt",
    "defaulted",
    "inner",
    "color",
    "number",
    "a.b #c",
    "shape",
    "secret",
    "city",
    "zip",
];
