//! DescribeTable: the table's status, keys and indexes.

use super::support::*;
use aws_sdk_dynamodb::operation::describe_table::{DescribeTableInput, DescribeTableOutput};

pub(crate) struct DescribeTable;

impl Operation for DescribeTable {
    type Input = DescribeTableInput;
    type Output = DescribeTableOutput;

    fn request_size(i: &DescribeTableInput) -> usize {
        let mut o = Object::new();
        o.str("TableName", i.table_name.as_deref());
        o.len()
    }

    fn response_size(_: &DescribeTableOutput) -> usize {
        Object::new().len()
    }

    async fn send_aws(c: &Client, i: DescribeTableInput) -> Result<DescribeTableOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: DescribeTableInput) -> Result<DescribeTableOutput> {
        let out = e
            .engine()
            .describe_table(dynoxide::actions::describe_table::DescribeTableRequest {
                table_name: i.table_name.unwrap_or_default(),
            })
            .map_err(map_error)?;
        Ok(DescribeTableOutput::builder()
            .table(crate::transport::embedded_schema::describe(out.table)?)
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: DescribeTableInput,
) -> aws_sdk_dynamodb::operation::describe_table::builders::DescribeTableFluentBuilder {
    c.describe_table().set_table_name(i.table_name)
}
