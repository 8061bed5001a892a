//! BatchWriteItem for any number of puts and deletes: `db.batch_write()`.

use super::batch_keys::KeyId;
use super::retry::{drive_all, RetryPolicy};
use super::versioning::{self, Expected};
use super::{checks, OpFuture};
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error, Item, ModelKey, Result, Unprocessed};
use aws_sdk_dynamodb::operation::batch_write_item::{BatchWriteItemInput, BatchWriteItemOutput};
use aws_sdk_dynamodb::types::{DeleteRequest, PutRequest, ReturnConsumedCapacity, WriteRequest};
use std::collections::HashMap;
use std::future::IntoFuture;
use std::sync::Arc;

/// DynamoDB's limit of puts and deletes in one BatchWriteItem.
pub const MAX_BATCH_WRITE_ITEMS: usize = 25;

/// DynamoDB's limit on the size of one BatchWriteItem request.
const MAX_BATCH_WRITE_BYTES: usize = 16 * 1024 * 1024;

/// One put or delete, with the table it goes to.
#[derive(Debug, Clone)]
struct Write {
    // shared by the writes of one table: a batch of 100,000 items holds one copy
    table: Arc<str>,
    op: Op,
    /// The model's schema, when a put of it has encrypted attributes to
    /// seal before it is sent.
    sealed_by: Option<&'static crate::model::TableSchema>,
}

#[derive(Debug, Clone)]
enum Op {
    Put(Item),
    Delete(Item),
}

impl Op {
    fn request(&self) -> Result<WriteRequest> {
        let build = super::table::build_error;
        Ok(match self {
            Op::Put(item) => WriteRequest::builder().put_request(
                PutRequest::builder()
                    .set_item(Some(item.clone()))
                    .build()
                    .map_err(build)?,
            ),
            Op::Delete(key) => WriteRequest::builder().delete_request(
                DeleteRequest::builder()
                    .set_key(Some(key.clone()))
                    .build()
                    .map_err(build)?,
            ),
        }
        .build())
    }

    /// A write DynamoDB handed back as unprocessed.
    fn from_request(w: WriteRequest) -> Result<Op> {
        match (w.put_request, w.delete_request) {
            (Some(p), _) => Ok(Op::Put(p.item)),
            (None, Some(d)) => Ok(Op::Delete(d.key)),
            (None, None) => Err(Error::backend(
                "MalformedResponse",
                "UnprocessedItems held a write that is neither a put nor a delete",
            )),
        }
    }
}

/// What a batch write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchWriteReport {
    /// Puts and deletes DynamoDB applied.
    pub written: usize,
    /// Earlier writes to a key that a later write of the same batch replaced
    /// (DynamoDB refuses two writes to one key in a request; the last wins,
    /// as if they ran in order).
    pub coalesced: usize,
    /// BatchWriteItem requests sent.
    pub requests: usize,
    /// Of them, retries of unprocessed items or throttled requests.
    pub retries: usize,
}

/// Puts and deletes of any models, mixed and across tables, in as many
/// BatchWriteItem requests as they need (at most 25 writes and 16 MB each),
/// sent a few at a time; items DynamoDB leaves unprocessed are retried with
/// backoff. Await it to run.
///
/// Batch writes run no hooks and check no conditions (DynamoDB's
/// BatchWriteItem has none). A `#[dyno(version)]` model is stored with its
/// version plus one, as `save` would, but without the version check. Two
/// writes to one key: the later replaces the earlier (see
/// [`BatchWriteReport::coalesced`]).
///
/// Before anything is sent, every item is checked against the model's
/// `max_size` and DynamoDB's 400 KB ([`Error::ItemTooLarge`]). When retries
/// run out, the result is [`Error::BatchIncomplete`] listing every write not
/// done; the others are stored.
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
/// let orders: Vec<Order> = (0..60).map(|i| order(&format!("o{i:02}"), i)).collect();
/// let report = db.batch_write().put_all(&orders).await?; // 3 requests of up to 25
/// assert_eq!(report.written, 60);
/// db.batch_write().delete(orders[0].key()).delete(orders[1].key()).await?;
/// assert_eq!(Order::query(&db, "c1").count().await?, 58);
/// # Ok(())
/// # }
/// ```
#[must_use = "an operation does nothing until awaited"]
pub struct BatchWrite<'a> {
    db: &'a Dynox,
    writes: Vec<Write>,
    index: HashMap<KeyId, usize>,
    tables: HashMap<&'static str, Arc<str>>,
    coalesced: usize,
    refused: Option<Error>,
    concurrency: usize,
    retry: RetryPolicy,
}

