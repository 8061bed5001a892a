//! Keeping stored values out of dynox's `Debug` output and error messages.
//!
//! Items in errors (the stored item of a failed condition, unprocessed batch
//! requests, cancellation reasons) are shown by their shape: attribute names
//! and types, no values, so nothing stored, sensitive or not, reaches a log
//! through an error's `Debug`. The program reads the values from the fields.
//! `Tracked` shows the attributes of a model with `#[dyno(sensitive)]`
//! fields with those values replaced.

use crate::{AttributeValue, Error, Item};
use std::fmt;

/// The stored type of a value, with its size where that says something.
fn shape(v: &AttributeValue) -> String {
    match v {
        AttributeValue::S(s) => format!("S({} bytes)", s.len()),
        AttributeValue::N(_) => "N".to_owned(),
        AttributeValue::B(b) => format!("B({} bytes)", b.as_ref().len()),
        AttributeValue::Bool(_) => "BOOL".to_owned(),
        AttributeValue::Null(_) => "NULL".to_owned(),
        AttributeValue::Ss(v) => format!("SS({} members)", v.len()),
        AttributeValue::Ns(v) => format!("NS({} members)", v.len()),
        AttributeValue::Bs(v) => format!("BS({} members)", v.len()),
        AttributeValue::L(v) => format!("L({} elements)", v.len()),
        AttributeValue::M(m) => format!("M({} attributes)", m.len()),
        _ => "unknown".to_owned(),
    }
}

/// An item shown as its attribute names and types, sorted by name.
pub(crate) struct Shape<'a>(pub(crate) &'a Item);

impl fmt::Debug for Shape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&String> = self.0.keys().collect();
        names.sort();
        f.debug_map()
            .entries(names.into_iter().map(|n| (n, Raw(shape(&self.0[n])))))
            .finish()
    }
}

/// An optional boxed item (the field type of failed-condition errors), by shape.
pub(crate) struct MaybeShape<'a>(pub(crate) &'a Option<Box<Item>>);

impl fmt::Debug for MaybeShape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(item) => f.debug_tuple("Some").field(&Shape(item)).finish(),
            None => f.write_str("None"),
        }
    }
}

/// An item with the values of `sensitive` attributes replaced.
pub(crate) struct Redacted<'a> {
    pub(crate) item: &'a Item,
    pub(crate) sensitive: &'a [&'a str],
}

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&String> = self.item.keys().collect();
        names.sort();
        let mut map = f.debug_map();
        for n in names {
            if self.sensitive.contains(&n.as_str()) {
                map.entry(n, &Raw("<redacted>".to_owned()));
            } else {
                map.entry(n, &self.item[n]);
            }
        }
        map.finish()
    }
}

/// A string printed as it is (no quotes).
struct Raw(String);

impl fmt::Debug for Raw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A read failure of a sensitive field: `found` keeps the stored type (the
/// text up to the first space or backtick), never the value.
pub(crate) fn hide_found(e: Error) -> Error {
    match e {
        Error::Deserialize {
            table,
            field,
            expected,
            found,
        } => {
            let kind: String = found.split([' ', '`', ',']).next().unwrap_or("").to_owned();
            Error::Deserialize {
                table,
                field,
                expected,
                found: format!("{kind} (value hidden: sensitive field)"),
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_show_no_values() {
        let item: Item = [
            ("password".to_owned(), AttributeValue::S("hunter2".into())),
            ("n".to_owned(), AttributeValue::N("42".into())),
        ]
        .into();
        let shown = format!("{:?}", Shape(&item));
        assert_eq!(shown, r#"{"n": N, "password": S(7 bytes)}"#);
        let shown = format!(
            "{:?}",
            Redacted {
                item: &item,
                sensitive: &["password"]
            }
        );
        assert!(
            !shown.contains("hunter2") && shown.contains("42"),
            "{shown}"
        );
    }

    #[test]
    fn hidden_found_keeps_the_type() {
        let e = Error::Deserialize {
            table: "t".into(),
            field: "pin".into(),
            expected: "N".into(),
            found: "N `123456789012`, out of range".into(),
        };
        let shown = format!("{:?} {}", hide_found(e), "");
        assert!(!shown.contains("123456789012"), "{shown}");
        assert!(shown.contains("N (value hidden"), "{shown}");
    }
}
