//! GetRecords (DynamoDB Streams): the next changes of a shard.

use super::support::*;
use crate::streams::convert::item_len;
use aws_sdk_dynamodbstreams::operation::get_records::{GetRecordsInput, GetRecordsOutput};
use aws_sdk_dynamodbstreams::types as streams;

pub(crate) struct GetRecords;

fn record(r: &streams::Record) -> usize {
    let mut o = Object::new();
    o.str("eventID", r.event_id.as_deref())
        .str("eventName", r.event_name.as_ref().map(|n| n.as_str()))
        .str("eventVersion", r.event_version.as_deref())
        .str("eventSource", r.event_source.as_deref())
        .str("awsRegion", r.aws_region.as_deref())
        .opt("dynamodb", r.dynamodb.as_ref(), |d| {
            let mut o = Object::new();
            o.opt("Keys", d.keys.as_ref(), item_len)
                .opt("NewImage", d.new_image.as_ref(), item_len)
                .opt("OldImage", d.old_image.as_ref(), item_len)
                .str("SequenceNumber", d.sequence_number.as_deref())
                .opt("SizeBytes", d.size_bytes.as_ref(), |n| n.to_string().len())
                .str(
                    "StreamViewType",
                    d.stream_view_type.as_ref().map(|v| v.as_str()),
                );
            o.len()
        });
    o.len()
}

impl Operation for GetRecords {
    type Input = GetRecordsInput;
    type Output = GetRecordsOutput;

    fn request_size(i: &GetRecordsInput) -> usize {
        let mut o = Object::new();
        o.str("ShardIterator", i.shard_iterator.as_deref())
            .opt("Limit", i.limit.as_ref(), |n| number_len(*n));
        o.len()
    }

    fn response_size(x: &GetRecordsOutput) -> usize {
        let mut o = Object::new();
        o.opt("Records", x.records.as_deref(), |v| {
            array(v.iter().map(record))
        })
        .str("NextShardIterator", x.next_shard_iterator.as_deref());
        o.len()
    }

    fn items(x: &GetRecordsOutput) -> u64 {
        x.records.as_ref().map_or(0, |v| v.len() as u64)
    }

    fn reads(_: &GetRecordsInput) -> Option<bool> {
        Some(true)
    }

    async fn send_aws(c: &Client, i: GetRecordsInput) -> Result<GetRecordsOutput> {
        aws_request(c.streams()?, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: GetRecordsInput) -> Result<GetRecordsOutput> {
        use crate::streams::convert::item_from_engine;
        let out = e
            .engine()
            .get_records(dynoxide::actions::get_records::GetRecordsRequest {
                shard_iterator: i.shard_iterator.unwrap_or_default(),
                limit: i.limit.map(|n| usize::try_from(n).unwrap_or(0)),
            })
            .map_err(map_error)?;
        let records = out
            .records
            .into_iter()
            .map(|r| {
                let d = r.dynamodb;
                streams::Record::builder()
                    .event_id(r.event_id)
                    .event_name(streams::OperationType::from(r.event_name.as_str()))
                    .event_version(r.event_version)
                    .event_source(r.event_source)
                    .aws_region(r.aws_region)
                    .dynamodb(
                        streams::StreamRecord::builder()
                            .set_keys(Some(item_from_engine(d.keys)))
                            .set_new_image(d.new_image.map(item_from_engine))
                            .set_old_image(d.old_image.map(item_from_engine))
                            .sequence_number(d.sequence_number)
                            .size_bytes(d.size_bytes)
                            .stream_view_type(streams::StreamViewType::from(
                                d.stream_view_type.as_str(),
                            ))
                            .approximate_creation_date_time(
                                aws_smithy_types::DateTime::from_secs_f64(
                                    d.approximate_creation_date_time,
                                ),
                            )
                            .build(),
                    )
                    .build()
            })
            .collect();
        Ok(GetRecordsOutput::builder()
            .set_records(Some(records))
            .set_next_shard_iterator(out.next_shard_iterator)
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &aws_sdk_dynamodbstreams::Client,
    i: GetRecordsInput,
) -> aws_sdk_dynamodbstreams::operation::get_records::builders::GetRecordsFluentBuilder {
    c.get_records()
        .set_shard_iterator(i.shard_iterator)
        .set_limit(i.limit)
}
