//! The embedded engine's batch and transaction operations: the SDK's input
//! types carried into dynoxide's request types and its answers back.

use super::embedded_convert::*;
use crate::error::CancellationReason;
use crate::{Error, Result};
use aws_sdk_dynamodb::operation::{
    batch_get_item::{BatchGetItemInput, BatchGetItemOutput},
    batch_write_item::{BatchWriteItemInput, BatchWriteItemOutput},
    transact_get_items::{TransactGetItemsInput, TransactGetItemsOutput},
    transact_write_items::{TransactWriteItemsInput, TransactWriteItemsOutput},
};
use aws_sdk_dynamodb::types as sdk;
use dynoxide::actions::{batch_get_item as bg, batch_write_item as bw};
use dynoxide::actions::{transact_get_items as tg, transact_write_items as tw};
use std::collections::HashMap;

pub(super) fn batch_get(
    db: &dynoxide::Database,
    i: BatchGetItemInput,
) -> Result<BatchGetItemOutput> {
    let request_items = i
        .request_items
        .unwrap_or_default()
        .into_iter()
        .map(|(table, k)| {
            let keys = bg::KeysAndAttributes {
                keys: k.keys.into_iter().map(to_engine_item).collect(),
                projection_expression: k.projection_expression,
                expression_attribute_names: k.expression_attribute_names,
                consistent_read: k.consistent_read,
                ..Default::default()
            };
            (table, keys)
        })
        .collect();
    let out = db
        .batch_get_item(bg::BatchGetItemRequest {
            request_items,
            return_consumed_capacity: consumed(i.return_consumed_capacity),
        })
        .map_err(map_error)?;
    let responses = out
        .responses
        .into_iter()
        .map(|(t, items)| (t, items.into_iter().map(from_engine_item).collect()))
        .collect();
    let mut unprocessed = HashMap::new();
    for (table, json) in out.unprocessed_keys {
        unprocessed.insert(table, unprocessed_keys(json)?);
    }
    Ok(BatchGetItemOutput::builder()
        .set_responses(Some(responses))
        .set_unprocessed_keys(Some(unprocessed))
        .set_consumed_capacity(capacities(out.consumed_capacity))
        .build())
}

/// The engine hands back unprocessed keys (a response over 16 MB) as
/// DynamoDB's JSON; read them into the SDK's type.
fn unprocessed_keys(json: serde_json::Value) -> Result<sdk::KeysAndAttributes> {
    let malformed = |e: &dyn std::fmt::Display| {
        Error::backend(
            "EmbeddedEngineError",
            format!("unreadable UnprocessedKeys: {e}"),
        )
    };
    let keys: Vec<HashMap<String, dynoxide::AttributeValue>> =
        serde_json::from_value(json.get("Keys").cloned().unwrap_or_default())
            .map_err(|e| malformed(&e))?;
    let names: Option<HashMap<String, String>> = json
        .get("ExpressionAttributeNames")
        .cloned()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| malformed(&e))?;
    sdk::KeysAndAttributes::builder()
        .set_keys(Some(keys.into_iter().map(from_engine_item).collect()))
        .set_projection_expression(
            json.get("ProjectionExpression")
                .and_then(|v| v.as_str())
                .map(str::to_owned),
        )
        .set_expression_attribute_names(names)
        .set_consistent_read(json.get("ConsistentRead").and_then(|v| v.as_bool()))
        .build()
        .map_err(|e| malformed(&e))
}

pub(super) fn batch_write(
    db: &dynoxide::Database,
    i: BatchWriteItemInput,
) -> Result<BatchWriteItemOutput> {
    let request_items = i
        .request_items
        .unwrap_or_default()
        .into_iter()
        .map(|(table, writes)| {
            let writes = writes
                .into_iter()
                .map(|w| bw::WriteRequest {
                    put_request: w.put_request.map(|p| bw::PutRequest {
                        item: to_engine_item(p.item),
                    }),
                    delete_request: w.delete_request.map(|d| bw::DeleteRequest {
                        key: to_engine_item(d.key),
                    }),
                })
                .collect();
            (table, writes)
        })
        .collect();
    let out = db
        .batch_write_item(bw::BatchWriteItemRequest {
            request_items,
            return_consumed_capacity: consumed(i.return_consumed_capacity),
            return_item_collection_metrics: None,
        })
        .map_err(map_error)?;
    // the engine writes every item of an accepted batch; it never leaves any unprocessed
    Ok(BatchWriteItemOutput::builder()
        .set_unprocessed_items(Some(HashMap::new()))
        .set_consumed_capacity(capacities(out.consumed_capacity))
        .build())
}

