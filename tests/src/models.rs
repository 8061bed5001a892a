//! Models shared by the integration tests.

use dynox_core::prelude::*;
use dynox_core::Number;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The user of the API contract, without the version (smart save's issue).
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "users")]
pub struct User {
    #[dyno(partition_key)]
    pub pk: String,
    #[dyno(sort_key)]
    pub sk: String,
    pub name: String,
    pub email: Option<String>,
    #[dyno(default)]
    pub age: u32,
    #[dyno(rename = "st")]
    pub status: String,
    pub tags: BTreeSet<String>,
}

impl User {
    /// A user with the given key and name, other fields empty.
    pub fn new(pk: &str, sk: &str, name: &str) -> Self {
        User {
            pk: pk.into(),
            sk: sk.into(),
            name: name.into(),
            email: None,
            age: 0,
            status: "active".into(),
            tags: BTreeSet::new(),
        }
    }
}

/// A nested struct, stored as a map.
#[derive(DynoValue, Debug, Clone, PartialEq, Default)]
pub struct Address {
    pub city: String,
    #[dyno(rename = "zip_code")]
    pub zip: Option<String>,
}

/// A unit enum, stored as a string.
#[derive(DynoValue, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[dyno(rename_all = "snake_case")]
pub enum Color {
    Red,
    DarkBlue,
}

/// A data-carrying enum, which needs `#[dyno(serde)]`.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub enum Shape {
    Circle { radius: u32 },
    Label(String),
}

/// Every field type dynox maps, keyed by a number (partition) and bytes (sort).
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "all_types")]
pub struct AllTypes {
    #[dyno(partition_key)]
    pub id: u64,
    #[dyno(sort_key)]
    pub bin_key: Vec<u8>,
    pub s: String,
    pub empty_s: String,
    pub flag: bool,
    pub i8_: i8,
    pub i16_: i16,
    pub i32_: i32,
    pub i64_: i64,
    pub i128_: i128,
    pub isize_: isize,
    pub u8_: u8,
    pub u16_: u16,
    pub u32_: u32,
    pub u64_: u64,
    pub u128_: u128,
    pub usize_: usize,
    pub f32_: f32,
    pub f64_: f64,
    pub bytes_vec: Vec<u8>,
    pub bytes: bytes::Bytes,
    pub list_s: Vec<String>,
    pub list_n: Vec<i64>,
    pub list_nested: Vec<Address>,
    pub hmap: HashMap<String, i32>,
    pub bmap: BTreeMap<String, String>,
    pub ss: HashSet<String>,
    pub ns: BTreeSet<u64>,
    pub bs: BTreeSet<Vec<u8>>,
    pub empty_set: BTreeSet<String>,
    pub opt_some: Option<String>,
    pub opt_none: Option<String>,
    pub opt_n: Option<i64>,
    pub address: Address,
    pub color: Color,
    pub big: Number,
    #[dyno(serde)]
    pub shape: Shape,
    #[dyno(serde, default)]
    pub shapes: Vec<Shape>,
}

