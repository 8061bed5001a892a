//! Reading a stream: its shards, parents before children, each read from
//! where the checkpoint left it, page after page of GetRecords.

use super::convert::{item_to_dynamodb, StreamItem};
use super::{Change, Checkpoint, Record};
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error, Result};
use aws_sdk_dynamodbstreams::operation::describe_stream::{
    DescribeStreamInput, DescribeStreamOutput,
};
use aws_sdk_dynamodbstreams::operation::get_records::{GetRecordsInput, GetRecordsOutput};
use aws_sdk_dynamodbstreams::operation::get_shard_iterator::{
    GetShardIteratorInput, GetShardIteratorOutput,
};
use aws_sdk_dynamodbstreams::types::{OperationType, Shard, ShardIteratorType};
use futures::stream::BoxStream;
use futures::TryStreamExt;
use std::collections::{HashSet, VecDeque};
use std::marker::PhantomData;
use std::time::Duration;

/// Reads a model's table's stream as typed changes; see the
/// [module](crate::streams). By default it reads every change the stream
/// still holds (24 hours on DynamoDB) and ends when it has caught up;
/// [`follow`](Self::follow) keeps waiting for new ones.
#[must_use = "a stream reader does nothing until read"]
pub struct Changes<'a, M> {
    db: &'a Dynox,
    checkpoint: Checkpoint,
    latest: bool,
    follow: Option<Duration>,
    limit: Option<i32>,
    _model: PhantomData<fn() -> M>,
}

impl<M> std::fmt::Debug for Changes<'_, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Changes")
            .field("checkpoint", &self.checkpoint)
            .field("latest", &self.latest)
            .field("follow", &self.follow)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> Changes<'a, M> {
    pub(crate) fn new(db: &'a Dynox) -> Self {
        Changes {
            db,
            checkpoint: Checkpoint::default(),
            latest: false,
            follow: None,
            limit: None,
            _model: PhantomData,
        }
    }

    /// Goes on after the changes `checkpoint` marks processed.
    pub fn resume(mut self, checkpoint: &Checkpoint) -> Self {
        self.checkpoint = checkpoint.clone();
        self
    }

    /// Starts with the changes made from now on, skipping what the stream
    /// holds (for shards the checkpoint does not know).
    pub fn from_latest(mut self) -> Self {
        self.latest = true;
        self
    }

    /// Never ends: when caught up, asks again every `poll`, and follows
    /// the shards DynamoDB opens.
    pub fn follow(mut self, poll: Duration) -> Self {
        self.follow = Some(poll);
        self
    }

    /// At most `n` changes per GetRecords request (DynamoDB's limit is
    /// 1,000).
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(i32::try_from(n).unwrap_or(i32::MAX));
        self
    }

    /// The changes, one at a time; an image that does not fit the model
    /// is an [`Error::Deserialize`] in its place, and the stream goes on.
    pub fn stream(self) -> BoxStream<'a, Result<Record<M>>> {
        let state = State {
            reader: self,
            arn: None,
            shards: VecDeque::new(),
            listed: false,
            done: HashSet::new(),
            current: None,
            buffer: VecDeque::new(),
            finished: false,
        };
        Box::pin(futures::stream::unfold(state, |mut st| async move {
            match st.next().await {
                Ok(Some(record)) => Some((record, st)),
                Ok(None) => None,
                Err(e) => {
                    st.finished = true;
                    Some((Err(e), st))
                }
            }
        }))
    }

    /// Every change until caught up.
    pub async fn all(self) -> Result<Vec<Record<M>>> {
        self.stream().try_collect().await
    }
}

struct State<'a, M> {
    reader: Changes<'a, M>,
    arn: Option<String>,
    /// Shards to read, parents first.
    shards: VecDeque<Shard>,
    listed: bool,
    /// Shards read to their end, or to the present (without `follow`).
    done: HashSet<String>,
    current: Option<Current>,
    buffer: VecDeque<Result<Record<M>>>,
    finished: bool,
}

struct Current {
    shard_id: String,
    iterator: Option<String>,
}