pub(super) fn transact_write(
    db: &dynoxide::Database,
    i: TransactWriteItemsInput,
) -> Result<TransactWriteItemsOutput> {
    let on_failure =
        |v: Option<sdk::ReturnValuesOnConditionCheckFailure>| v.map(|v| v.as_str().to_owned());
    let transact_items = i
        .transact_items
        .unwrap_or_default()
        .into_iter()
        .map(|t| tw::TransactWriteItem {
            put: t.put.map(|p| tw::TransactPut {
                table_name: p.table_name,
                item: to_engine_item(p.item),
                condition_expression: p.condition_expression,
                expression_attribute_names: p.expression_attribute_names,
                expression_attribute_values: opt_engine_item(p.expression_attribute_values),
                return_values_on_condition_check_failure: on_failure(
                    p.return_values_on_condition_check_failure,
                ),
            }),
            update: t.update.map(|u| tw::TransactUpdate {
                table_name: u.table_name,
                key: to_engine_item(u.key),
                update_expression: u.update_expression,
                condition_expression: u.condition_expression,
                expression_attribute_names: u.expression_attribute_names,
                expression_attribute_values: opt_engine_item(u.expression_attribute_values),
                return_values_on_condition_check_failure: on_failure(
                    u.return_values_on_condition_check_failure,
                ),
            }),
            delete: t.delete.map(|d| tw::TransactDelete {
                table_name: d.table_name,
                key: to_engine_item(d.key),
                condition_expression: d.condition_expression,
                expression_attribute_names: d.expression_attribute_names,
                expression_attribute_values: opt_engine_item(d.expression_attribute_values),
                return_values_on_condition_check_failure: on_failure(
                    d.return_values_on_condition_check_failure,
                ),
            }),
            condition_check: t.condition_check.map(|c| tw::TransactConditionCheck {
                table_name: c.table_name,
                key: to_engine_item(c.key),
                condition_expression: c.condition_expression,
                expression_attribute_names: c.expression_attribute_names,
                expression_attribute_values: opt_engine_item(c.expression_attribute_values),
                return_values_on_condition_check_failure: on_failure(
                    c.return_values_on_condition_check_failure,
                ),
            }),
        })
        .collect();
    let out = db
        .transact_write_items(tw::TransactWriteItemsRequest {
            transact_items,
            client_request_token: i.client_request_token,
            return_consumed_capacity: consumed(i.return_consumed_capacity),
            return_item_collection_metrics: None,
        })
        .map_err(map_transaction_error)?;
    Ok(TransactWriteItemsOutput::builder()
        .set_consumed_capacity(capacities(out.consumed_capacity))
        .build())
}

pub(super) fn transact_get(
    db: &dynoxide::Database,
    i: TransactGetItemsInput,
) -> Result<TransactGetItemsOutput> {
    let transact_items = i
        .transact_items
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| t.get)
        .map(|g| tg::TransactGetItem {
            get: tg::TransactGet {
                table_name: g.table_name,
                key: to_engine_item(g.key),
                projection_expression: g.projection_expression,
                expression_attribute_names: g.expression_attribute_names,
            },
        })
        .collect();
    let out = db
        .transact_get_items(tg::TransactGetItemsRequest {
            transact_items,
            return_consumed_capacity: consumed(i.return_consumed_capacity),
        })
        .map_err(map_transaction_error)?;
    let responses = out
        .responses
        .into_iter()
        .map(|r| {
            sdk::ItemResponse::builder()
                .set_item(r.item.map(from_engine_item))
                .build()
        })
        .collect();
    Ok(TransactGetItemsOutput::builder()
        .set_responses(Some(responses))
        .set_consumed_capacity(capacities(out.consumed_capacity))
        .build())
}

fn capacities(
    c: Option<Vec<dynoxide::types::ConsumedCapacity>>,
) -> Option<Vec<sdk::ConsumedCapacity>> {
    c.map(|v| v.into_iter().filter_map(|c| capacity(Some(c))).collect())
}

/// A cancelled transaction with one reason per item (`None` where DynamoDB
/// says `"None"`), as the AWS transport reports it.
fn map_transaction_error(err: dynoxide::DynoxideError) -> Error {
    match err {
        dynoxide::DynoxideError::TransactionCanceledException(_, reasons) => {
            Error::TransactionCanceled {
                reasons: reasons
                    .into_iter()
                    .map(|r| {
                        (r.code != "None").then(|| CancellationReason {
                            code: r.code,
                            message: r.message,
                            item: r.item.map(from_engine_item),
                        })
                    })
                    .collect(),
            }
        }
        other => map_error(other),
    }
}
