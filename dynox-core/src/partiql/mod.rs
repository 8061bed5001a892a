//! PartiQL, DynamoDB's SQL-compatible language: one statement
//! ([`Dynox::statement`]), a batch of statements that succeed or fail one by
//! one ([`Dynox::batch_statements`]), and a transaction of statements
//! ([`Dynox::transact_statements`]).
//!
//! Values are bound to the statement's `?` placeholders as typed
//! [`AttributeValue`]s, never spliced into its text, so a value cannot change
//! what a statement means. Table names are part of the text; take them from
//! [`Dynox::table_name`] so a table prefix applies, and a routed model's
//! statements go through its client.
//!
//! ```
//! # use dynox_core::prelude::*;
//! # #[derive(DynoModel, Debug, Clone, PartialEq)]
//! # #[dyno(table = "orders")]
//! # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! # let db = Dynox::memory_with::<(Order,)>();
//! let table = db.table_name::<Order>();
//! db.statement(format!(r#"INSERT INTO "{table}" VALUE {{'customer': ?, 'id': ?, 'total': ?}}"#))
//!     .bind("c1")
//!     .bind("o1")
//!     .bind(5u32)
//!     .await?;
//! let orders = db
//!     .statement(format!(r#"SELECT * FROM "{table}" WHERE customer = ?"#))
//!     .bind("c1")
//!     .model::<Order>()
//!     .all()
//!     .await?;
//! assert_eq!(orders[0].total, 5);
//! # Ok(())
//! # }
//! ```

mod batch;
mod statement;
mod transaction;

pub use batch::{BatchStatements, MAX_BATCH_STATEMENTS};
pub use statement::{ExecuteStatement, StatementPage};
pub use transaction::{TransactStatements, MAX_TRANSACTION_STATEMENTS};

#[cfg(doc)]
use crate::Dynox;
use crate::{AttributeValue, DynoValue};

/// A PartiQL statement and the values bound to its `?` placeholders, in
/// order: a member of a batch or a transaction. `Debug` shows the text and
/// how many values are bound, never the values.
#[derive(Clone, PartialEq)]
pub struct Partiql {
    pub(crate) text: String,
    pub(crate) parameters: Vec<AttributeValue>,
}

impl std::fmt::Debug for Partiql {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Partiql")
            .field("text", &self.text)
            .field("parameters", &self.parameters.len())
            .finish()
    }
}

impl Partiql {
    /// A statement with no values bound yet.
    pub fn new(text: impl Into<String>) -> Self {
        Partiql {
            text: text.into(),
            parameters: Vec::new(),
        }
    }

    /// Binds the next `?` to `value`.
    pub fn bind(mut self, value: impl Parameter) -> Self {
        self.parameters.push(value.into_parameter());
        self
    }

    /// The statement's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The bound values, in order.
    pub fn parameters(&self) -> &[AttributeValue] {
        &self.parameters
    }

    /// The table the statement names, for metrics and routing.
    pub(crate) fn table(&self) -> String {
        table_of(&self.text)
    }
}

/// The label of a batch or transaction of `statements` (their tables), or
/// `None` when it has none; refused past DynamoDB's limit of `max`.
pub(crate) fn label_within(
    statements: &[Partiql],
    max: usize,
    what: &str,
) -> crate::Result<Option<String>> {
    if statements.is_empty() {
        return Ok(None);
    }
    if statements.len() > max {
        return Err(crate::Error::Refused {
            message: format!(
                "a PartiQL {what} holds at most {max} statements, this one has {}; split it",
                statements.len()
            ),
        });
    }
    let tables: Vec<String> = statements.iter().map(Partiql::table).collect();
    Ok(Some(crate::ops::tables_label(tables.iter())))
}

/// A value that can be bound to a `?` of a PartiQL statement: any
/// [`DynoValue`] (stored as it would be in a field; one with no stored form,
/// such as `None` or an empty set, binds `NULL`), a `&str`, or an
/// [`AttributeValue`] as it is.
pub trait Parameter {
    /// The value as DynamoDB receives it.
    fn into_parameter(self) -> AttributeValue;
}

impl<T: DynoValue> Parameter for T {
    fn into_parameter(self) -> AttributeValue {
        self.to_attribute_value()
            .unwrap_or(AttributeValue::Null(true))
    }
}

impl Parameter for &str {
    fn into_parameter(self) -> AttributeValue {
        AttributeValue::S(self.to_owned())
    }
}

impl Parameter for AttributeValue {
    fn into_parameter(self) -> AttributeValue {
        self
    }
}

/// The first table a statement names (after `FROM`, `INTO` or `UPDATE`,
/// without quotes or an index part), or `""`. Only a label: DynamoDB parses
/// the statement; dynox reads this to count the request against its table
/// and to route it to the table's client.
pub(crate) fn table_of(text: &str) -> String {
    let mut words = Words { rest: text };
    while let Some(word) = words.next() {
        if ["from", "into", "update"]
            .iter()
            .any(|k| word.eq_ignore_ascii_case(k))
        {
            return words
                .next()
                .map(|t| t.trim_matches('"').to_owned())
                .unwrap_or_default();
        }
    }
    String::new()
}

/// The words of a statement: a `"quoted name"` is one word (its quotes
/// kept), a `'string'` is skipped, and `.` or `[` ends a word (`"t"."index"`
/// gives `"t"`).
struct Words<'s> {
    rest: &'s str,
}

impl<'s> Iterator for Words<'s> {
    type Item = &'s str;

    fn next(&mut self) -> Option<&'s str> {
        loop {
            self.rest = self.rest.trim_start();
            let first = self.rest.chars().next()?;
            let end = match first {
                '"' => self.rest[1..].find('"').map_or(self.rest.len(), |i| i + 2),
                '\'' => {
                    let end = self.rest[1..].find('\'').map_or(self.rest.len(), |i| i + 2);
                    self.rest = &self.rest[end..];
                    continue;
                }
                c if c.is_alphanumeric() || c == '_' => self
                    .rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(self.rest.len()),
                c => c.len_utf8(),
            };
            let (word, rest) = self.rest.split_at(end);
            self.rest = rest;
            return Some(word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_name_after_from_into_or_update() {
        assert_eq!(table_of(r#"SELECT * FROM "users" WHERE pk = ?"#), "users");
        assert_eq!(table_of(r#"select a from "users"."by-email""#), "users");
        assert_eq!(table_of("INSERT INTO orders VALUE {'pk': ?}"), "orders");
        assert_eq!(table_of(r#"UPDATE "t-1" SET n = 1 WHERE pk = 'a'"#), "t-1");
        assert_eq!(table_of(r#"DELETE FROM "t" WHERE pk = 'from x'"#), "t");
        assert_eq!(
            table_of(r#"SELECT 'from x' FROM "t""#),
            "t",
            "a string is not a keyword"
        );
        assert_eq!(table_of("EXISTS"), "");
    }

    #[test]
    fn values_bind_in_their_stored_form() {
        let p = Partiql::new("?")
            .bind("a")
            .bind(String::from("b"))
            .bind(7u32)
            .bind(None::<u32>)
            .bind(AttributeValue::Bool(true));
        assert_eq!(
            p.parameters(),
            &[
                AttributeValue::S("a".into()),
                AttributeValue::S("b".into()),
                AttributeValue::N("7".into()),
                AttributeValue::Null(true),
                AttributeValue::Bool(true),
            ]
        );
        assert_eq!(format!("{p:?}"), r#"Partiql { text: "?", parameters: 5 }"#);
    }
}