impl std::fmt::Debug for BatchWrite<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchWrite")
            .field("writes", &self.writes.len())
            .field("coalesced", &self.coalesced)
            .field("concurrency", &self.concurrency)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Dynox {
    /// A batch of puts and deletes. See [`BatchWrite`].
    pub fn batch_write(&self) -> BatchWrite<'_> {
        BatchWrite {
            db: self,
            writes: Vec::new(),
            index: HashMap::new(),
            tables: HashMap::new(),
            coalesced: 0,
            refused: None,
            concurrency: 4,
            retry: RetryPolicy::default(),
        }
    }
}

impl<'a> BatchWrite<'a> {
    fn push<M: DynoModel>(&mut self, op: Op) {
        if let Some(refusal) = super::objects::refusal::<M>("a batch write") {
            self.refused.get_or_insert(refusal);
            return;
        }
        let db = self.db;
        let table = self
            .tables
            .entry(M::SCHEMA.table)
            .or_insert_with(|| db.table_name::<M>().as_ref().into())
            .clone();
        let (Op::Put(item) | Op::Delete(item)) = &op;
        if let Err(e) = super::checks::keys(M::SCHEMA, item) {
            self.refused.get_or_insert(e);
            return;
        }
        let id = KeyId::of(&table, M::SCHEMA, item);
        let sealed_by =
            (matches!(op, Op::Put(_)) && !M::SCHEMA.encrypted.is_empty()).then_some(M::SCHEMA);
        let write = Write {
            table,
            op,
            sealed_by,
        };
        match self.index.get(&id) {
            Some(&at) => {
                self.writes[at] = write;
                self.coalesced += 1;
            }
            None => {
                self.index.insert(id, self.writes.len());
                self.writes.push(write);
            }
        }
    }

    /// Puts `value` as a whole item (create or replace).
    pub fn put<M: DynoModel>(mut self, value: &M) -> Self {
        if let Some(refusal) = super::write_once::batch_refusal::<M>() {
            self.refused.get_or_insert(refusal);
            return self;
        }
        let generated = match crate::generate::filled_copy(value) {
            Ok(g) => g,
            Err(e) => {
                self.refused.get_or_insert(e);
                return self;
            }
        };
        let value = generated.as_ref().unwrap_or(value);
        let mut item = value.to_item();
        // unchecked: a batch write cannot carry a condition
        versioning::stamp::<M>(&mut item, Expected::of_value(value).next());
        if let Err(e) = checks::size::<M>(&item) {
            self.refused.get_or_insert(e);
            return self;
        }
        self.push::<M>(Op::Put(item));
        self
    }

