//! BatchExecuteStatement: up to 25 PartiQL statements, each succeeding or
//! failing on its own.

use super::execute_statement::{is_select, parameters};
use super::support::*;
use aws_sdk_dynamodb::operation::batch_execute_statement::{
    BatchExecuteStatementInput, BatchExecuteStatementOutput,
};

pub(crate) struct BatchExecuteStatement;

fn statement(s: &sdk::BatchStatementRequest) -> usize {
    let mut o = Object::new();
    o.field("Statement", string_len(&s.statement))
        .opt("Parameters", s.parameters.as_deref(), parameters)
        .opt("ConsistentRead", s.consistent_read.as_ref(), flag)
        .str(
            "ReturnValuesOnConditionCheckFailure",
            s.return_values_on_condition_check_failure
                .as_ref()
                .map(|v| v.as_str()),
        );
    o.len()
}

fn response(r: &sdk::BatchStatementResponse) -> usize {
    let mut o = Object::new();
    o.opt("Error", r.error.as_ref(), |e| {
        let mut o = Object::new();
        o.str("Code", e.code.as_ref().map(|c| c.as_str()))
            .str("Message", e.message.as_deref())
            .opt("Item", e.item.as_ref(), item);
        o.len()
    })
    .str("TableName", r.table_name.as_deref())
    .opt("Item", r.item.as_ref(), item);
    o.len()
}

impl Operation for BatchExecuteStatement {
    type Input = BatchExecuteStatementInput;
    type Output = BatchExecuteStatementOutput;

    fn request_size(i: &BatchExecuteStatementInput) -> usize {
        let mut o = Object::new();
        o.opt("Statements", i.statements.as_deref(), |v| {
            array(v.iter().map(statement))
        })
        .str(
            "ReturnConsumedCapacity",
            i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
        );
        o.len()
    }

    fn response_size(x: &BatchExecuteStatementOutput) -> usize {
        let mut o = Object::new();
        o.opt("Responses", x.responses.as_deref(), |v| {
            array(v.iter().map(response))
        })
        .opt(
            "ConsumedCapacity",
            x.consumed_capacity.as_deref(),
            capacities,
        );
        o.len()
    }

    fn items(x: &BatchExecuteStatementOutput) -> u64 {
        x.responses
            .as_ref()
            .map_or(0, |v| v.iter().filter(|r| r.item.is_some()).count() as u64)
    }

    fn consumed(x: &BatchExecuteStatementOutput) -> Option<Units> {
        Units::many(x.consumed_capacity.as_deref())
    }

    /// DynamoDB takes all reads or all writes in one request.
    fn reads(i: &BatchExecuteStatementInput) -> Option<bool> {
        i.statements
            .as_deref()
            .map(|v| v.iter().all(|s| is_select(&s.statement)))
    }

    async fn send_aws(
        c: &Client,
        i: BatchExecuteStatementInput,
    ) -> Result<BatchExecuteStatementOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(
        e: &Engine,
        i: BatchExecuteStatementInput,
    ) -> Result<BatchExecuteStatementOutput> {
        use dynoxide::actions::batch_execute_statement as be;
        let statements = i
            .statements
            .unwrap_or_default()
            .into_iter()
            .map(|s| {
                // non-exhaustive: the engine keeps a member of its own
                let mut member = be::BatchStatementRequest::default();
                member.statement = s.statement;
                member.parameters = s.parameters.map(|p| p.into_iter().map(to_engine).collect());
                member.consistent_read = s.consistent_read;
                member.return_values_on_condition_check_failure =
                    on_condition_failure(s.return_values_on_condition_check_failure);
                member
            })
            .collect();
        let out = e
            .engine()
            .batch_execute_statement(be::BatchExecuteStatementRequest {
                statements,
                return_consumed_capacity: consumed(i.return_consumed_capacity),
            })
            .map_err(map_error)?;
        let responses = out
            .responses
            .into_iter()
            .map(|r| {
                sdk::BatchStatementResponse::builder()
                    .set_error(r.error.map(|e| {
                        sdk::BatchStatementError::builder()
                            .code(sdk::BatchStatementErrorCodeEnum::from(e.code.as_str()))
                            .message(e.message)
                            .set_item(e.item.map(from_engine_item))
                            .build()
                    }))
                    .set_table_name(r.table_name)
                    .set_item(r.item.map(from_engine_item))
                    .build()
            })
            .collect();
        Ok(BatchExecuteStatementOutput::builder()
            .set_responses(Some(responses))
            .set_consumed_capacity(capacities_of(out.consumed_capacity))
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: BatchExecuteStatementInput,
) -> aws_sdk_dynamodb::operation::batch_execute_statement::builders::BatchExecuteStatementFluentBuilder{
    c.batch_execute_statement()
        .set_statements(i.statements)
        .set_return_consumed_capacity(i.return_consumed_capacity)
}
