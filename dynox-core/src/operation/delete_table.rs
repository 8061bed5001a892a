//! DeleteTable: the table and every item in it.

use super::support::*;
use aws_sdk_dynamodb::operation::delete_table::{DeleteTableInput, DeleteTableOutput};

pub(crate) struct DeleteTable;

impl Operation for DeleteTable {
    type Input = DeleteTableInput;
    type Output = DeleteTableOutput;

    fn request_size(i: &DeleteTableInput) -> usize {
        let mut o = Object::new();
        o.str("TableName", i.table_name.as_deref());
        o.len()
    }

    fn response_size(_: &DeleteTableOutput) -> usize {
        Object::new().len()
    }

    async fn send_aws(c: &Client, i: DeleteTableInput) -> Result<DeleteTableOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: DeleteTableInput) -> Result<DeleteTableOutput> {
        let out = e
            .engine()
            .delete_table(dynoxide::actions::delete_table::DeleteTableRequest {
                table_name: i.table_name.unwrap_or_default(),
            })
            .map_err(map_error)?;
        Ok(DeleteTableOutput::builder()
            .table_description(crate::transport::embedded_schema::describe(
                out.table_description,
            )?)
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: DeleteTableInput,
) -> aws_sdk_dynamodb::operation::delete_table::builders::DeleteTableFluentBuilder {
    c.delete_table().set_table_name(i.table_name)
}