impl AllTypes {
    /// A value with every field filled, extremes included.
    pub fn sample(id: u64) -> Self {
        AllTypes {
            id,
            bin_key: vec![0, 1, 2, 255],
            s: "héllo \"wörld\" #:.".into(),
            empty_s: String::new(),
            flag: true,
            i8_: i8::MIN,
            i16_: i16::MIN,
            i32_: i32::MIN,
            i64_: i64::MIN,
            i128_: -170141183460469231731687303715884105,
            isize_: -42,
            u8_: u8::MAX,
            u16_: u16::MAX,
            u32_: u32::MAX,
            u64_: u64::MAX,
            u128_: 99999999999999999999999999999999999999,
            usize_: 7,
            f32_: 1.5,
            f64_: 0.1,
            bytes_vec: vec![0, 159, 146, 150],
            bytes: bytes::Bytes::from_static(b"\x00raw\xff"),
            list_s: vec!["a".into(), "b".into()],
            list_n: vec![1, -2, 3],
            list_nested: vec![Address {
                city: "Oslo".into(),
                zip: None,
            }],
            hmap: [("one".to_owned(), 1), ("two".to_owned(), 2)].into(),
            bmap: [("k".to_owned(), "v".to_owned())].into(),
            ss: ["x".to_owned(), "y".to_owned()].into(),
            ns: [1, 9007199254740993, u64::MAX].into(),
            bs: [vec![1u8], vec![2u8, 3]].into(),
            empty_set: BTreeSet::new(),
            opt_some: Some("here".into()),
            opt_none: None,
            opt_n: Some(-5),
            address: Address {
                city: "Paris".into(),
                zip: Some("75001".into()),
            },
            color: Color::DarkBlue,
            big: Number::new("12345678901234567890123456789012345678"),
            shape: Shape::Circle { radius: 3 },
            shapes: vec![Shape::Label("x".into())],
        }
    }
}

/// Attribute names that break naive expression builders: reserved words,
/// dots, `#`, `:`, spaces and non-ASCII.
#[derive(DynoModel, Debug, Clone, PartialEq, Default)]
#[dyno(table = "docs")]
pub struct Doc {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(rename = "name")]
    pub title: String,
    #[dyno(rename = "status")]
    pub state: Option<String>,
    #[dyno(rename = "a.b")]
    pub dotted: i64,
    #[dyno(rename = "#hash :colon")]
    pub weird: Option<u32>,
    #[dyno(rename = "ünï côdé")]
    pub unicode: String,
    pub counter: u64,
    pub tags: BTreeSet<String>,
    pub nums: BTreeSet<i64>,
    pub list: Vec<String>,
    pub attrs: HashMap<String, String>,
    pub address: Option<Address>,
    pub data: Vec<u8>,
    #[dyno(rename = "size")]
    pub amount: Option<f64>,
}

impl Doc {
    /// A document with every field set.
    pub fn sample(id: &str) -> Self {
        Doc {
            id: id.into(),
            title: "Report".into(),
            state: Some("pending".into()),
            dotted: 10,
            weird: Some(7),
            unicode: "ñ".into(),
            counter: 5,
            tags: ["red".to_owned(), "vip".to_owned()].into(),
            nums: [1, 2].into(),
            list: vec!["first".into(), "second".into()],
            attrs: [("city".to_owned(), "NYC".to_owned())].into(),
            address: Some(Address {
                city: "Lyon".into(),
                zip: Some("69001".into()),
            }),
            data: vec![1, 2, 3],
            amount: Some(2.5),
        }
    }
}

/// The profile of the smart-save guide: a few small fields and a large bio.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "profiles")]
pub struct Profile {
    #[dyno(partition_key)]
    pub pk: String,
    #[dyno(sort_key)]
    pub sk: String,
    pub name: String,
    pub email: Option<String>,
    pub bio: String,
    pub address: String,
    pub phone: String,
    pub company: String,
    pub logins: u64,
}

impl Profile {
    /// A profile whose bio has `bio_len` bytes.
    pub fn new(pk: &str, bio_len: usize) -> Self {
        Profile {
            pk: pk.into(),
            sk: "PROFILE".into(),
            name: "John Doe".into(),
            email: Some("john@example.com".into()),
            bio: "A".repeat(bio_len),
            address: "123 Main St, City, Country".into(),
            phone: "+1-555-0123".into(),
            company: "Acme Corp".into(),
            logins: 0,
        }
    }
}

/// A counter under optimistic locking.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "counters")]
pub struct Counter {
    #[dyno(partition_key)]
    pub id: String,
    pub count: u64,
    pub note: Option<String>,
    #[dyno(version)]
    pub version: u64,
}

