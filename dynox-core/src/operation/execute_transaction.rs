//! ExecuteTransaction: up to 100 PartiQL statements, all or nothing.

use super::execute_statement::{is_select, parameters};
use super::support::*;
use aws_sdk_dynamodb::operation::execute_transaction::{
    ExecuteTransactionInput, ExecuteTransactionOutput,
};

pub(crate) struct ExecuteTransaction;

fn statement(s: &sdk::ParameterizedStatement) -> usize {
    let mut o = Object::new();
    o.field("Statement", string_len(&s.statement))
        .opt("Parameters", s.parameters.as_deref(), parameters)
        .str(
            "ReturnValuesOnConditionCheckFailure",
            s.return_values_on_condition_check_failure
                .as_ref()
                .map(|v| v.as_str()),
        );
    o.len()
}

impl Operation for ExecuteTransaction {
    type Input = ExecuteTransactionInput;
    type Output = ExecuteTransactionOutput;

    fn request_size(i: &ExecuteTransactionInput) -> usize {
        let mut o = Object::new();
        o.opt(
            "TransactStatements",
            i.transact_statements.as_deref(),
            |v| array(v.iter().map(statement)),
        )
        .str("ClientRequestToken", i.client_request_token.as_deref())
        .str(
            "ReturnConsumedCapacity",
            i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
        );
        o.len()
    }

    fn response_size(x: &ExecuteTransactionOutput) -> usize {
        let mut o = Object::new();
        o.opt("Responses", x.responses.as_deref(), |v| {
            array(v.iter().map(|r| {
                let mut o = Object::new();
                o.opt("Item", r.item.as_ref(), item);
                o.len()
            }))
        })
        .opt(
            "ConsumedCapacity",
            x.consumed_capacity.as_deref(),
            capacities,
        );
        o.len()
    }

    fn items(x: &ExecuteTransactionOutput) -> u64 {
        x.responses
            .as_ref()
            .map_or(0, |v| v.iter().filter(|r| r.item.is_some()).count() as u64)
    }

    fn consumed(x: &ExecuteTransactionOutput) -> Option<Units> {
        Units::many(x.consumed_capacity.as_deref())
    }

    /// DynamoDB takes all reads or all writes in one request.
    fn reads(i: &ExecuteTransactionInput) -> Option<bool> {
        i.transact_statements
            .as_deref()
            .map(|v| v.iter().all(|s| is_select(&s.statement)))
    }

    async fn send_aws(c: &Client, i: ExecuteTransactionInput) -> Result<ExecuteTransactionOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(map_transaction_error)
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: ExecuteTransactionInput) -> Result<ExecuteTransactionOutput> {
        use dynoxide::actions::execute_transaction as et;
        let transact_statements = i
            .transact_statements
            .unwrap_or_default()
            .into_iter()
            .map(|s| et::ParameterizedStatement {
                statement: s.statement,
                parameters: s.parameters.map(|p| p.into_iter().map(to_engine).collect()),
                return_values_on_condition_check_failure: on_condition_failure(
                    s.return_values_on_condition_check_failure,
                ),
            })
            .collect();
        let out = e
            .engine()
            .execute_transaction(et::ExecuteTransactionRequest {
                transact_statements,
                client_request_token: i.client_request_token,
                return_consumed_capacity: consumed(i.return_consumed_capacity),
            })
            .map_err(map_engine_transaction_error)?;
        let responses = out.responses.map(|v| {
            v.into_iter()
                .map(|r| {
                    sdk::ItemResponse::builder()
                        .set_item(r.item.map(from_engine_item))
                        .build()
                })
                .collect()
        });
        Ok(ExecuteTransactionOutput::builder()
            .set_responses(responses)
            .set_consumed_capacity(capacities_of(out.consumed_capacity))
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: ExecuteTransactionInput,
) -> aws_sdk_dynamodb::operation::execute_transaction::builders::ExecuteTransactionFluentBuilder {
    c.execute_transaction()
        .set_transact_statements(i.transact_statements)
        .set_client_request_token(i.client_request_token)
        .set_return_consumed_capacity(i.return_consumed_capacity)
}
