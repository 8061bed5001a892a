//! DescribeStream (DynamoDB Streams): a stream's shards, a page at a time.

use super::support::*;
use aws_sdk_dynamodbstreams::operation::describe_stream::{
    DescribeStreamInput, DescribeStreamOutput,
};
use aws_sdk_dynamodbstreams::types as streams;

pub(crate) struct DescribeStream;

fn shard(s: &streams::Shard) -> usize {
    let mut o = Object::new();
    o.str("ShardId", s.shard_id.as_deref())
        .str("ParentShardId", s.parent_shard_id.as_deref())
        .opt(
            "SequenceNumberRange",
            s.sequence_number_range.as_ref(),
            |r| {
                let mut o = Object::new();
                o.str(
                    "StartingSequenceNumber",
                    r.starting_sequence_number.as_deref(),
                )
                .str("EndingSequenceNumber", r.ending_sequence_number.as_deref());
                o.len()
            },
        );
    o.len()
}

impl Operation for DescribeStream {
    type Input = DescribeStreamInput;
    type Output = DescribeStreamOutput;

    fn request_size(i: &DescribeStreamInput) -> usize {
        let mut o = Object::new();
        o.str("StreamArn", i.stream_arn.as_deref())
            .opt("Limit", i.limit.as_ref(), |n| number_len(*n))
            .str(
                "ExclusiveStartShardId",
                i.exclusive_start_shard_id.as_deref(),
            );
        o.len()
    }

    fn response_size(x: &DescribeStreamOutput) -> usize {
        let mut o = Object::new();
        o.opt("StreamDescription", x.stream_description.as_ref(), |d| {
            let mut o = Object::new();
            o.str("StreamArn", d.stream_arn.as_deref())
                .str("StreamLabel", d.stream_label.as_deref())
                .str("StreamStatus", d.stream_status.as_ref().map(|s| s.as_str()))
                .str(
                    "StreamViewType",
                    d.stream_view_type.as_ref().map(|s| s.as_str()),
                )
                .str("TableName", d.table_name.as_deref())
                .opt("Shards", d.shards.as_deref(), |v| {
                    array(v.iter().map(shard))
                })
                .str("LastEvaluatedShardId", d.last_evaluated_shard_id.as_deref());
            o.len()
        });
        o.len()
    }

    async fn send_aws(c: &Client, i: DescribeStreamInput) -> Result<DescribeStreamOutput> {
        aws_request(c.streams()?, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: DescribeStreamInput) -> Result<DescribeStreamOutput> {
        let out = e
            .engine()
            .describe_stream(dynoxide::actions::describe_stream::DescribeStreamRequest {
                stream_arn: i.stream_arn.unwrap_or_default(),
                exclusive_start_shard_id: i.exclusive_start_shard_id,
                limit: i.limit.map(|n| usize::try_from(n).unwrap_or(0)),
            })
            .map_err(map_error)?;
        let d = out.stream_description;
        let shards = d
            .shards
            .into_iter()
            .map(|s| {
                streams::Shard::builder()
                    .shard_id(s.shard_id)
                    .sequence_number_range(
                        streams::SequenceNumberRange::builder()
                            .set_starting_sequence_number(
                                s.sequence_number_range.starting_sequence_number,
                            )
                            .set_ending_sequence_number(
                                s.sequence_number_range.ending_sequence_number,
                            )
                            .build(),
                    )
                    .build()
            })
            .collect();
        Ok(DescribeStreamOutput::builder()
            .stream_description(
                streams::StreamDescription::builder()
                    .stream_arn(d.stream_arn)
                    .stream_label(d.stream_label)
                    .stream_status(streams::StreamStatus::from(d.stream_status.as_str()))
                    .stream_view_type(streams::StreamViewType::from(d.stream_view_type.as_str()))
                    .table_name(d.table_name)
                    .set_shards(Some(shards))
                    .build(),
            )
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &aws_sdk_dynamodbstreams::Client,
    i: DescribeStreamInput,
) -> aws_sdk_dynamodbstreams::operation::describe_stream::builders::DescribeStreamFluentBuilder {
    c.describe_stream()
        .set_stream_arn(i.stream_arn)
        .set_limit(i.limit)
        .set_exclusive_start_shard_id(i.exclusive_start_shard_id)
}
