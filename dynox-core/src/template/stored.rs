//! Reading stored keys back: a stored key is split by its template, and a
//! placeholder's field missing from the item is read from the key.

use crate::{AttributeValue, Error, Item, Result};
use arrayvec::ArrayVec;

/// The most placeholders a template has (the derive refuses more).
pub(crate) const MAX_PARTS: usize = 8;

/// A key template, as the derive describes it for reading keys back.
#[derive(Debug)]
pub struct Template {
    /// The key attribute (`pk`, `sk`).
    pub attribute: &'static str,
    /// The template as written, for messages.
    pub text: &'static str,
    /// Its `#`-separated segments.
    pub segments: &'static [Segment],
}

/// A segment of a template.
#[derive(Debug)]
pub enum Segment {
    /// Fixed text.
    Text(&'static str),
    /// A placeholder.
    Part,
}

/// A stored key split by its template: the text of each placeholder.
#[derive(Debug)]
pub struct StoredKey {
    text: String,
    parts: ArrayVec<(usize, usize), MAX_PARTS>,
}

impl StoredKey {
    /// The key text of placeholder `i` (escaped, as stored).
    pub fn part(&self, i: usize) -> &str {
        self.parts
            .get(i)
            .map_or("", |&(start, end)| &self.text[start..end])
    }
}

pub(crate) fn key_error(table: &str, t: &Template, found: String) -> Error {
    Error::Deserialize {
        table: table.to_owned(),
        field: t.attribute.to_owned(),
        expected: format!("a key of the template `{}`", t.text),
        found,
    }
}

/// Takes the key attribute of template `t` out of `item`, split; `None`
/// when the item has no such attribute (a projection without it).
pub fn take_stored_key(item: &mut Item, table: &str, t: &Template) -> Result<Option<StoredKey>> {
    let text = match item.remove(t.attribute) {
        None => return Ok(None),
        Some(AttributeValue::S(s)) => s,
        Some(other) => {
            return Err(key_error(
                table,
                t,
                format!("{} instead of S", crate::value::type_name(&other)),
            ))
        }
    };
    let mut parts = ArrayVec::new();
    let mut pieces = text.split('#');
    let mut at = 0;
    for segment in t.segments {
        let Some(piece) = pieces.next() else {
            return Err(key_error(
                table,
                t,
                format!("S `{text}`, with too few segments"),
            ));
        };
        match segment {
            Segment::Text(fixed) if piece != *fixed => {
                return Err(key_error(
                    table,
                    t,
                    format!("S `{text}`, with `{piece}` where `{fixed}` belongs"),
                ))
            }
            Segment::Text(_) => {}
            Segment::Part => {
                if parts.try_push((at, at + piece.len())).is_err() {
                    return Err(key_error(
                        table,
                        t,
                        "a template of too many placeholders".into(),
                    ));
                }
            }
        }
        at += piece.len() + 1;
    }
    if pieces.next().is_some() {
        return Err(key_error(
            table,
            t,
            format!("S `{text}`, with too many segments"),
        ));
    }
    Ok(Some(StoredKey { text, parts }))
}

/// Takes the entity type attribute out of `item`: another entity's item
/// is an error; an item without one is read by its fields.
pub fn check_entity(item: &mut Item, table: &str, attribute: &str, entity: &str) -> Result<()> {
    match item.remove(attribute) {
        None => Ok(()),
        Some(AttributeValue::S(s)) if s == entity => Ok(()),
        Some(other) => Err(Error::Deserialize {
            table: table.to_owned(),
            field: attribute.to_owned(),
            expected: format!("entity type S `{entity}`"),
            found: match other {
                AttributeValue::S(s) => format!("S `{s}`, another entity type's item"),
                other => crate::value::type_name(&other).to_owned(),
            },
        }),
    }
}
