//! How each placeholder type is written into a key and read back: text
//! whose byte order is the value's order, so that a sort key sorts as its
//! values do.

/// A value that can fill a placeholder of a key template: written as text
/// that sorts as the values do, and read back from it.
///
/// Implemented for `String` (with `%` and `#` escaped as `%25` and `%23`,
/// so a value never splits the key), the integer types (zero-padded to
/// the width of the type's largest value; see [`crate::template`]),
/// `chrono::NaiveDate` (`2026-11-26`) and `chrono::DateTime<Utc>` (RFC
/// 3339 with six fraction digits; feature `chrono`), `uuid::Uuid` (feature
/// `uuid`), and enums of unit variants that derive `DynoValue`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a placeholder of a key template",
    label = "this field is named in a key template",
    note = "placeholders take text that parses back and sorts like the value: `String`, integers, `chrono::NaiveDate`, `chrono::DateTime<Utc>`, `uuid::Uuid`, and unit enums that derive `DynoValue`"
)]
pub trait KeyPart: Sized {
    /// Appends the value's key text to `out`.
    fn write_key_part(&self, out: &mut String);
    /// Reads a value back from its key text; `None` when the text is not
    /// one this type writes.
    fn parse_key_part(text: &str) -> Option<Self>;
}

/// Appends `s` with `%` and `#` escaped, so that the separator found in a
/// stored key is always a separator.
pub(crate) fn escape(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.find(['%', '#']) {
        out.push_str(&rest[..at]);
        out.push_str(if rest.as_bytes()[at] == b'%' {
            "%25"
        } else {
            "%23"
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// The text `escape` wrote; `None` for a `%` not followed by `25` or `23`.
pub(crate) fn unescape(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3)?;
        out.push(match code {
            "25" => '%',
            "23" => '#',
            _ => return None,
        });
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    Some(out)
}

impl KeyPart for String {
    fn write_key_part(&self, out: &mut String) {
        escape(self, out);
    }
    fn parse_key_part(text: &str) -> Option<Self> {
        unescape(text)
    }
}

/// Digits only: `u64::from_str` would also take a leading `+`.
fn digits(text: &str) -> Option<&str> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

macro_rules! unsigned_part {
    ($($t:ty => $width:literal),*) => {$(
        impl KeyPart for $t {
            fn write_key_part(&self, out: &mut String) {
                use std::fmt::Write;
                let _ = write!(out, "{:0width$}", self, width = $width);
            }
            fn parse_key_part(text: &str) -> Option<Self> {
                digits(text)?.parse().ok()
            }
        }
    )*};
}

unsigned_part!(u8 => 3, u16 => 5, u32 => 10, u64 => 20, usize => 20);

// A negative number is `-` and its distance from the type's least value,
// padded: `-` sorts before the digits, and a larger distance is a larger
// number, so text order is number order across the sign.
macro_rules! signed_part {
    ($($t:ty, $u:ty => $width:literal),*) => {$(
        impl KeyPart for $t {
            fn write_key_part(&self, out: &mut String) {
                use std::fmt::Write;
                let _ = if *self < 0 {
                    write!(out, "-{:0width$}", self.abs_diff(<$t>::MIN), width = $width)
                } else {
                    write!(out, "{:0width$}", self, width = $width)
                };
            }
            fn parse_key_part(text: &str) -> Option<Self> {
                match text.strip_prefix('-') {
                    Some(distance) => {
                        let d: $u = digits(distance)?.parse().ok()?;
                        // a distance past the type's largest is not one it writes
                        <$t>::try_from(d).ok().map(|d| <$t>::MIN + d)
                    }
                    None => digits(text)?.parse().ok(),
                }
            }
        }
    )*};
}

signed_part!(i8, u8 => 3, i16, u16 => 5, i32, u32 => 10, i64, u64 => 19, isize, usize => 19);

#[cfg(feature = "chrono")]
impl KeyPart for chrono::NaiveDate {
    fn write_key_part(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = write!(out, "{}", self.format("%Y-%m-%d"));
    }
    fn parse_key_part(text: &str) -> Option<Self> {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }
}

#[cfg(feature = "chrono")]
impl KeyPart for chrono::DateTime<chrono::Utc> {
    fn write_key_part(&self, out: &mut String) {
        // a fixed number of fraction digits (`...:05Z` would sort after
        // `...:05.5Z`), and the precision the field is stored with, so a
        // loaded value writes the key it was stored under
        out.push_str(&self.to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
    }
    fn parse_key_part(text: &str) -> Option<Self> {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc))
    }
}

#[cfg(feature = "uuid")]
impl KeyPart for uuid::Uuid {
    fn write_key_part(&self, out: &mut String) {
        out.push_str(
            self.hyphenated()
                .encode_lower(&mut uuid::Uuid::encode_buffer()),
        );
    }
    fn parse_key_part(text: &str) -> Option<Self> {
        uuid::Uuid::try_parse(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<T: KeyPart>(v: T) -> String {
        let mut s = String::new();
        v.write_key_part(&mut s);
        s
    }

    #[test]
    fn the_separator_and_the_escape_round_trip() {
        for s in ["", "a", "#", "%", "a#b%c", "%23", "##%%", "é#ü"] {
            let t = text(s.to_owned());
            assert!(!t.contains('#'), "{t}");
            assert_eq!(String::parse_key_part(&t).as_deref(), Some(s));
        }
        assert_eq!(String::parse_key_part("%4"), None);
        assert_eq!(String::parse_key_part("%41"), None);
    }

    #[test]
    fn integers_sort_as_text_across_the_sign() {
        let values = [i64::MIN, i64::MIN + 1, -10, -9, -1, 0, 1, 9, 10, i64::MAX];
        let texts: Vec<String> = values.iter().map(|v| text(*v)).collect();
        let mut sorted = texts.clone();
        sorted.sort();
        assert_eq!(texts, sorted);
        for (v, t) in values.iter().zip(&texts) {
            assert_eq!(i64::parse_key_part(t), Some(*v), "{t}");
        }
        assert_eq!(text(9u32), "0000000009");
        assert_eq!(text(-1i8), "-127");
        assert_eq!(i8::parse_key_part("-128"), None, "out of range");
        assert_eq!(u8::parse_key_part("+1"), None);
        assert_eq!(u8::parse_key_part("256"), None);
    }
}
