//! Timestamp text formats other than dynox's own, chosen per field by type.
//! Always available (chrono is a dependency of dynox-core either way); the
//! `chrono` feature adds chrono's own types as field types.
//!
//! A `chrono::DateTime<Utc>` field is stored as RFC 3339 text with six
//! fractional digits and a `Z` (`2026-01-15T10:30:00.123456Z`). Any RFC 3339
//! text reads back, whatever its offset; but a key is found only by its exact
//! text, so a table whose keys another library wrote needs that library's
//! format. [`Isoformat`] is the text of Python's `datetime.isoformat()` in
//! UTC, as pydynox and boto3 users write it.

use crate::value::{DynoValue, KeyType, KeyValue, ValueError};
use crate::AttributeValue;
use chrono::{DateTime, Utc};

/// A UTC time stored as Python's `datetime.isoformat()` writes it:
/// `2026-01-15T10:30:00.123456+00:00`, or `2026-01-15T10:30:00+00:00` when
/// the microseconds are 0. Use it for a field (a sort key above all) shared
/// with a table that pydynox wrote. The text still sorts in time order.
///
/// ```
/// # use dynox_core::timestamp::Isoformat;
/// # use dynox_core::DynoValue;
/// let t: Isoformat = "2026-01-15T10:30:00.123456Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap().into();
/// let stored = t.to_attribute_value().unwrap();
/// assert_eq!(stored.as_s().unwrap(), "2026-01-15T10:30:00.123456+00:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Isoformat(pub DateTime<Utc>);

impl Isoformat {
    /// The text as Python's `isoformat()` writes it (microsecond precision).
    pub fn to_text(&self) -> String {
        let format = if self.0.timestamp_subsec_micros() == 0 {
            "%Y-%m-%dT%H:%M:%S+00:00"
        } else {
            "%Y-%m-%dT%H:%M:%S%.6f+00:00"
        };
        self.0.format(format).to_string()
    }
}

impl From<DateTime<Utc>> for Isoformat {
    fn from(t: DateTime<Utc>) -> Self {
        Isoformat(t)
    }
}

impl From<Isoformat> for DateTime<Utc> {
    fn from(t: Isoformat) -> Self {
        t.0
    }
}

impl std::ops::Deref for Isoformat {
    type Target = DateTime<Utc>;
    fn deref(&self) -> &DateTime<Utc> {
        &self.0
    }
}

impl DynoValue for Isoformat {
    const DYNAMO_TYPE: &'static str = "S";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::S(self.to_text()))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        // any RFC 3339 offset reads back (`+00:00`, `Z`, ...)
        let text = match value {
            Some(AttributeValue::S(s)) => s,
            Some(other) => return Err(ValueError::wrong_type("S", &other)),
            None => return Err(ValueError::missing("S")),
        };
        DateTime::parse_from_rfc3339(&text)
            .map(|t| Isoformat(t.with_timezone(&Utc)))
            .map_err(|_| ValueError::custom("S holding an RFC 3339 time", format!("S `{text}`")))
    }
}

impl KeyValue for Isoformat {
    const KEY_TYPE: KeyType = KeyType::S;
}

// a plain `DateTime<Utc>` in a condition or query on an `Isoformat` field
// is rendered in the field's format
impl crate::FieldValue<Isoformat> for DateTime<Utc> {
    fn into_attribute_value(self) -> Option<AttributeValue> {
        Isoformat(self).to_attribute_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Isoformat {
        Isoformat(text.parse().expect("a time"))
    }

    #[test]
    fn writes_what_python_writes_and_reads_either_form() {
        assert_eq!(
            at("2026-01-15T10:30:00.123456Z").to_text(),
            "2026-01-15T10:30:00.123456+00:00"
        );
        assert_eq!(
            at("2026-01-15T10:30:00Z").to_text(),
            "2026-01-15T10:30:00+00:00"
        );
        for stored in [
            "2026-01-15T10:30:00.123456+00:00",
            "2026-01-15T10:30:00.123456Z",
        ] {
            let read = Isoformat::from_attribute_value(Some(AttributeValue::S(stored.into())));
            assert_eq!(read, Ok(at("2026-01-15T10:30:00.123456Z")));
        }
        // the text still sorts in time order
        let (a, b, c) = (
            at("2026-01-15T10:30:00Z"),
            at("2026-01-15T10:30:00.5Z"),
            at("2026-01-15T10:30:01Z"),
        );
        assert!(a.to_text() < b.to_text() && b.to_text() < c.to_text());
    }
}
