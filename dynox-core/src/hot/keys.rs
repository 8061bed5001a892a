//! Which partition keys a request touched, read off the rendered request
//! with the partition key names the client learned from its models.

use crate::transport::Request;
use crate::{AttributeValue, Item};
use arrayvec::ArrayString;

/// The partition key attribute of each table (full name), as the models
/// used through the client declare it. A table is known by its place in
/// the list, which only grows: records carry a number, not a name. A list,
/// because a client uses a few tables, and comparing their names is
/// cheaper than hashing one.
pub(crate) type KeyNames = Vec<(String, &'static str)>;

/// Key text up to this many bytes is kept inline (ids, emails, numbers).
const INLINE: usize = 48;

/// A partition key's value as text, inline when short, so that reading
/// the keys of a request allocates nothing for nearly every key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum KeyText {
    Inline(ArrayString<INLINE>),
    Heap(String),
}

impl KeyText {
    fn new(s: &str) -> Self {
        ArrayString::from(s).map_or_else(|_| KeyText::Heap(s.to_owned()), KeyText::Inline)
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            KeyText::Inline(s) => s,
            KeyText::Heap(s) => s,
        }
    }
}

/// The partition keys of one request, each with its table's place in
/// the [`KeyNames`]: most requests name one, kept without a list.
#[derive(Debug, Default)]
pub(crate) enum Keys {
    #[default]
    None,
    One(usize, KeyText),
    Many(Vec<(usize, KeyText)>),
}

impl Keys {
    fn push(&mut self, table: usize, key: KeyText) {
        *self = match std::mem::take(self) {
            Keys::None => Keys::One(table, key),
            Keys::One(t, k) => Keys::Many(vec![(t, k), (table, key)]),
            Keys::Many(mut v) => {
                v.push((table, key));
                Keys::Many(v)
            }
        };
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Keys::None => 0,
            Keys::One(..) => 1,
            Keys::Many(v) => v.len(),
        }
    }

    /// The keys, in order, with no list made for one.
    pub(crate) fn into_iter(self) -> impl Iterator<Item = (usize, KeyText)> {
        let (one, many) = match self {
            Keys::None => (None, Vec::new()),
            Keys::One(t, k) => (Some((t, k)), Vec::new()),
            Keys::Many(v) => (None, v),
        };
        one.into_iter().chain(many)
    }
}

fn lookup(names: &KeyNames, table: &str) -> Option<(&'static str, usize)> {
    names
        .iter()
        .position(|(t, _)| t == table)
        .map(|i| (names[i].1, i))
}

/// `(table, partition key value)` of every item `request` names. Queries
/// count when they read the table itself (an index's partition is another
/// key); scans, PartiQL and table operations name no partition.
pub(crate) fn partition_keys(request: &Request, names: &KeyNames) -> Keys {
    let mut out = Keys::None;
    let mut push = |table: &str, item: Option<&Item>| {
        if let (Some((pk, index)), Some(item)) = (lookup(names, table), item) {
            if let Some(v) = item.get(pk) {
                out.push(index, text(v));
            }
        }
    };
    match request {
        Request::GetItem(i) => push(i.table_name().unwrap_or_default(), i.key.as_ref()),
        Request::PutItem(i) => push(i.table_name().unwrap_or_default(), i.item.as_ref()),
        Request::UpdateItem(i) => push(i.table_name().unwrap_or_default(), i.key.as_ref()),
        Request::DeleteItem(i) => push(i.table_name().unwrap_or_default(), i.key.as_ref()),
        Request::Query(i) if i.index_name.is_none() => {
            let table = i.table_name().unwrap_or_default();
            if let Some((pk, index)) = lookup(names, table) {
                if let Some(v) = query_partition(i, Some(pk)) {
                    out.push(index, text(v));
                }
            }
        }
        Request::BatchGetItem(i) => {
            for (table, keys) in i.request_items.iter().flatten() {
                for key in &keys.keys {
                    push(table, Some(key));
                }
            }
        }
        Request::BatchWriteItem(i) => {
            for (table, writes) in i.request_items.iter().flatten() {
                for w in writes {
                    push(table, w.put_request.as_ref().map(|p| &p.item));
                    push(table, w.delete_request.as_ref().map(|d| &d.key));
                }
            }
        }
        Request::TransactWriteItems(i) => {
            for t in i.transact_items.iter().flatten() {
                if let Some(p) = &t.put {
                    push(&p.table_name, Some(&p.item));
                }
                if let Some(u) = &t.update {
                    push(&u.table_name, Some(&u.key));
                }
                if let Some(d) = &t.delete {
                    push(&d.table_name, Some(&d.key));
                }
                if let Some(c) = &t.condition_check {
                    push(&c.table_name, Some(&c.key));
                }
            }
        }
        Request::TransactGetItems(i) => {
            for t in i.transact_items.iter().flatten() {
                if let Some(g) = &t.get {
                    push(&g.table_name, Some(&g.key));
                }
            }
        }
        _ => {}
    }
    out
}

/// The partition key value of a query of the table: dynox renders the
/// partition key's equality first (`#n = :v AND ...`).
fn query_partition<'a>(
    i: &'a aws_sdk_dynamodb::operation::query::QueryInput,
    pk: Option<&str>,
) -> Option<&'a AttributeValue> {
    let mut words = i.key_condition_expression.as_deref()?.split_whitespace();
    let (name, eq, value) = (words.next()?, words.next()?, words.next()?);
    let attribute = i.expression_attribute_names.as_ref()?.get(name)?;
    (eq == "=" && Some(attribute.as_str()) == pk)
        .then(|| i.expression_attribute_values.as_ref()?.get(value))
        .flatten()
}

/// A key value as text: strings and numbers as they are, binary in base64.
fn text(v: &AttributeValue) -> KeyText {
    match v {
        AttributeValue::S(s) | AttributeValue::N(s) => KeyText::new(s),
        AttributeValue::B(b) => KeyText::Heap(aws_smithy_types::base64::encode(b.as_ref())),
        other => KeyText::Heap(format!("{other:?}")),
    }
}