    /// Puts every value.
    pub fn put_all<'v, M: DynoModel>(mut self, values: impl IntoIterator<Item = &'v M>) -> Self {
        for value in values {
            self = self.put(value);
        }
        self
    }

    /// Deletes the item with `key` (nothing happens when there is none).
    pub fn delete<K: ModelKey>(mut self, key: K) -> Self {
        self.push::<K::Model>(Op::Delete(key.to_key_item()));
        self
    }

    /// Deletes the items with these keys.
    pub fn delete_all<K: ModelKey>(mut self, keys: impl IntoIterator<Item = K>) -> Self {
        for key in keys {
            self = self.delete(key);
        }
        self
    }

    /// How many requests run at once (default 4, at least 1).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// How unprocessed items are retried (see [`RetryPolicy`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The number of writes the batch holds (after coalescing).
    pub fn len(&self) -> usize {
        self.writes.len()
    }

    /// Whether the batch holds no writes.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    async fn run(self) -> Result<BatchWriteReport> {
        if let Some(e) = self.refused {
            return Err(e);
        }
        let mut report = BatchWriteReport {
            written: self.writes.len(),
            coalesced: self.coalesced,
            ..BatchWriteReport::default()
        };
        // every request of the batch must go through one client: check the
        // whole batch before its first request is sent
        self.db
            .check_one_client(self.tables.values().map(|t| t.as_ref()))?;
        drop(self.index);
        drop(self.tables);
        let db = self.db;
        let mut writes = self.writes;
        seal_puts(db, &mut writes).await?;
        let batch = drive_all(
            split(writes),
            self.concurrency,
            &self.retry,
            |writes: &[Write]| send(db, writes),
        )
        .await;
        report.requests = batch.requests;
        report.retries = batch.retries;
        match batch.cause {
            None => Ok(report),
            Some(cause) => Err(Error::batch(
                batch
                    .unprocessed
                    .into_iter()
                    .map(unprocessed_write)
                    .collect(),
                Vec::new(),
                cause,
            )),
        }
    }
}

/// Seals the encrypted attributes of the puts, with one data key per
/// table and master key for the whole batch, before anything is sent.
async fn seal_puts(db: &Dynox, writes: &mut [Write]) -> Result<()> {
    let mut sealers: Vec<crate::encrypt::item::Sealer<'_>> = Vec::new();
    for write in writes {
        let (Some(schema), Op::Put(item)) = (write.sealed_by, &mut write.op) else {
            continue;
        };
        let at = match sealers.iter().position(|s| s.seals(schema)) {
            Some(at) => at,
            None => {
                sealers.push(crate::encrypt::item::Sealer::new(db, schema));
                sealers.len() - 1
            }
        };
        sealers[at].seal_item(item).await?;
        checks::size_in(schema, item)?;
    }
    Ok(())
}