impl<M: DynoModel> State<'_, M> {
    fn table(&self) -> String {
        self.reader.db.table_name::<M>().into_owned()
    }

    /// The next change, or `None` at the end.
    async fn next(&mut self) -> Result<Option<Result<Record<M>>>> {
        loop {
            if let Some(record) = self.buffer.pop_front() {
                return Ok(Some(record));
            }
            if self.finished {
                return Ok(None);
            }
            if self.arn.is_none() {
                self.arn = Some(self.stream_arn().await?);
            }
            let Some(current) = self.current.take() else {
                if self.shards.is_empty() && (!self.listed || self.reader.follow.is_some()) {
                    if self.listed {
                        if let Some(poll) = self.reader.follow {
                            tokio::time::sleep(poll).await;
                        }
                    }
                    self.list_shards().await?;
                    continue;
                }
                match self.shards.pop_front() {
                    Some(shard) => self.open(shard).await?,
                    None => self.finished = true,
                }
                continue;
            };
            self.read(current).await?;
        }
    }

    async fn stream_arn(&self) -> Result<String> {
        let table = self.table();
        let description = crate::ops::describe_table(self.reader.db, &table).await?;
        description.latest_stream_arn.ok_or_else(|| Error::Refused {
            message: format!(
                "table {table} has no stream: create it with `create_table().stream(view)` or add one with `update_table().stream(view)`"
            ),
        })
    }

    /// Every shard of the stream not read yet, parents before children.
    async fn list_shards(&mut self) -> Result<()> {
        let arn = self.arn.clone().unwrap_or_default();
        let table = self.table();
        let mut all: Vec<Shard> = Vec::new();
        let mut start: Option<String> = None;
        loop {
            let input = DescribeStreamInput::builder()
                .stream_arn(arn.as_str())
                .set_exclusive_start_shard_id(start.clone())
                .build()
                .map_err(crate::ops::build_error)?;
            let out: DescribeStreamOutput = self
                .reader
                .db
                .send(&table, Request::DescribeStream(input))
                .await?;
            let Some(description) = out.stream_description else {
                break;
            };
            all.extend(description.shards.unwrap_or_default());
            match description.last_evaluated_shard_id {
                Some(next) if Some(&next) != start.as_ref() => start = Some(next),
                _ => break,
            }
        }
        all.retain(|s| !self.done.contains(s.shard_id().unwrap_or_default()));
        self.shards = parents_first(all);
        self.listed = true;
        Ok(())
    }

    /// Starts reading `shard` where the checkpoint left it.
    async fn open(&mut self, shard: Shard) -> Result<()> {
        let shard_id = shard.shard_id().unwrap_or_default().to_owned();
        let closed = shard
            .sequence_number_range()
            .is_some_and(|r| r.ending_sequence_number().is_some());
        let (kind, sequence) = match self.reader.checkpoint.position(&shard_id) {
            Some(seq) => (ShardIteratorType::AfterSequenceNumber, Some(seq.to_owned())),
            None if self.reader.latest && closed => {
                // nothing new can come from a closed shard
                self.done.insert(shard_id);
                return Ok(());
            }
            None if self.reader.latest => (ShardIteratorType::Latest, None),
            None => (ShardIteratorType::TrimHorizon, None),
        };
        let input = GetShardIteratorInput::builder()
            .set_stream_arn(self.arn.clone())
            .shard_id(shard_id.as_str())
            .shard_iterator_type(kind)
            .set_sequence_number(sequence)
            .build()
            .map_err(crate::ops::build_error)?;
        let out: GetShardIteratorOutput = self
            .reader
            .db
            .send(&self.table(), Request::GetShardIterator(input))
            .await?;
        self.current = Some(Current {
            shard_id,
            iterator: out.shard_iterator,
        });
        Ok(())
    }

    /// One page of the current shard.
    async fn read(&mut self, current: Current) -> Result<()> {
        let Some(iterator) = current.iterator else {
            self.done.insert(current.shard_id);
            return Ok(());
        };
        let input = GetRecordsInput::builder()
            .shard_iterator(iterator.as_str())
            .set_limit(self.reader.limit)
            .build()
            .map_err(crate::ops::build_error)?;
        let out: GetRecordsOutput = self
            .reader
            .db
            .send(&self.table(), Request::GetRecords(input))
            .await?;
        let records = out.records.unwrap_or_default();
        let caught_up = records.is_empty();
        let table = self.table();
        for r in records {
            self.buffer
                .push_back(decode::<M>(r, &current.shard_id, &table));
        }
        match out.next_shard_iterator {
            // the shard is closed and read to its end
            None => {
                self.done.insert(current.shard_id);
            }
            Some(next) if caught_up => match self.reader.follow {
                Some(poll) => {
                    tokio::time::sleep(poll).await;
                    self.current = Some(Current {
                        shard_id: current.shard_id,
                        iterator: Some(next),
                    });
                }
                None => {
                    self.done.insert(current.shard_id);
                }
            },
            Some(next) => {
                self.current = Some(Current {
                    shard_id: current.shard_id,
                    iterator: Some(next),
                });
            }
        }
        Ok(())
    }
}

