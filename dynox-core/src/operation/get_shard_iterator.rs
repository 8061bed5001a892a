//! GetShardIterator (DynamoDB Streams): where to start reading a shard.

use super::support::*;
use aws_sdk_dynamodbstreams::operation::get_shard_iterator::{
    GetShardIteratorInput, GetShardIteratorOutput,
};

pub(crate) struct GetShardIterator;

impl Operation for GetShardIterator {
    type Input = GetShardIteratorInput;
    type Output = GetShardIteratorOutput;

    fn request_size(i: &GetShardIteratorInput) -> usize {
        let mut o = Object::new();
        o.str("StreamArn", i.stream_arn.as_deref())
            .str("ShardId", i.shard_id.as_deref())
            .str(
                "ShardIteratorType",
                i.shard_iterator_type.as_ref().map(|t| t.as_str()),
            )
            .str("SequenceNumber", i.sequence_number.as_deref());
        o.len()
    }

    fn response_size(x: &GetShardIteratorOutput) -> usize {
        let mut o = Object::new();
        o.str("ShardIterator", x.shard_iterator.as_deref());
        o.len()
    }

    fn reads(_: &GetShardIteratorInput) -> Option<bool> {
        Some(true)
    }

    async fn send_aws(c: &Client, i: GetShardIteratorInput) -> Result<GetShardIteratorOutput> {
        aws_request(c.streams()?, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: GetShardIteratorInput) -> Result<GetShardIteratorOutput> {
        let out = e
            .engine()
            .get_shard_iterator(
                dynoxide::actions::get_shard_iterator::GetShardIteratorRequest {
                    stream_arn: i.stream_arn.unwrap_or_default(),
                    shard_id: i.shard_id.unwrap_or_default(),
                    shard_iterator_type: i
                        .shard_iterator_type
                        .map(|t| t.as_str().to_owned())
                        .unwrap_or_default(),
                    sequence_number: i.sequence_number,
                },
            )
            .map_err(map_error)?;
        Ok(GetShardIteratorOutput::builder()
            .set_shard_iterator(out.shard_iterator)
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &aws_sdk_dynamodbstreams::Client,
    i: GetShardIteratorInput,
) -> aws_sdk_dynamodbstreams::operation::get_shard_iterator::builders::GetShardIteratorFluentBuilder
{
    c.get_shard_iterator()
        .set_stream_arn(i.stream_arn)
        .set_shard_id(i.shard_id)
        .set_shard_iterator_type(i.shard_iterator_type)
        .set_sequence_number(i.sequence_number)
}
