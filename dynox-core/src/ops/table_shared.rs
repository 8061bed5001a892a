//! Tables that several models share (single-table design): each created
//! once, with the key schema its models agree on and every index any of
//! them declares. Models that disagree are refused before any request,
//! with what they disagree on.

use super::table::{create, NewTable};
use super::table_schema::{Shape, TableOptions};
use crate::model::{IndexSchema, KeyAttribute, TableSchema};
use crate::testing::ModelSet;
use crate::{Dynox, Error, Result};
use aws_sdk_dynamodb::types::StreamViewType;
use std::time::Duration;

fn refused(table: &str, what: String) -> Error {
    Error::Configuration {
        message: format!("the models of table `{table}` disagree: {what}; give them the same, or separate tables"),
    }
}

fn key(k: &KeyAttribute) -> String {
    format!("`{}` ({})", k.name, k.key_type.as_str())
}

fn same_index(a: &IndexSchema, b: &IndexSchema) -> bool {
    a.kind == b.kind
        && a.partition_key == b.partition_key
        && a.sort_key == b.sort_key
        && a.more_partition_keys == b.more_partition_keys
        && a.more_sort_keys == b.more_sort_keys
        && a.projection == b.projection
}

/// One of `values` when all that are set agree.
fn agreed<T: PartialEq + Copy + std::fmt::Debug>(
    table: &str,
    what: &str,
    values: impl Iterator<Item = Option<T>>,
) -> Result<Option<T>> {
    let mut found: Option<T> = None;
    for v in values.flatten() {
        match found {
            Some(f) if f != v => return Err(refused(table, format!("{what} {f:?} and {v:?}"))),
            _ => found = Some(v),
        }
    }
    Ok(found)
}

/// The shape of `table` from the schemas of the models stored in it.
pub(super) fn merge<'s>(table: &str, schemas: &[&'s TableSchema]) -> Result<Shape<'s>> {
    let first = schemas
        .first()
        .ok_or_else(|| refused(table, "no model".into()))?;
    let mut shape = Shape::of(first);
    for s in &schemas[1..] {
        if s.partition_key != first.partition_key {
            return Err(refused(
                table,
                format!(
                    "partition key {} and {}",
                    key(&first.partition_key),
                    key(&s.partition_key)
                ),
            ));
        }
        if s.sort_key != first.sort_key {
            let show = |k: Option<&KeyAttribute>| k.map_or("none".to_owned(), key);
            return Err(refused(
                table,
                format!(
                    "sort key {} and {}",
                    show(first.sort_key.as_ref()),
                    show(s.sort_key.as_ref())
                ),
            ));
        }
        for index in s.indexes {
            match shape.indexes.iter().find(|i| i.name == index.name) {
                Some(known) if same_index(known, index) => {}
                Some(_) => {
                    return Err(refused(
                        table,
                        format!(
                            "the index `{}` is declared with different keys or projections",
                            index.name
                        ),
                    ))
                }
                None => shape.indexes.push(index),
            }
        }
    }
    // an attribute is one type across every key it is part of
    let mut keys: Vec<&KeyAttribute> = vec![shape.partition_key];
    keys.extend(shape.sort_key);
    for index in &shape.indexes {
        keys.extend(index.partition_keys().chain(index.sort_keys()));
    }
    for (i, a) in keys.iter().enumerate() {
        if let Some(b) = keys[..i]
            .iter()
            .find(|b| b.name == a.name && b.key_type != a.key_type)
        {
            return Err(refused(
                table,
                format!("key attribute {} and {}", key(b), key(a)),
            ));
        }
    }
    Ok(shape)
}

impl Dynox {
    /// Creates the tables of the models in `S` that do not exist yet, and
    /// waits until they are active. Models that share a table (single-table
    /// design, see [`crate::template`]) make one table, with every index any
    /// of them declares; models that disagree on its keys, on an index of
    /// the same name, on its stream or its TTL attribute are
    /// [`Error::Configuration`], before any request.
    ///
    /// ```
    /// # use dynox_core::prelude::*;
    /// #[derive(DynoModel, Debug, Clone, PartialEq)]
    /// #[dyno(table = "app", pk = "USER#{user}", sk = "PROFILE")]
    /// pub struct User { pub user: String, #[dyno(gsi = "by_email")] pub email: String }
    ///
    /// #[derive(DynoModel, Debug, Clone, PartialEq)]
    /// #[dyno(table = "app", pk = "USER#{user}", sk = "ORDER#{number}")]
    /// pub struct Order { pub user: String, pub number: u32, #[dyno(gsi = "by_status")] pub status: String }
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> dynox_core::Result<()> {
    /// let db = Dynox::memory();
    /// db.create_tables::<(User, Order)>().await?;
    /// let indexes = User::describe_table(&db).await?.global_secondary_indexes().len();
    /// assert_eq!(indexes, 2);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn create_tables<S: ModelSet>(&self) -> Result<()> {
        let models = S::tables(self);
        let mut done: Vec<&str> = Vec::new();
        for (table, _) in &models {
            if done.contains(&table.as_ref()) {
                continue;
            }
            done.push(table);
            let schemas: Vec<&'static TableSchema> = models
                .iter()
                .filter(|(t, _)| t == table)
                .map(|(_, s)| *s)
                .collect();
            let shape = merge(table, &schemas)?;
            let stream = agreed(table, "stream", schemas.iter().map(|s| s.stream))?;
            let ttl = agreed(
                table,
                "TTL attribute",
                schemas.iter().map(|s| s.ttl_attribute),
            )?;
            let options = TableOptions {
                stream: stream.map(StreamViewType::from),
                ..TableOptions::default()
            };
            let new = NewTable {
                shape: &shape,
                options: &options,
                ttl,
                if_not_exists: true,
                timeout: Duration::from_secs(300),
            };
            create(self, table, new).await?;
        }
        Ok(())
    }
}
