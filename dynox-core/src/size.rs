//! Item sizes by DynamoDB's rules, which bill capacity and enforce the 400 KB
//! limit: attribute names count, strings and binary by bytes, numbers by
//! significant digits, lists and maps with a small overhead per element.

use crate::{AttributeValue, Item};

/// DynamoDB's limit on one item, in bytes.
pub const MAX_ITEM_SIZE: usize = 400 * 1024;

/// The size of a number: one byte per two significant digits on each side of
/// the decimal point, one more, and one for a minus sign.
fn number_size(text: &str) -> usize {
    let text = text.trim();
    let negative = text.starts_with('-');
    let abs = text.trim_start_matches(['-', '+']);
    let (mantissa, exponent) = match abs.find(['e', 'E']) {
        Some(i) => (&abs[..i], abs[i + 1..].parse::<i64>().unwrap_or(0)),
        None => (abs, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
    let (Some(first), Some(last)) = (
        digits.iter().position(|d| *d != b'0'),
        digits.iter().rposition(|d| *d != b'0'),
    ) else {
        return 1; // zero
    };
    let significant = (last - first + 1) as i64;
    // significant digits before the decimal point
    let point = int_part.len() as i64 + exponent - first as i64;
    let int_digits = point.clamp(0, significant);
    let frac_digits = significant - int_digits;
    ((int_digits + 1) / 2 + (frac_digits + 1) / 2 + 1) as usize + usize::from(negative)
}

/// The size of one attribute value.
pub fn value_size(value: &AttributeValue) -> usize {
    match value {
        AttributeValue::S(s) => s.len(),
        AttributeValue::N(n) => number_size(n),
        AttributeValue::B(b) => b.as_ref().len(),
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::Ss(v) => v.iter().map(String::len).sum(),
        AttributeValue::Ns(v) => v.iter().map(|n| number_size(n)).sum(),
        AttributeValue::Bs(v) => v.iter().map(|b| b.as_ref().len()).sum(),
        AttributeValue::L(v) => 3 + v.len() + v.iter().map(value_size).sum::<usize>(),
        AttributeValue::M(m) => {
            3 + m
                .iter()
                .map(|(k, v)| k.len() + 1 + value_size(v))
                .sum::<usize>()
        }
        _ => 0,
    }
}

/// The size of an item: every attribute's name and value.
pub fn item_size(item: &Item) -> usize {
    item.iter().map(|(k, v)| k.len() + value_size(v)).sum()
}

/// Write units to put an item of `size` bytes: one per started kilobyte.
pub fn write_units(size: usize) -> f64 {
    size.div_ceil(1024).max(1) as f64
}

/// Read units to get an item of `size` bytes: one per started 4 KB, half that
/// when eventually consistent.
pub fn read_units(size: usize, consistent: bool) -> f64 {
    let units = size.div_ceil(4096).max(1) as f64;
    if consistent {
        units
    } else {
        units / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_by_significant_digits() {
        assert_eq!(number_size("0"), 1);
        assert_eq!(number_size("42"), 2);
        assert_eq!(number_size("-42"), 3);
        assert_eq!(number_size("100"), 2); // one significant digit
        assert_eq!(number_size("123"), 3);
        assert_eq!(number_size("1.5"), 3);
        assert_eq!(number_size("0.001"), 2);
        assert_eq!(number_size("1E+2"), 2);
        assert_eq!(number_size("18446744073709551615"), 11);
    }

    #[test]
    fn containers_have_overhead() {
        let l = AttributeValue::L(vec![
            AttributeValue::S("ab".into()),
            AttributeValue::Bool(true),
        ]);
        assert_eq!(value_size(&l), 3 + 2 + 2 + 1);
        let m = AttributeValue::M([("k".to_owned(), AttributeValue::S("v".into()))].into());
        assert_eq!(value_size(&m), 3 + 1 + 1 + 1);
        let item: Item = [("name".to_owned(), AttributeValue::S("John".into()))].into();
        assert_eq!(item_size(&item), 8);
        assert_eq!(write_units(1024), 1.0);
        assert_eq!(write_units(1025), 2.0);
        assert_eq!(read_units(4097, false), 1.0);
        assert_eq!(read_units(10, true), 1.0);
    }
}