/// A model with hooks that validate and count.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "hooked", hooks)]
pub struct Hooked {
    #[dyno(partition_key)]
    pub id: String,
    pub name: String,
    #[dyno(skip)]
    pub loaded: bool,
}

impl DynoHooks for Hooked {
    fn before_save(&mut self) -> Result<()> {
        if self.name.is_empty() {
            return Err(Error::Hook("name must not be empty".into()));
        }
        Ok(())
    }
    fn before_delete(&self) -> Result<()> {
        if self.name == "protected" {
            return Err(Error::Hook("protected items cannot be deleted".into()));
        }
        Ok(())
    }
    fn before_update(&mut self) -> Result<()> {
        self.before_save()
    }
    fn after_load(&mut self) -> Result<()> {
        self.loaded = true;
        Ok(())
    }
}

/// A model with a size limit and strongly consistent reads.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "limited", max_size = 1000, consistent_read)]
pub struct Limited {
    #[dyno(partition_key)]
    pub id: String,
    pub body: String,
}

/// Orders of a customer, with a global index by status (sorted by total), a
/// sparse global index by coupon, and a local index by total.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "orders")]
pub struct Order {
    #[dyno(partition_key)]
    pub customer: String,
    #[dyno(sort_key)]
    pub order_id: String,
    #[dyno(gsi = "by_status")]
    pub status: String,
    #[dyno(gsi_sort = "by_status", lsi = "by_total")]
    pub total: u64,
    #[dyno(gsi = "by-coupon")]
    pub coupon: Option<String>,
    pub body: String,
}

/// A read-only view of an order: only these attributes are fetched.
#[derive(DynoValue, Debug, Clone, PartialEq)]
pub struct OrderSummary {
    pub order_id: String,
    pub total: u64,
}

/// A session that expires: the TTL attribute holds epoch seconds (N).
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "sessions")]
pub struct Session {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(ttl)]
    pub expires: Option<std::time::SystemTime>,
}

/// Tickets with a keys-only index by owner and an index by state that also
/// copies the title.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "tickets",
    index(name = "by_owner", keys_only),
    index(name = "by_state", include = "title")
)]
pub struct Ticket {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(gsi = "by_owner")]
    pub owner: String,
    #[dyno(gsi = "by_state")]
    pub state: String,
    pub title: String,
    pub body: String,
}

/// What the keys-only index holds.
#[derive(DynoValue, Debug, Clone, PartialEq)]
pub struct TicketKeys {
    pub id: String,
    pub owner: String,
}

/// What the state index holds.
#[derive(DynoValue, Debug, Clone, PartialEq)]
pub struct TicketTitle {
    pub id: String,
    pub state: String,
    pub title: String,
}

/// A board of eight fields, each owned by one writer, and a shared hit
/// counter updated atomically: for the concurrency test.
#[derive(DynoModel, Debug, Clone, PartialEq, Default)]
#[dyno(table = "boards")]
pub struct Board {
    #[dyno(partition_key)]
    pub id: String,
    pub f0: u64,
    pub f1: u64,
    pub f2: u64,
    pub f3: u64,
    pub f4: u64,
    pub f5: u64,
    pub f6: u64,
    pub f7: u64,
    #[dyno(default)]
    pub hits: u64,
}

impl Board {
    /// The field writer `k` owns.
    pub fn field_mut(&mut self, k: usize) -> &mut u64 {
        match k % 8 {
            0 => &mut self.f0,
            1 => &mut self.f1,
            2 => &mut self.f2,
            3 => &mut self.f3,
            4 => &mut self.f4,
            5 => &mut self.f5,
            6 => &mut self.f6,
            _ => &mut self.f7,
        }
    }
}

/// An account with secrets: their values must never show in dynox's output.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "accounts")]
pub struct Account {
    #[dyno(partition_key)]
    pub id: String,
    pub name: String,
    #[dyno(sensitive)]
    pub password: String,
    #[dyno(sensitive)]
    pub pin: u32,
}

