//! ListTables: the names of the account's tables in the region, a page at
//! a time.

use super::support::*;
use aws_sdk_dynamodb::operation::list_tables::{ListTablesInput, ListTablesOutput};

pub(crate) struct ListTables;

impl Operation for ListTables {
    type Input = ListTablesInput;
    type Output = ListTablesOutput;

    fn request_size(i: &ListTablesInput) -> usize {
        let mut o = Object::new();
        o.str(
            "ExclusiveStartTableName",
            i.exclusive_start_table_name.as_deref(),
        )
        .opt("Limit", i.limit.as_ref(), |n| number_len(*n));
        o.len()
    }

    fn response_size(x: &ListTablesOutput) -> usize {
        let mut o = Object::new();
        o.opt("TableNames", x.table_names.as_deref(), |v| {
            array(v.iter().map(|n| string_len(n)))
        })
        .str(
            "LastEvaluatedTableName",
            x.last_evaluated_table_name.as_deref(),
        );
        o.len()
    }

    async fn send_aws(c: &Client, i: ListTablesInput) -> Result<ListTablesOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: ListTablesInput) -> Result<ListTablesOutput> {
        let out = e
            .engine()
            .list_tables(dynoxide::actions::list_tables::ListTablesRequest {
                exclusive_start_table_name: i.exclusive_start_table_name,
                limit: i.limit.map(i64::from),
            })
            .map_err(map_error)?;
        Ok(ListTablesOutput::builder()
            .set_table_names(Some(out.table_names))
            .set_last_evaluated_table_name(out.last_evaluated_table_name)
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: ListTablesInput,
) -> aws_sdk_dynamodb::operation::list_tables::builders::ListTablesFluentBuilder {
    c.list_tables()
        .set_exclusive_start_table_name(i.exclusive_start_table_name)
        .set_limit(i.limit)
}
