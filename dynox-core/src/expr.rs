//! Expression rendering: every attribute name becomes a `#n` placeholder and
//! every value a `:v` placeholder, whatever it contains, so no user string is
//! ever parsed as expression syntax. Placeholders are numbered in rendering
//! order, so the same operation renders the same request.

use crate::{AttributeValue, Item};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(crate) struct Placeholders {
    names: Vec<String>,
    values: Item,
}

impl Placeholders {
    /// The placeholder for an attribute name (one per distinct name).
    pub(crate) fn name(&mut self, name: &str) -> String {
        let index = match self.names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                self.names.push(name.to_owned());
                self.names.len() - 1
            }
        };
        format!("#n{index}")
    }

    /// A new placeholder for a value.
    pub(crate) fn value(&mut self, value: AttributeValue) -> String {
        let key = format!(":v{}", self.values.len());
        self.values.insert(key.clone(), value);
        key
    }

    /// The `ExpressionAttributeNames` and `ExpressionAttributeValues` maps,
    /// `None` when empty (DynamoDB rejects empty maps).
    pub(crate) fn finish(self) -> (Option<HashMap<String, String>>, Option<Item>) {
        let names = (!self.names.is_empty()).then(|| {
            self.names
                .into_iter()
                .enumerate()
                .map(|(i, n)| (format!("#n{i}"), n))
                .collect()
        });
        let values = (!self.values.is_empty()).then_some(self.values);
        (names, values)
    }
}
