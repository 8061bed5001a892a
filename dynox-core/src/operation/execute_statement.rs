//! ExecuteStatement: one PartiQL statement, its parameters bound as values.

use super::support::*;
use aws_sdk_dynamodb::operation::execute_statement::{
    ExecuteStatementError, ExecuteStatementInput, ExecuteStatementOutput,
};

pub(crate) struct ExecuteStatement;

impl Operation for ExecuteStatement {
    type Input = ExecuteStatementInput;
    type Output = ExecuteStatementOutput;

    fn request_size(i: &ExecuteStatementInput) -> usize {
        let mut o = Object::new();
        o.str("Statement", i.statement.as_deref())
            .opt("Parameters", i.parameters.as_deref(), parameters)
            .opt("ConsistentRead", i.consistent_read.as_ref(), flag)
            .str("NextToken", i.next_token.as_deref())
            .opt("Limit", i.limit.as_ref(), |n| number_len(*n))
            .str(
                "ReturnConsumedCapacity",
                i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
            )
            .str(
                "ReturnValuesOnConditionCheckFailure",
                i.return_values_on_condition_check_failure
                    .as_ref()
                    .map(|v| v.as_str()),
            );
        o.len()
    }

    fn response_size(x: &ExecuteStatementOutput) -> usize {
        let mut o = Object::new();
        o.opt("Items", x.items.as_deref(), |v| array(v.iter().map(item)))
            .str("NextToken", x.next_token.as_deref())
            .opt("LastEvaluatedKey", x.last_evaluated_key.as_ref(), item)
            .opt("ConsumedCapacity", x.consumed_capacity.as_ref(), capacity);
        o.len()
    }

    fn items(x: &ExecuteStatementOutput) -> u64 {
        x.items.as_ref().map_or(0, |v| v.len() as u64)
    }

    fn consumed(x: &ExecuteStatementOutput) -> Option<Units> {
        Units::one(x.consumed_capacity.as_ref())
    }

    fn reads(i: &ExecuteStatementInput) -> Option<bool> {
        Some(is_select(i.statement.as_deref().unwrap_or_default()))
    }

    async fn send_aws(c: &Client, i: ExecuteStatementInput) -> Result<ExecuteStatementOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, condition_item))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: ExecuteStatementInput) -> Result<ExecuteStatementOutput> {
        let out = e
            .engine()
            .execute_statement(
                dynoxide::actions::execute_statement::ExecuteStatementRequest {
                    statement: i.statement.unwrap_or_default(),
                    parameters: i.parameters.map(|p| p.into_iter().map(to_engine).collect()),
                    // a negative limit cannot be rendered: dynox takes a `u32`
                    limit: i.limit.map(|n| usize::try_from(n).unwrap_or(0)),
                    next_token: i.next_token,
                    consistent_read: i.consistent_read,
                    return_consumed_capacity: consumed(i.return_consumed_capacity),
                    return_values_on_condition_check_failure: on_condition_failure(
                        i.return_values_on_condition_check_failure,
                    ),
                },
            )
            .map_err(map_error)?;
        Ok(ExecuteStatementOutput::builder()
            .set_items(
                out.items
                    .map(|v| v.into_iter().map(from_engine_item).collect()),
            )
            .set_next_token(out.next_token)
            .set_consumed_capacity(capacity_of(out.consumed_capacity))
            .build())
    }
}

/// Whether a statement reads: PartiQL for DynamoDB reads with `SELECT` only
/// (`INSERT`, `UPDATE`, `DELETE` write).
pub(super) fn is_select(statement: &str) -> bool {
    statement
        .trim_start()
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("select"))
}

/// `[value, ...]`: the bound parameters.
pub(super) fn parameters(p: &[sdk::AttributeValue]) -> usize {
    array(p.iter().map(value))
}

/// The stored item of a failed condition (`ReturnValuesOnConditionCheckFailure`).
fn condition_item(e: &ExecuteStatementError) -> Option<crate::Item> {
    match e {
        ExecuteStatementError::ConditionalCheckFailedException(c) => c.item().cloned(),
        _ => None,
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: ExecuteStatementInput,
) -> aws_sdk_dynamodb::operation::execute_statement::builders::ExecuteStatementFluentBuilder {
    c.execute_statement()
        .set_statement(i.statement)
        .set_parameters(i.parameters)
        .set_consistent_read(i.consistent_read)
        .set_next_token(i.next_token)
        .set_limit(i.limit)
        .set_return_consumed_capacity(i.return_consumed_capacity)
        .set_return_values_on_condition_check_failure(i.return_values_on_condition_check_failure)
}
