//! A transport wrapper that injects the faults DynamoDB produces under load:
//! part of each batch returned unprocessed, and throttled requests. It wraps a
//! real transport (the embedded engine or DynamoDB Local), so what it lets
//! through is really written and read.

use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemOutput;
use aws_sdk_dynamodb::operation::batch_write_item::BatchWriteItemOutput;
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes, WriteRequest};
use dynox_core::transport::{Request, Response, Transport};
use dynox_core::{Error, Item, Result};
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// What the wrapper did and let through.
#[derive(Debug, Default)]
pub struct FaultLog {
    /// Puts and deletes passed on to the real transport, by key.
    pub writes: HashMap<String, u32>,
    /// Items the real transport returned to batch gets, by key.
    pub reads: HashMap<String, u32>,
    /// Writes and keys held back and returned as unprocessed.
    pub held_back: u64,
    /// Batch requests answered with a throttling error.
    pub throttled: u64,
}

/// Injects faults into batch requests; every other request passes through.
pub struct FaultyTransport {
    inner: Arc<dyn Transport>,
    unprocessed: f64,
    throttle: f64,
    key_names: Vec<String>,
    seed: AtomicU64,
    log: Mutex<FaultLog>,
}

impl std::fmt::Debug for FaultyTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultyTransport")
            .field("inner", &self.inner)
            .field("unprocessed", &self.unprocessed)
            .field("throttle", &self.throttle)
            .finish_non_exhaustive()
    }
}

impl FaultyTransport {
    /// Wraps `inner`: each key or write of a batch is held back with
    /// probability `unprocessed`, each batch request throttled with
    /// probability `throttle`. `key_names` are the key attributes the log
    /// identifies items by.
    pub fn new(
        inner: Arc<dyn Transport>,
        unprocessed: f64,
        throttle: f64,
        key_names: &[&str],
    ) -> Self {
        FaultyTransport {
            inner,
            unprocessed,
            throttle,
            key_names: key_names.iter().map(|s| (*s).to_owned()).collect(),
            seed: AtomicU64::new(0x2545_f491_4f6c_dd1d),
            log: Mutex::new(FaultLog::default()),
        }
    }

    /// What happened so far.
    pub fn log(&self) -> std::sync::MutexGuard<'_, FaultLog> {
        self.log.lock().expect("fault log")
    }

    /// A number in `[0, 1)` (splitmix64 over a shared counter).
    fn draw(&self) -> f64 {
        let mut z = self
            .seed
            .fetch_add(0x9e37_79b9_7f4a_7c15, Ordering::Relaxed);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    fn key_of(&self, table: &str, item: &Item) -> String {
        let parts: Vec<String> = self
            .key_names
            .iter()
            .map(|n| match item.get(n) {
                Some(AttributeValue::S(s)) | Some(AttributeValue::N(s)) => s.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        format!("{table}/{}", parts.join("/"))
    }

    fn throttled(&self) -> bool {
        let hit = self.draw() < self.throttle;
        if hit {
            self.log().throttled += 1;
        }
        hit
    }

    async fn batch_write(
        &self,
        mut input: aws_sdk_dynamodb::operation::batch_write_item::BatchWriteItemInput,
    ) -> Result<Response> {
        if self.throttled() {
            return Err(Error::Throttled {
                message: "injected throttle".into(),
            });
        }
        let mut held: HashMap<String, Vec<WriteRequest>> = HashMap::new();
        let mut sent: HashMap<String, Vec<WriteRequest>> = HashMap::new();
        for (table, writes) in input.request_items.take().unwrap_or_default() {
            for w in writes {
                let target = if self.draw() < self.unprocessed {
                    &mut held
                } else {
                    &mut sent
                };
                target.entry(table.clone()).or_default().push(w);
            }
        }
        let mut unprocessed = held;
        if !sent.is_empty() {
            let keys: Vec<String> = sent
                .iter()
                .flat_map(|(t, ws)| {
                    ws.iter().map(move |w| {
                        let item = w
                            .put_request()
                            .map(|p| p.item())
                            .or(w.delete_request().map(|d| d.key()))
                            .cloned()
                            .unwrap_or_default();
                        (t.clone(), item)
                    })
                })
                .map(|(t, item)| self.key_of(&t, &item))
                .collect();
            input.request_items = Some(sent);
            let out = match self.inner.send(Request::BatchWriteItem(input)).await? {
                Response::BatchWriteItem(out) => out,
                other => return Ok(other),
            };
            {
                let mut log = self.log();
                for k in keys {
                    *log.writes.entry(k).or_default() += 1;
                }
            }
            for (t, ws) in out.unprocessed_items.clone().unwrap_or_default() {
                unprocessed.entry(t).or_default().extend(ws);
            }
            self.log().held_back += count(&unprocessed) as u64;
            return Ok(Response::BatchWriteItem(
                BatchWriteItemOutput::builder()
                    .set_unprocessed_items(Some(unprocessed))
                    .set_consumed_capacity(out.consumed_capacity)
                    .build(),
            ));
        }
        self.log().held_back += count(&unprocessed) as u64;
        Ok(Response::BatchWriteItem(
            BatchWriteItemOutput::builder()
                .set_unprocessed_items(Some(unprocessed))
                .build(),
        ))
    }

    async fn batch_get(
        &self,
        mut input: aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemInput,
    ) -> Result<Response> {
        if self.throttled() {
            return Err(Error::Throttled {
                message: "injected throttle".into(),
            });
        }
        let mut held: HashMap<String, KeysAndAttributes> = HashMap::new();
        let mut sent: HashMap<String, KeysAndAttributes> = HashMap::new();
        let mut held_count = 0;
        for (table, k) in input.request_items.take().unwrap_or_default() {
            let (hold, send): (Vec<Item>, Vec<Item>) = k
                .keys
                .iter()
                .cloned()
                .partition(|_| self.draw() < self.unprocessed);
            held_count += hold.len();
            for (target, keys) in [(&mut held, hold), (&mut sent, send)] {
                if !keys.is_empty() {
                    let mut shape = k.clone();
                    shape.keys = keys;
                    target.insert(table.clone(), shape);
                }
            }
        }
        self.log().held_back += held_count as u64;
        if sent.is_empty() {
            return Ok(Response::BatchGetItem(
                BatchGetItemOutput::builder()
                    .set_responses(Some(HashMap::new()))
                    .set_unprocessed_keys(Some(held))
                    .build(),
            ));
        }
        input.request_items = Some(sent);
        let out = match self.inner.send(Request::BatchGetItem(input)).await? {
            Response::BatchGetItem(out) => out,
            other => return Ok(other),
        };
        {
            let mut log = self.log();
            for (t, items) in out.responses.iter().flatten() {
                for item in items {
                    *log.reads.entry(self.key_of(t, item)).or_default() += 1;
                }
            }
        }
        let mut unprocessed = held;
        for (t, k) in out.unprocessed_keys.clone().unwrap_or_default() {
            match unprocessed.get_mut(&t) {
                Some(existing) => existing.keys.extend(k.keys),
                None => {
                    unprocessed.insert(t, k);
                }
            }
        }
        Ok(Response::BatchGetItem(
            BatchGetItemOutput::builder()
                .set_responses(out.responses)
                .set_unprocessed_keys(Some(unprocessed))
                .set_consumed_capacity(out.consumed_capacity)
                .build(),
        ))
    }
}

fn count(m: &HashMap<String, Vec<WriteRequest>>) -> usize {
    m.values().map(Vec::len).sum()
}

impl Transport for FaultyTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        Box::pin(async move {
            match request {
                Request::BatchWriteItem(input) => self.batch_write(input).await,
                Request::BatchGetItem(input) => self.batch_get(input).await,
                other => self.inner.send(other).await,
            }
        })
    }

    fn name(&self) -> &'static str {
        self.inner.name()
    }
}