/// Requests of at most 25 writes and 16 MB, in the order the writes came.
///
/// `bytes` is an upper bound of the request's size: each write counts with
/// a bound that reads none of its strings' bytes, and only a write that
/// would take the bound over 16 MB is sized exactly. 25 items of ordinary
/// size never come near, so a batch is not walked byte by byte here (the
/// profile of the batch writer showed these walks).
fn split(writes: Vec<Write>) -> Vec<Vec<Write>> {
    let mut chunks = Vec::with_capacity(writes.len().div_ceil(MAX_BATCH_WRITE_ITEMS));
    let mut current: Vec<Write> = Vec::new();
    let mut bytes = 0;
    for write in writes {
        let mut size = write_size(&write, crate::wire_size::item_bound);
        if bytes + size > MAX_BATCH_WRITE_BYTES {
            size = write_size(&write, crate::wire_size::item);
        }
        if current.len() == MAX_BATCH_WRITE_ITEMS
            || (bytes + size > MAX_BATCH_WRITE_BYTES && !current.is_empty())
        {
            chunks.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += size;
        current.push(write);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// Wire size of one write with its table name (an upper bound of its
/// share), with `item` sizing the item or key.
fn write_size(w: &Write, item: fn(&Item) -> usize) -> usize {
    let (Op::Put(it) | Op::Delete(it)) = &w.op;
    w.table.len() + 32 + item(it)
}

fn unprocessed_write(w: Write) -> Unprocessed {
    match w.op {
        Op::Put(item) => Unprocessed::Put {
            table: w.table.to_string(),
            item,
        },
        Op::Delete(key) => Unprocessed::Delete {
            table: w.table.to_string(),
            key,
        },
    }
}

/// One BatchWriteItem of `writes`; answers with the writes left unprocessed.
fn send<'d>(
    db: &'d Dynox,
    writes: &[Write],
) -> impl std::future::Future<Output = Result<(Vec<()>, Vec<Write>)>> + 'd {
    // the request is built now, so the future holds no borrow of `writes`
    let request = build_request(writes);
    async move {
        let (label, input) = request?;
        let output: BatchWriteItemOutput = db.send(&label, Request::BatchWriteItem(input)).await?;
        let mut rest = Vec::new();
        for (table, requests) in output.unprocessed_items.unwrap_or_default() {
            let table: Arc<str> = table.into();
            for request in requests {
                rest.push(Write {
                    table: table.clone(),
                    op: Op::from_request(request)?,
                    // handed back as it was sent: sealed already
                    sealed_by: None,
                });
            }
        }
        Ok((Vec::new(), rest))
    }
}

fn build_request(writes: &[Write]) -> Result<(String, BatchWriteItemInput)> {
    // a batch rarely spans more than a few tables: group by a linear search
    let mut groups: Vec<(&Arc<str>, Vec<WriteRequest>)> = Vec::new();
    for w in writes {
        let request = w.op.request()?;
        match groups
            .iter_mut()
            .find(|(t, _)| Arc::ptr_eq(t, &w.table) || ***t == *w.table)
        {
            Some((_, requests)) => requests.push(request),
            None => groups.push((&w.table, vec![request])),
        }
    }
    let request_items: HashMap<String, Vec<WriteRequest>> = groups
        .into_iter()
        .map(|(t, r)| (t.to_string(), r))
        .collect();
    let label = tables_label(request_items.keys());
    let input = BatchWriteItemInput::builder()
        .set_request_items(Some(request_items))
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .map_err(super::table::build_error)?;
    Ok((label, input))
}

/// The metrics label of a request over several tables: their names, sorted, comma-joined.
pub(crate) fn tables_label<'t>(tables: impl Iterator<Item = &'t String>) -> String {
    let mut names: Vec<&str> = tables.map(String::as_str).collect();
    names.sort_unstable();
    names.dedup();
    names.join(",")
}

impl<'a> IntoFuture for BatchWrite<'a> {
    type Output = Result<BatchWriteReport>;
    type IntoFuture = OpFuture<'a, BatchWriteReport>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AttributeValue;

    fn put(n: usize, body: String) -> Write {
        let item = Item::from([
            ("pk".to_owned(), AttributeValue::S(format!("k{n}"))),
            ("body".to_owned(), AttributeValue::S(body)),
        ]);
        Write {
            table: "t".into(),
            op: Op::Put(item),
            sealed_by: None,
        }
    }

    fn exact(chunk: &[Write]) -> usize {
        chunk
            .iter()
            .map(|w| write_size(w, crate::wire_size::item))
            .sum()
    }

    #[test]
    fn ordinary_items_fill_requests_of_25() {
        let writes: Vec<Write> = (0..60).map(|n| put(n, "x".repeat(1000))).collect();
        let sizes: Vec<usize> = split(writes).iter().map(Vec::len).collect();
        assert_eq!(sizes, [25, 25, 10]);
    }

    #[test]
    fn no_request_exceeds_16_mb_on_the_wire() {
        // 300 KB of control bytes is 1.8 MB of JSON escapes: 25 of them are
        // 45 MB, which DynamoDB would refuse in one request
        let writes: Vec<Write> = (0..25).map(|n| put(n, "\u{1}".repeat(300_000))).collect();
        let chunks = split(writes);
        assert!(chunks.len() >= 3, "{} requests", chunks.len());
        for chunk in &chunks {
            assert!(exact(chunk) <= MAX_BATCH_WRITE_BYTES, "{}", exact(chunk));
        }
        assert_eq!(chunks.iter().map(Vec::len).sum::<usize>(), 25);
    }
}
