//! Key identity for batches: DynamoDB refuses two requests for one key in one
//! batch, so batches find duplicates by the key attributes' values.

use crate::model::TableSchema;
use crate::{AttributeValue, Item};

/// One key attribute's value, hashable (keys are S, N or B).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Part {
    S(String),
    N(String),
    B(Vec<u8>),
    Missing,
    // not a valid key type: DynamoDB will reject it; keep it distinct
    Other(String),
}

/// The table and key values of one item or key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct KeyId {
    table: std::sync::Arc<str>,
    parts: [Part; 2],
}

fn part(item: &Item, name: Option<&str>) -> Part {
    match name.and_then(|n| item.get(n)) {
        None => Part::Missing,
        Some(AttributeValue::S(s)) => Part::S(s.clone()),
        Some(AttributeValue::N(n)) => Part::N(canonical_number(n)),
        Some(AttributeValue::B(b)) => Part::B(b.as_ref().to_vec()),
        Some(other) => Part::Other(format!("{other:?}")),
    }
}

/// A number's identity as DynamoDB compares numbers: `1`, `1.0`, `+1`,
/// `01` and `1e0` are one key. Digits without leading or trailing zeros and
/// the power of ten of the first one; text DynamoDB would reject stays as it
/// is (it fails there, with DynamoDB's message).
pub(crate) fn canonical_number(text: &str) -> String {
    let t = text.trim();
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => match t[i + 1..].parse::<i64>() {
            Ok(e) => (&t[..i], e),
            Err(_) => return text.to_owned(),
        },
        None => (t, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return text.to_owned();
    }
    let digits: String = int.chars().chain(frac.chars()).collect();
    let leading = digits.bytes().take_while(|&b| b == b'0').count();
    let significant = digits[leading..].trim_end_matches('0');
    if significant.is_empty() {
        return "0".to_owned();
    }
    // the power of ten of the first significant digit
    let power = exponent + int.len() as i64 - 1 - leading as i64;
    format!("{}{significant}e{power}", if negative { "-" } else { "" })
}

impl KeyId {
    /// The key of `item` (a whole item or just its key attributes) in `table`.
    pub(crate) fn of(table: &std::sync::Arc<str>, schema: &TableSchema, item: &Item) -> Self {
        KeyId {
            table: table.clone(),
            parts: [
                part(item, Some(schema.partition_key.name)),
                part(item, schema.sort_key.as_ref().map(|k| k.name)),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_number as c;

    #[test]
    fn numbers_dynamodb_holds_equal_have_one_identity() {
        for same in ["1", "1.0", "+1", "01", "1e0", "0.1e1", "10e-1", "1.000"] {
            assert_eq!(c(same), c("1"), "{same}");
        }
        for zero in ["0", "-0", "0.000", "0e5", "+0.0"] {
            assert_eq!(c(zero), "0", "{zero}");
        }
        assert_eq!(c("-2.50"), c("-25e-1"));
        assert_ne!(c("2"), c("-2"));
        assert_ne!(c("1"), c("10"));
        assert_ne!(c("0.01"), c("0.1"));
        assert_eq!(
            c("123456789012345678901234567890"),
            c("1.2345678901234567890123456789e29")
        );
        assert_eq!(c("abc"), "abc");
    }
}