/// Fails the next item write (PutItem, UpdateItem) once armed, as a lost
/// connection does: with `applied`, the engine has done the write and
/// only its answer is lost; without, it never arrived. Either way the
/// caller sees [`Error::Unreachable`], an outcome it cannot know.
#[derive(Debug)]
pub struct LostWrite {
    inner: Arc<dyn Transport>,
    applied: bool,
    armed: std::sync::atomic::AtomicBool,
}

impl LostWrite {
    /// Wraps `inner`; nothing fails until [`LostWrite::arm`].
    pub fn new(inner: Arc<dyn Transport>, applied: bool) -> Self {
        LostWrite {
            inner,
            applied,
            armed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The next item write fails.
    pub fn arm(&self) {
        self.armed.store(true, Ordering::SeqCst);
    }
}

impl Transport for LostWrite {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        Box::pin(async move {
            let write = matches!(request, Request::PutItem(_) | Request::UpdateItem(_));
            if !(write && self.armed.swap(false, Ordering::SeqCst)) {
                return self.inner.send(request).await;
            }
            if self.applied {
                self.inner.send(request).await?;
            }
            Err(Error::Unreachable {
                message: "the connection was lost (injected)".to_owned(),
                source: None,
            })
        })
    }

    fn name(&self) -> &'static str {
        self.inner.name()
    }
}

/// Refuses the next item write (PutItem, UpdateItem, DeleteItem) once armed,
/// without sending it, as DynamoDB refuses a request it will not apply (a
/// failed validation): the caller knows for sure that nothing was written.
#[derive(Debug)]
pub struct RefusedWrite {
    inner: Arc<dyn Transport>,
    armed: std::sync::atomic::AtomicBool,
}

impl RefusedWrite {
    /// Wraps `inner`; nothing is refused until [`RefusedWrite::arm`].
    pub fn new(inner: Arc<dyn Transport>) -> Self {
        RefusedWrite {
            inner,
            armed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The next item write is refused.
    pub fn arm(&self) {
        self.armed.store(true, Ordering::SeqCst);
    }
}

impl Transport for RefusedWrite {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        Box::pin(async move {
            let write = matches!(
                request,
                Request::PutItem(_) | Request::UpdateItem(_) | Request::DeleteItem(_)
            );
            if write && self.armed.swap(false, Ordering::SeqCst) {
                return Err(Error::Validation {
                    message: "the write was refused (injected)".to_owned(),
                });
            }
            self.inner.send(request).await
        })
    }

    fn name(&self) -> &'static str {
        self.inner.name()
    }
}
