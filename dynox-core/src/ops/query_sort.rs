//! Sort conditions of a templated sort key, by the leading values of its
//! placeholders. Each stays inside the template's fixed prefix, so a
//! range never reaches another entity type's items.

use super::query::{Query, SortCondition};
use crate::template::{after_prefix, SortPrefix, SortTemplate};
use crate::{AttributeValue, DynoModel};

/// The text of `values` and whether they fill the whole template.
fn text<K: SortTemplate>(values: impl SortPrefix<K>) -> (String, bool) {
    let mut s = String::with_capacity(64);
    let complete = values.write_sort_prefix(&mut s);
    (s, complete)
}

/// The largest key text among those that start with `values`.
fn upper<K: SortTemplate>(values: impl SortPrefix<K>) -> String {
    match text(values) {
        (s, true) => s,
        (s, false) => after_prefix(&s),
    }
}

/// The bound past every key of the template (which has a fixed prefix).
fn template_end<K: SortTemplate>() -> String {
    after_prefix(K::SORT_PREFIX)
}

impl<'a, M: DynoModel, K: SortTemplate, O: Send + 'a, On> Query<'a, M, K, O, On> {
    /// Items whose sort key starts with these values: the first
    /// placeholder's value, or a tuple of the first ones. All of them
    /// select the one item.
    pub fn sort_prefix(self, values: impl SortPrefix<K>) -> Self {
        let sort = match text(values) {
            (s, true) => SortCondition::Compare("=", AttributeValue::S(s)),
            (s, false) => SortCondition::BeginsWith(AttributeValue::S(s)),
        };
        self.with_sort(sort)
    }

    /// Items from `low` to `high`, both included with everything under
    /// them: `sort_between(day(1), day(3))` is every order of the three days.
    pub fn sort_between(self, low: impl SortPrefix<K>, high: impl SortPrefix<K>) -> Self {
        let low = AttributeValue::S(text(low).0);
        self.with_sort(SortCondition::Between(low, AttributeValue::S(upper(high))))
    }

    /// Items from `low` on (included), to the template's last.
    pub fn sort_from(self, low: impl SortPrefix<K>) -> Self {
        let low = AttributeValue::S(text(low).0);
        if K::SORT_PREFIX.is_empty() {
            return self.with_sort(SortCondition::Compare(">=", low));
        }
        self.with_sort(SortCondition::Between(
            low,
            AttributeValue::S(template_end::<K>()),
        ))
    }

    /// Items from the template's first to `high`, included with everything
    /// under it.
    pub fn sort_to(self, high: impl SortPrefix<K>) -> Self {
        let high = AttributeValue::S(upper(high));
        if K::SORT_PREFIX.is_empty() {
            // DynamoDB refuses an empty key value
            return self.with_sort(SortCondition::Compare("<=", high));
        }
        self.with_sort(SortCondition::Between(
            AttributeValue::S(K::SORT_PREFIX.to_owned()),
            high,
        ))
    }
}
