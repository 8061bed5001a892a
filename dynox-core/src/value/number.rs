//! Numbers: DynamoDB keeps up to 38 significant digits as decimal text, so
//! integers are converted through their decimal form, never through `f64`.

use super::{DynoValue, KeyType, KeyValue, ValueError};
use crate::AttributeValue;
use std::borrow::Cow;

/// A DynamoDB number kept as its exact decimal text, for values that no Rust
/// primitive holds (e.g. 38-digit decimals).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Number(String);

impl Number {
    /// Wraps decimal text; it is checked by DynamoDB when written.
    pub fn new(text: impl Into<String>) -> Self {
        Number(text.into())
    }

    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl DynoValue for Number {
    const DYNAMO_TYPE: &'static str = "N";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::N(self.0.clone()))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        match value {
            Some(AttributeValue::N(n)) => Ok(Number(n)),
            Some(other) => Err(ValueError::wrong_type("N", &other)),
            None => Err(ValueError::missing("N")),
        }
    }
}

impl KeyValue for Number {
    const KEY_TYPE: KeyType = KeyType::N;
}

/// Reads an integer exactly from DynamoDB's decimal text. Plain digits take the
/// fast path; forms such as `1.0` or `1E+2` (written by other tools) are
/// accepted when they denote an integer. Out of range is an error, never a wrap.
pub(crate) fn parse_integer<T: std::str::FromStr>(
    text: &str,
    type_name: &'static str,
) -> Result<T, ValueError> {
    if let Ok(v) = text.parse::<T>() {
        return Ok(v);
    }
    let expected = || Cow::Owned(format!("N holding a {type_name}"));
    match integer_digits(text) {
        Some(plain) => plain.parse::<T>().map_err(|_| {
            ValueError::custom(
                expected(),
                format!("N `{text}`, out of range for {type_name}"),
            )
        }),
        None => Err(ValueError::custom(
            expected(),
            format!("N `{text}`, not an integer"),
        )),
    }
}

/// The plain integer text of a decimal number that denotes an integer, or
/// `None` when it has a fractional part or is not a number.
fn integer_digits(text: &str) -> Option<String> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => ("-", &text[1..]),
        b'+' => ("", &text[1..]),
        _ => ("", text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i32>().ok()?),
        None => (rest, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !int_part
        .bytes()
        .chain(frac_part.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut digits: String = int_part.chars().chain(frac_part.chars()).collect();
    // the decimal point sits after `point` digits
    let point = int_part.len() as i64 + exponent as i64;
    if point < 0 {
        return digits.bytes().all(|b| b == b'0').then(|| "0".to_owned());
    }
    let point = point as usize;
    if point > 40 + digits.len() {
        // far beyond any primitive: report out of range via a long string
        return Some(format!("{sign}1{}", "0".repeat(40)));
    }
    if digits.len() < point {
        digits.extend(std::iter::repeat_n('0', point - digits.len()));
    }
    let (whole, fraction) = digits.split_at(point);
    if !fraction.bytes().all(|b| b == b'0') {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    Some(if whole.is_empty() {
        "0".to_owned()
    } else {
        format!("{sign}{whole}")
    })
}

macro_rules! integer_value {
    ($($t:ty),*) => {$(
        impl DynoValue for $t {
            const DYNAMO_TYPE: &'static str = "N";
            fn to_attribute_value(&self) -> Option<AttributeValue> {
                Some(AttributeValue::N(self.to_string()))
            }
            fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
                match value {
                    Some(AttributeValue::N(n)) => parse_integer(&n, stringify!($t)),
                    Some(other) => Err(ValueError::wrong_type("N", &other)),
                    None => Err(ValueError::missing("N")),
                }
            }
        }
        impl KeyValue for $t {
            const KEY_TYPE: KeyType = KeyType::N;
        }
    )*};
}

integer_value!(i8, i16, i32, i64, i128, isize, u16, u32, u64, u128, usize);

// `u8` is an integer like the others, except that a `Vec<u8>` is binary data
// (B), as every DynamoDB SDK stores it, not a list of numbers.
impl DynoValue for u8 {
    const DYNAMO_TYPE: &'static str = "N";
    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(AttributeValue::N(self.to_string()))
    }
    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        match value {
            Some(AttributeValue::N(n)) => parse_integer(&n, "u8"),
            Some(other) => Err(ValueError::wrong_type("N", &other)),
            None => Err(ValueError::missing("N")),
        }
    }
    fn __vec_to_attribute_value(items: &[Self]) -> Option<AttributeValue> {
        Some(AttributeValue::B(aws_smithy_types::Blob::new(
            items.to_vec(),
        )))
    }
    fn __vec_from_attribute_value(value: Option<AttributeValue>) -> Result<Vec<Self>, ValueError> {
        match value {
            Some(AttributeValue::B(b)) => Ok(b.into_inner()),
            Some(other) => Err(ValueError::wrong_type("B", &other)),
            // like a list, missing binary data reads as empty
            None => Ok(Vec::new()),
        }
    }
    fn __vec_from_json(json: &serde_json::Value) -> Result<Option<AttributeValue>, ValueError> {
        crate::json::binary_from_json(json)
    }
}

