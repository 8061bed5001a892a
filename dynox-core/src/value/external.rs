//! Field types of other crates, behind cargo features of the same names.
//!
//! Timestamps are stored as RFC 3339 strings with a fixed number of
//! fractional digits and a `Z` offset, so they sort as text in time order
//! (and can be sort keys). Decimals and UUIDs keep their exact text.

#[allow(unused_imports)] // which ones are used depends on the features
use super::{DynoValue, KeyType, KeyValue, ValueError};
#[allow(unused_imports)]
use crate::AttributeValue;

#[allow(dead_code)] // used by every feature but none
fn text(value: Option<AttributeValue>, expected: &'static str) -> Result<String, ValueError> {
    match value {
        Some(AttributeValue::S(s)) => Ok(s),
        Some(other) => Err(ValueError::wrong_type(expected, &other)),
        None => Err(ValueError::missing(expected)),
    }
}

#[cfg(feature = "uuid")]
impl DynoValue for uuid::Uuid {
    const DYNAMO_TYPE: &'static str = "S";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::S(self.hyphenated().to_string()))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        let s = text(value, "S")?;
        uuid::Uuid::parse_str(&s)
            .map_err(|_| ValueError::custom("S holding a UUID", format!("S `{s}`")))
    }
}

#[cfg(feature = "uuid")]
impl KeyValue for uuid::Uuid {
    const KEY_TYPE: KeyType = KeyType::S;
}

#[cfg(feature = "chrono")]
impl DynoValue for chrono::DateTime<chrono::Utc> {
    const DYNAMO_TYPE: &'static str = "S";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::S(
            self.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        ))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        let s = text(value, "S")?;
        chrono::DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|_| ValueError::custom("S holding an RFC 3339 time", format!("S `{s}`")))
    }
}

#[cfg(feature = "chrono")]
impl KeyValue for chrono::DateTime<chrono::Utc> {
    const KEY_TYPE: KeyType = KeyType::S;
}

#[cfg(feature = "chrono")]
impl DynoValue for chrono::NaiveDate {
    const DYNAMO_TYPE: &'static str = "S";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::S(self.format("%Y-%m-%d").to_string()))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        let s = text(value, "S")?;
        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| ValueError::custom("S holding a date (YYYY-MM-DD)", format!("S `{s}`")))
    }
}

#[cfg(feature = "chrono")]
impl KeyValue for chrono::NaiveDate {
    const KEY_TYPE: KeyType = KeyType::S;
}

#[cfg(feature = "time")]
impl DynoValue for time::OffsetDateTime {
    const DYNAMO_TYPE: &'static str = "S";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        // fixed microsecond precision in UTC, so the text sorts in time order
        let utc = self.to_offset(time::UtcOffset::UTC);
        let format = time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        );
        utc.format(&format).ok().map(AttributeValue::S)
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        let s = text(value, "S")?;
        time::OffsetDateTime::parse(&s, &time::format_description::well_known::Rfc3339)
            .map_err(|_| ValueError::custom("S holding an RFC 3339 time", format!("S `{s}`")))
    }
}

#[cfg(feature = "time")]
impl KeyValue for time::OffsetDateTime {
    const KEY_TYPE: KeyType = KeyType::S;
}

#[cfg(feature = "rust_decimal")]
impl DynoValue for rust_decimal::Decimal {
    const DYNAMO_TYPE: &'static str = "N";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::N(self.normalize().to_string()))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        match value {
            Some(AttributeValue::N(n)) => n
                .parse::<rust_decimal::Decimal>()
                .or_else(|_| rust_decimal::Decimal::from_scientific(&n))
                .map_err(|_| {
                    ValueError::custom("N that fits a Decimal (28 digits)", format!("N `{n}`"))
                }),
            Some(other) => Err(ValueError::wrong_type("N", &other)),
            None => Err(ValueError::missing("N")),
        }
    }
}

#[cfg(feature = "rust_decimal")]
impl KeyValue for rust_decimal::Decimal {
    const KEY_TYPE: KeyType = KeyType::N;
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::*;

    #[allow(dead_code)]
    fn round_trip<T: DynoValue + PartialEq + std::fmt::Debug>(v: T) -> AttributeValue {
        let av = v.to_attribute_value().expect("stored");
        assert_eq!(
            T::from_attribute_value(Some(av.clone())).expect("reads back"),
            v
        );
        av
    }

    #[cfg(feature = "uuid")]
    #[test]
    fn uuids_are_strings() {
        let id = uuid::Uuid::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0);
        assert_eq!(
            round_trip(id),
            AttributeValue::S("12345678-9abc-def0-1234-56789abcdef0".into())
        );
        assert!(uuid::Uuid::from_attribute_value(Some(AttributeValue::S("nope".into()))).is_err());
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_times_sort_as_text() {
        use chrono::TimeZone;
        let a = chrono::Utc
            .with_ymd_and_hms(2024, 1, 2, 3, 4, 5)
            .single()
            .expect("valid");
        let b = a + chrono::Duration::milliseconds(500);
        let (ta, tb) = (round_trip(a), round_trip(b));
        assert_eq!(ta, AttributeValue::S("2024-01-02T03:04:05.000000Z".into()));
        assert!(ta.as_s().expect("S") < tb.as_s().expect("S"));
        let d = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).expect("valid");
        assert_eq!(round_trip(d), AttributeValue::S("2024-02-29".into()));
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_offsets_are_stored_in_utc() {
        let t = time::macros::datetime!(2024-01-02 03:04:05.25 +02:00);
        let av = round_trip(t);
        assert_eq!(av, AttributeValue::S("2024-01-02T01:04:05.250000Z".into()));
    }

    #[cfg(feature = "rust_decimal")]
    #[test]
    fn decimals_keep_their_digits() {
        let d: rust_decimal::Decimal = "1234567890.0123456789".parse().expect("valid");
        assert_eq!(
            round_trip(d),
            AttributeValue::N("1234567890.0123456789".into())
        );
        let from_sci =
            rust_decimal::Decimal::from_attribute_value(Some(AttributeValue::N("1.5E+3".into())));
        assert_eq!(from_sci.expect("reads"), rust_decimal::Decimal::from(1500));
    }
}
