//! Field types allowed for `#[dyno(version)]` and `#[dyno(ttl)]`.

/// An integer type that can hold an optimistic-locking version.
#[diagnostic::on_unimplemented(
    message = "`#[dyno(version)]` needs an unsigned or signed integer field, not `{Self}`",
    note = "declare the version field as `u64` (or another integer type)"
)]
pub trait VersionValue: Copy {
    /// As a `u64` (negative values read as 0).
    fn to_version(self) -> u64;
    /// From a `u64`, saturating at the type's maximum.
    fn from_version(v: u64) -> Self;
}

macro_rules! version_value {
    ($($t:ty),*) => {$(
        impl VersionValue for $t {
            fn to_version(self) -> u64 {
                u64::try_from(self).unwrap_or(0)
            }
            fn from_version(v: u64) -> Self {
                <$t>::try_from(v).unwrap_or(<$t>::MAX)
            }
        }
    )*};
}

version_value!(u8, u16, u32, u64, usize, i16, i32, i64, isize);

/// A type that can be a TTL attribute. DynamoDB expires an item when the
/// attribute holds a number of epoch seconds in the past, so a TTL field is
/// always stored as N: integers as they are, timestamps converted.
#[diagnostic::on_unimplemented(
    message = "`#[dyno(ttl)]` needs a time stored as epoch seconds, not `{Self}`",
    note = "use an integer of epoch seconds (`i64`/`u64`), `std::time::SystemTime`, or a chrono/time timestamp, optionally in an `Option`"
)]
pub trait TtlValue: Sized {
    /// Epoch seconds, or `None` for no expiry (the attribute is left out).
    fn to_epoch_seconds(&self) -> Option<i64>;
    /// From epoch seconds.
    fn from_epoch_seconds(seconds: i64) -> Option<Self>;
    /// The value when the item has no TTL attribute.
    fn missing() -> Option<Self> {
        None
    }
}

macro_rules! ttl_integer {
    ($($t:ty),*) => {$(
        impl TtlValue for $t {
            fn to_epoch_seconds(&self) -> Option<i64> {
                i64::try_from(*self).ok()
            }
            fn from_epoch_seconds(seconds: i64) -> Option<Self> {
                <$t>::try_from(seconds).ok()
            }
        }
    )*};
}

ttl_integer!(i64, u64, i32, u32);

impl TtlValue for std::time::SystemTime {
    fn to_epoch_seconds(&self) -> Option<i64> {
        match self.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).ok(),
            Err(e) => i64::try_from(e.duration().as_secs()).ok().map(|s| -s),
        }
    }
    fn from_epoch_seconds(seconds: i64) -> Option<Self> {
        let d = std::time::Duration::from_secs(seconds.unsigned_abs());
        if seconds >= 0 {
            std::time::UNIX_EPOCH.checked_add(d)
        } else {
            std::time::UNIX_EPOCH.checked_sub(d)
        }
    }
}

#[cfg(feature = "chrono")]
impl TtlValue for chrono::DateTime<chrono::Utc> {
    fn to_epoch_seconds(&self) -> Option<i64> {
        Some(self.timestamp())
    }
    fn from_epoch_seconds(seconds: i64) -> Option<Self> {
        chrono::DateTime::from_timestamp(seconds, 0)
    }
}

#[cfg(feature = "time")]
impl TtlValue for time::OffsetDateTime {
    fn to_epoch_seconds(&self) -> Option<i64> {
        Some(self.unix_timestamp())
    }
    fn from_epoch_seconds(seconds: i64) -> Option<Self> {
        time::OffsetDateTime::from_unix_timestamp(seconds).ok()
    }
}

impl<T: TtlValue> TtlValue for Option<T> {
    fn to_epoch_seconds(&self) -> Option<i64> {
        self.as_ref().and_then(T::to_epoch_seconds)
    }
    fn from_epoch_seconds(seconds: i64) -> Option<Self> {
        Some(T::from_epoch_seconds(seconds))
    }
    fn missing() -> Option<Self> {
        Some(None)
    }
}
