//! Generated field values: ids and timestamps that dynox makes when an
//! item is written, from maintained crates (`uuid`, `ulid`, `svix-ksuid`,
//! `chrono`), never from a hand-written generator.
//!
//! ```
//! # use dynox_core::prelude::*;
//! #[derive(DynoModel, Debug, Clone, PartialEq)]
//! #[dyno(table = "posts")]
//! pub struct Post {
//!     #[dyno(partition_key, generate = "uuid_v7")]
//!     pub id: String,
//!     pub title: String,
//!     #[dyno(generate = "rfc3339")]
//!     pub created_at: String,
//!     #[dyno(generate = "epoch_millis", on = "write")]
//!     pub updated_at: u64,
//! }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! let db = Dynox::memory_with::<(Post,)>();
//! let mut post = Tracked::new(Post {
//!     id: String::new(),
//!     title: "Hello".into(),
//!     created_at: String::new(),
//!     updated_at: 0,
//! });
//! post.save(&db).await?;
//! // filled on the first save, and seen by the caller
//! assert_eq!(post.id.len(), 36);
//! let (created, first) = (post.created_at.clone(), post.updated_at);
//!
//! post.title = "Hello again".into();
//! post.save(&db).await?;
//! assert_eq!(post.created_at, created, "made once");
//! assert!(post.updated_at >= first, "stamped on every write");
//! # Ok(())
//! # }
//! ```
//!
//! `#[dyno(generate = "...")]` on a field names a strategy: `uuid_v4`,
//! `uuid_v7` (`String` or, with the feature `uuid`, `uuid::Uuid`), `ulid`
//! and `ksuid` (`String`), `epoch_seconds` and `epoch_millis` (`i64`,
//! `u64`), `rfc3339` (`String`, milliseconds and `Z`, or with the feature
//! `chrono`, `chrono::DateTime<Utc>`); each also as an `Option` of those.
//! A strategy that cannot make the field's type does not compile.
//!
//! By default the value is made when an item is first written and the
//! field holds its empty value (an empty string, a nil UUID, zero, the Unix
//! epoch, `None`): so a key can be generated, and a value the caller set
//! is kept. `on = "write"` makes it on every write instead (`updated_at`):
//! every save, smart save, update and batch or transaction put; a smart
//! save of a clean value still sends nothing.
//!
//! A `Tracked` value gets the values it is saved with, so the caller sees
//! them. A save of a borrowed value (`value.save(&db)`, a batch or a
//! transaction put) cannot change it: the stored item has the generated
//! values, the caller's value does not. Call
//! [`fill_generated`](crate::ModelExt::fill_generated) first to keep them,
//! and to retry a save with the same ids.

use crate::AttributeValue;

/// Strategies, as types: what `generate = "..."` names.
pub mod strategy {
    /// A random UUID (version 4).
    #[derive(Debug)]
    pub enum UuidV4 {}
    /// A time-ordered UUID (version 7): sorts by creation time.
    #[derive(Debug)]
    pub enum UuidV7 {}
    /// A ULID: 26 characters, sorts by creation time.
    #[derive(Debug)]
    pub enum Ulid {}
    /// A KSUID: 27 characters, sorts by creation second.
    #[derive(Debug)]
    pub enum Ksuid {}
    /// Seconds since the Unix epoch.
    #[derive(Debug)]
    pub enum EpochSeconds {}
    /// Milliseconds since the Unix epoch.
    #[derive(Debug)]
    pub enum EpochMillis {}
    /// The time now, RFC 3339 in UTC.
    #[derive(Debug)]
    pub enum Rfc3339 {}
}

use strategy::*;

/// A strategy that makes values of type `T`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot generate a `{T}`",
    label = "this strategy makes another type",
    note = "uuid_v4, uuid_v7: String or uuid::Uuid; ulid, ksuid: String; epoch_seconds, epoch_millis: i64 or u64; rfc3339: String or chrono::DateTime<Utc>; any of them as an Option"
)]
pub trait Generates<T> {
    /// A new value.
    fn generate() -> T;
    /// Whether `value` is the empty value a first write fills.
    fn is_empty(value: &T) -> bool;
}

impl<S: Generates<T>, T> Generates<Option<T>> for S {
    fn generate() -> Option<T> {
        Some(S::generate())
    }
    fn is_empty(value: &Option<T>) -> bool {
        value.is_none()
    }
}