impl KeyValue for u8 {
    const KEY_TYPE: KeyType = KeyType::N;
}

/// Formats a float as DynamoDB number text: the shortest text that reads back
/// as the same value, in exponent form where plain digits would be long.
pub(crate) fn format_float(v: f64) -> String {
    let abs = v.abs();
    if abs != 0.0 && !(1e-7..1e21).contains(&abs) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

macro_rules! float_value {
    ($($t:ty),*) => {$(
        impl DynoValue for $t {
            const DYNAMO_TYPE: &'static str = "N";
            fn to_attribute_value(&self) -> Option<AttributeValue> {
                // NaN and infinities have no DynamoDB form; DynamoDB rejects
                // the text with a ValidationException, a clear typed error.
                Some(AttributeValue::N(format_float(*self as f64)))
            }
            fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
                match value {
                    Some(AttributeValue::N(n)) => n.parse::<$t>().map_err(|_| {
                        ValueError::custom(concat!("N holding a ", stringify!($t)), format!("N `{n}`"))
                    }),
                    Some(other) => Err(ValueError::wrong_type("N", &other)),
                    None => Err(ValueError::missing("N")),
                }
            }
        }
    )*};
}

float_value!(f32, f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_exact() {
        assert_eq!(
            parse_integer::<u64>("18446744073709551615", "u64"),
            Ok(u64::MAX)
        );
        assert_eq!(
            parse_integer::<i64>("-9007199254740993", "i64"),
            Ok(-9007199254740993)
        );
        assert_eq!(parse_integer::<u32>("1.0", "u32"), Ok(1));
        assert_eq!(parse_integer::<u32>("1E+2", "u32"), Ok(100));
        assert_eq!(parse_integer::<i32>("-2.50E1", "i32"), Ok(-25));
        assert_eq!(parse_integer::<u32>("0.000", "u32"), Ok(0));
    }

    #[test]
    fn out_of_range_and_fractions_are_errors() {
        let e = parse_integer::<u8>("300", "u8").unwrap_err();
        assert!(e.found.contains("out of range"), "{e}");
        let e = parse_integer::<u32>("-1", "u32").unwrap_err();
        assert!(e.found.contains("out of range"), "{e}");
        let e = parse_integer::<u32>("1.5", "u32").unwrap_err();
        assert!(e.found.contains("not an integer"), "{e}");
        let e = parse_integer::<u64>("1E+300", "u64").unwrap_err();
        assert!(e.found.contains("out of range"), "{e}");
        assert!(parse_integer::<u32>("abc", "u32").is_err());
    }

    #[test]
    fn floats_round_trip() {
        for v in [0.1, -2.5, 1e300, 1.5e-9, 123456.789, 0.0] {
            let text = format_float(v);
            assert_eq!(text.parse::<f64>().unwrap(), v, "{text}");
        }
    }
}