/// Orders shards so each comes after its parent (when both are listed).
fn parents_first(shards: Vec<Shard>) -> VecDeque<Shard> {
    let listed: HashSet<String> = shards
        .iter()
        .filter_map(|s| s.shard_id().map(str::to_owned))
        .collect();
    let mut placed: HashSet<String> = HashSet::new();
    let mut pending = shards;
    let mut out = VecDeque::new();
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for s in pending {
            let ready = s
                .parent_shard_id()
                .is_none_or(|p| !listed.contains(p) || placed.contains(p));
            if ready {
                placed.insert(s.shard_id().unwrap_or_default().to_owned());
                out.push_back(s);
            } else {
                rest.push(s);
            }
        }
        if rest.len() == before {
            // a cycle cannot happen in DynamoDB; keep what is left in order
            out.extend(rest);
            break;
        }
        pending = rest;
    }
    out
}

fn decode<M: DynoModel>(
    r: aws_sdk_dynamodbstreams::types::Record,
    shard_id: &str,
    table: &str,
) -> Result<Record<M>> {
    let Some(d) = r.dynamodb else {
        return Err(Error::backend(
            "MalformedStreamRecord",
            format!("a change of table {table} without its DynamoDB part"),
        ));
    };
    let image = |i: Option<StreamItem>| i.map(|i| M::from_item(item_to_dynamodb(i))).transpose();
    let change = match r.event_name {
        Some(OperationType::Insert) => Change::Insert {
            new: image(d.new_image)?,
        },
        Some(OperationType::Modify) => Change::Modify {
            old: image(d.old_image)?,
            new: image(d.new_image)?,
        },
        Some(OperationType::Remove) => Change::Remove {
            old: image(d.old_image)?,
        },
        other => {
            return Err(Error::backend(
                "UnknownStreamEvent",
                format!("a change of table {table} named {other:?}, which dynox does not know"),
            ))
        }
    };
    Ok(Record {
        change,
        keys: item_to_dynamodb(d.keys.unwrap_or_default()),
        shard_id: shard_id.to_owned(),
        sequence_number: d.sequence_number.unwrap_or_default(),
        created: d
            .approximate_creation_date_time
            .and_then(|t| std::time::SystemTime::try_from(t).ok()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(id: &str, parent: Option<&str>) -> Shard {
        Shard::builder()
            .shard_id(id)
            .set_parent_shard_id(parent.map(str::to_owned))
            .build()
    }

    #[test]
    fn children_come_after_their_parents() {
        let order: Vec<String> = parents_first(vec![
            shard("c2", Some("c1")),
            shard("c1", Some("root")),
            shard("other", Some("trimmed-away")),
            shard("root", None),
        ])
        .into_iter()
        .map(|s| s.shard_id().unwrap_or_default().to_owned())
        .collect();
        assert_eq!(order, vec!["other", "root", "c1", "c2"]);
    }
}