/// A reading keyed by an exact number, to write keys such as `1` and `1.0`
/// that DynamoDB holds equal.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "readings")]
pub struct Reading {
    #[dyno(partition_key)]
    pub sensor: dynox_core::Number,
    pub value: String,
}

/// Events keyed by time, in pydynox's timestamp text, with set fields that
/// pydynox stores as lists.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "events")]
pub struct Event {
    #[dyno(partition_key)]
    pub stream: String,
    #[dyno(sort_key)]
    pub at: dynox_core::timestamp::Isoformat,
    pub tags: std::collections::BTreeSet<String>,
    #[dyno(default)]
    pub codes: std::collections::BTreeSet<u32>,
}

/// Fields whose missing attributes read as the value of a function
/// (`#[dyno(default = "path")]`), as the models page's `default=` does.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "members")]
pub struct Member {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(default = "active")]
    pub status: String,
    #[dyno(default = "defaults::roles")]
    pub roles: Vec<String>,
    #[dyno(default)]
    pub visits: u32,
    #[dyno(serde, default = "defaults::settings")]
    pub settings: std::collections::BTreeMap<String, bool>,
}

/// The `default = "active"` of [`Member::status`].
pub fn active() -> String {
    "active".into()
}

/// Default values for [`Member`], reached by path.
pub mod defaults {
    /// Every member starts as a reader.
    pub fn roles() -> Vec<String> {
        vec!["reader".into()]
    }
    /// Notifications on.
    pub fn settings() -> std::collections::BTreeMap<String, bool> {
        [("notify".to_owned(), true)].into()
    }
}

/// A model whose hooks change what is stored, as the models page's hooks
/// do: `before_save` lower-cases the email and stamps `saves`;
/// `before_update` stamps `updates`. A value whose `note` is `"rekey"` has
/// its key changed by the hook, which must be refused.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "stamped", hooks)]
pub struct Stamped {
    #[dyno(partition_key)]
    pub id: String,
    pub email: String,
    pub note: String,
    #[dyno(default)]
    pub saves: u32,
    #[dyno(default)]
    pub updates: u32,
}

impl DynoHooks for Stamped {
    fn before_save(&mut self) -> Result<()> {
        self.email = self.email.to_lowercase();
        self.saves += 1;
        if self.note == "rekey" {
            self.id.push_str("-moved");
        }
        Ok(())
    }
    fn before_update(&mut self) -> Result<()> {
        self.updates += 1;
        Ok(())
    }
}

/// A user's profile in a single table (the differential sequences).
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "single", pk = "USER#{user}", sk = "PROFILE")]
pub struct ShopUser {
    pub user: String,
    pub name: String,
}

/// A user's order in the same table, with an index on its status (a
/// field that changes, so saves rewrite the index key).
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "single",
    pk = "USER#{user}",
    sk = "ORDER#{number}",
    gsi(name = "by_status", pk = "STATUS#{status}", sk = "ORDER#{number}")
)]
pub struct ShopOrder {
    pub user: String,
    pub number: u8,
    pub status: String,
    pub total: u32,
}

/// A user's items, read in one query.
#[derive(DynoCollection, Debug)]
pub enum ShopItems {
    Profile(ShopUser),
    Orders(ShopOrder),
}

/// A note with generated, compressed and encrypted fields (the
/// differential sequences): a write-once creation time, a time stamped on
/// every write, a body stored compressed when that is smaller, and a
/// secret encrypted under the tests' local key.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "notes")]
pub struct Note {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(compress)]
    pub body: String,
    #[dyno(serde, compress = "lz4")]
    pub lines: Vec<String>,
    #[dyno(write_once, generate = "rfc3339")]
    pub created_at: String,
    #[dyno(generate = "epoch_millis", on = "write")]
    pub updated_at: u64,
    #[dyno(encrypt(key = "alias/dynox-tests"))]
    pub secret: Option<String>,
}
