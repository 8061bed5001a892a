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

/// A type that can be a TTL attribute: DynamoDB expects epoch seconds (N).
#[diagnostic::on_unimplemented(
    message = "`#[dyno(ttl)]` needs a time stored as epoch seconds, not `{Self}`",
    note = "use an integer of epoch seconds (`i64`/`u64`), optionally wrapped in `Option`"
)]
pub trait TtlValue {}

impl TtlValue for i64 {}
impl TtlValue for u64 {}
impl TtlValue for u32 {}
impl TtlValue for i32 {}
impl<T: TtlValue> TtlValue for Option<T> {}
