//! BatchGetItem for any number of keys: `User::batch_get(&db, keys)`.

use super::batch_keys::KeyId;
use super::read::{self, Projection};
use super::retry::{drive_all, RetryPolicy};
use super::OpFuture;
use crate::expr::Placeholders;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error, Item, ModelKey, Result, Tracked, Unprocessed};
use aws_sdk_dynamodb::operation::batch_get_item::{BatchGetItemInput, BatchGetItemOutput};
use aws_sdk_dynamodb::types::{KeysAndAttributes, ReturnConsumedCapacity};
use std::collections::{HashMap, HashSet};
use std::future::IntoFuture;

/// DynamoDB's limit of keys in one BatchGetItem.
pub const MAX_BATCH_GET_KEYS: usize = 100;

/// Reads many items by key (BatchGetItem), any number of them: split into
/// requests of at most 100 keys, sent a few at a time, with the keys
/// DynamoDB leaves unprocessed (throttling, or a response over 16 MB) retried
/// with backoff. Items that do not exist are skipped; the items come back
/// in no particular order. Duplicate keys are read once. Await it to run.
///
/// When retries run out, the result is [`Error::BatchIncomplete`] listing the
/// keys not read, with the items that were.
///
/// ```
/// # use dynox_core::prelude::*;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
/// # fn order(id: &str, total: u32) -> Order { Order { customer: "c1".into(), id: id.into(), total } }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// # let db = Dynox::memory_with::<(Order,)>();
/// order("o1", 5).save(&db).await?;
/// order("o2", 6).save(&db).await?;
/// let keys = ["o1", "o2", "missing"].map(|id| OrderKey { customer: "c1".into(), id: id.into() });
/// let found = Order::batch_get(&db, keys).await?; // any number of keys, 100 a request
/// assert_eq!(found.len(), 2); // a missing key is skipped
/// # Ok(())
/// # }
/// ```
#[must_use = "an operation does nothing until awaited"]
pub struct BatchGet<'a, M: DynoModel, O = Tracked<M>> {
    db: &'a Dynox,
    keys: Vec<M::Key>,
    consistent_read: bool,
    projection: Option<&'static [&'static str]>,
    decode: fn(Item) -> Result<O>,
    concurrency: usize,
    retry: RetryPolicy,
}

impl<M: DynoModel, O> std::fmt::Debug for BatchGet<'_, M, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchGet")
            .field("table", &M::SCHEMA.table)
            .field("keys", &self.keys.len())
            .field("consistent_read", &self.consistent_read)
            .field("concurrency", &self.concurrency)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> BatchGet<'a, M> {
    pub(crate) fn new(db: &'a Dynox, keys: Vec<M::Key>) -> Self {
        BatchGet {
            db,
            keys,
            consistent_read: M::SCHEMA.consistent_read,
            projection: None,
            decode: read::decode_tracked::<M>,
            concurrency: 4,
            retry: RetryPolicy::default(),
        }
    }

    /// Does not run the `after_load` hook on the items.
    pub fn skip_hooks(mut self) -> Self {
        self.decode = read::decode_tracked_without_hooks::<M>;
        self
    }

    /// Fetches only the attributes of the view `V` and reads each item as a `V`.
    pub fn project<V: Projection>(self) -> BatchGet<'a, M, V> {
        BatchGet {
            db: self.db,
            keys: self.keys,
            consistent_read: self.consistent_read,
            projection: Some(V::ATTRIBUTES),
            decode: read::decode_projection::<V>,
            concurrency: self.concurrency,
            retry: self.retry,
        }
    }
}

impl<'a, M: DynoModel, O: Send + 'a> BatchGet<'a, M, O> {
    /// `true`: strongly consistent reads (twice the read units);
    /// `false`: eventually consistent. Overrides the model's
    /// `consistent_read` option for this call.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// How many requests run at once (default 4, at least 1).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// How unprocessed keys are retried (see [`RetryPolicy`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    async fn run(self) -> Result<Vec<O>> {
        let table = self.db.table_name::<M>();
        let shared: std::sync::Arc<str> = table.as_ref().into();
        let mut seen = HashSet::with_capacity(self.keys.len());
        let mut keys: Vec<Item> = Vec::with_capacity(self.keys.len());
        for key in self.keys.iter().map(ModelKey::to_key_item) {
            super::checks::keys(M::SCHEMA, &key)?;
            if seen.insert(KeyId::of(&shared, M::SCHEMA, &key)) {
                keys.push(key);
            }
        }
        drop(seen);
        let (projection, names) = match self.projection {
            Some(attributes) => {
                let mut p = Placeholders::default();
                let expression = read::projection_expression(attributes, &mut p);
                (Some(expression), p.finish().0)
            }
            None => (None, None),
        };
        let shape = KeysAndAttributes::builder()
            .set_projection_expression(projection)
            .set_expression_attribute_names(names)
            .set_consistent_read(self.consistent_read.then_some(true));
        let (db, table, shape) = (self.db, &table, &shape);
        let batch = drive_all(
            chunk(keys, MAX_BATCH_GET_KEYS),
            self.concurrency,
            &self.retry,
            |keys: &[Item]| send(db, table, shape.clone().set_keys(Some(keys.to_vec()))),
        )
        .await;
        if let Some(cause) = batch.cause {
            let unprocessed = batch
                .unprocessed
                .into_iter()
                .map(|key| Unprocessed::Get {
                    table: table.to_string(),
                    key,
                })
                .collect();
            return Err(Error::batch(unprocessed, batch.done, cause));
        }
        let mut read = batch.done;
        crate::encrypt::item::open_items(db, M::SCHEMA, &mut read).await?;
        read.into_iter().map(self.decode).collect()
    }
}

/// One BatchGetItem: the items it returned and the keys it left unprocessed.
async fn send(
    db: &Dynox,
    table: &str,
    keys: aws_sdk_dynamodb::types::builders::KeysAndAttributesBuilder,
) -> Result<(Vec<Item>, Vec<Item>)> {
    let keys = keys.build().map_err(super::table::build_error)?;
    let input = BatchGetItemInput::builder()
        .set_request_items(Some(HashMap::from([(table.to_owned(), keys)])))
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .map_err(super::table::build_error)?;
    let output: BatchGetItemOutput = db.send(table, Request::BatchGetItem(input)).await?;
    let items = output
        .responses
        .and_then(|mut r| r.remove(table))
        .unwrap_or_default();
    let rest = output
        .unprocessed_keys
        .and_then(|mut u| u.remove(table))
        .map(|k| k.keys)
        .unwrap_or_default();
    Ok((items, rest))
}

/// `items` in order, `size` at a time.
pub(crate) fn chunk<T>(items: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let mut chunks = Vec::with_capacity(items.len().div_ceil(size));
    let mut iter = items.into_iter().peekable();
    while iter.peek().is_some() {
        chunks.push(iter.by_ref().take(size).collect());
    }
    chunks
}

impl<'a, M: DynoModel, O: Send + 'a> IntoFuture for BatchGet<'a, M, O> {
    type Output = Result<Vec<O>>;
    type IntoFuture = OpFuture<'a, Vec<O>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