macro_rules! text_ids {
    ($($strategy:ty => $make:expr;)*) => {$(
        impl Generates<String> for $strategy {
            fn generate() -> String {
                $make
            }
            fn is_empty(value: &String) -> bool {
                value.is_empty()
            }
        }
    )*};
}

text_ids! {
    UuidV4 => uuid::Uuid::new_v4().hyphenated().to_string();
    UuidV7 => uuid::Uuid::now_v7().hyphenated().to_string();
    Ulid => ulid::Ulid::new().to_string();
    Ksuid => {
        use svix_ksuid::KsuidLike;
        svix_ksuid::Ksuid::new(None, None).to_string()
    };
    Rfc3339 => now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
}

#[cfg(feature = "uuid")]
macro_rules! uuids {
    ($($strategy:ty => $make:expr;)*) => {$(
        impl Generates<uuid::Uuid> for $strategy {
            fn generate() -> uuid::Uuid {
                $make
            }
            fn is_empty(value: &uuid::Uuid) -> bool {
                value.is_nil()
            }
        }
    )*};
}

#[cfg(feature = "uuid")]
uuids! {
    UuidV4 => uuid::Uuid::new_v4();
    UuidV7 => uuid::Uuid::now_v7();
}

/// The time now (chrono without its `clock` feature reads it through std).
fn now() -> chrono::DateTime<chrono::Utc> {
    std::time::SystemTime::now().into()
}

/// Time since the Unix epoch (zero for a clock set before it).
fn since_epoch() -> std::time::Duration {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
}

macro_rules! epochs {
    ($($strategy:ty, $t:ty => $unit:ident;)*) => {$(
        impl Generates<$t> for $strategy {
            fn generate() -> $t {
                <$t>::try_from(since_epoch().$unit()).unwrap_or(<$t>::MAX)
            }
            fn is_empty(value: &$t) -> bool {
                *value == 0
            }
        }
    )*};
}

epochs! {
    EpochSeconds, i64 => as_secs;
    EpochSeconds, u64 => as_secs;
    EpochMillis, i64 => as_millis;
    EpochMillis, u64 => as_millis;
}

#[cfg(feature = "chrono")]
impl Generates<chrono::DateTime<chrono::Utc>> for Rfc3339 {
    fn generate() -> chrono::DateTime<chrono::Utc> {
        // the precision the field is stored with, so the value kept and
        // the value stored are one
        use chrono::SubsecRound;
        now().trunc_subsecs(6)
    }
    fn is_empty(value: &chrono::DateTime<chrono::Utc>) -> bool {
        *value == chrono::DateTime::<chrono::Utc>::UNIX_EPOCH
    }
}

/// The values of a borrowed value's generated fields for a whole-item
/// write (a first write, as far as dynox knows): a copy with them filled
/// when the model has any, `None` when it has none.
pub(crate) fn filled_copy<M: crate::DynoModel>(value: &M) -> crate::Result<Option<M>> {
    if !M::GENERATES {
        return Ok(None);
    }
    let mut copy = M::from_item(value.to_item())?;
    copy.__generate(true);
    Ok(Some(copy))
}

/// Sets the fields made on every write, in an update that does not set
/// them itself.
pub(crate) fn stamp_update<M: crate::DynoModel>(
    actions: &mut crate::ops::update_expr::UpdateActions,
) {
    if !M::GENERATES {
        return;
    }
    let mut stamps: Vec<(&'static str, Option<AttributeValue>)> = Vec::new();
    M::__write_stamps(&mut stamps);
    for (attribute, value) in stamps {
        if !actions.touches(attribute) {
            actions.set(crate::condition::RawPath::attribute(attribute), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_strategy_makes_its_shape() {
        let v4 = <UuidV4 as Generates<String>>::generate();
        assert_eq!((v4.len(), &v4[14..15]), (36, "4"));
        let v7 = <UuidV7 as Generates<String>>::generate();
        assert_eq!(&v7[14..15], "7");
        assert_eq!(<Ulid as Generates<String>>::generate().len(), 26);
        assert_eq!(<Ksuid as Generates<String>>::generate().len(), 27);
        let ms = <EpochMillis as Generates<u64>>::generate();
        let s = <EpochSeconds as Generates<i64>>::generate();
        assert!(ms / 1000 >= s as u64 && s > 1_700_000_000);
        assert!(<Rfc3339 as Generates<String>>::generate().ends_with('Z'));
        assert!(<UuidV4 as Generates<Option<String>>>::is_empty(&None));
        assert_ne!(v4, <UuidV4 as Generates<String>>::generate());
    }
}
