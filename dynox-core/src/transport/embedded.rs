//! The embedded transport: dynoxide, a DynamoDB emulator on SQLite, in process.

use super::embedded_batch;
use super::embedded_convert::*;
use super::embedded_tables;
use super::{Request, Response, Transport};
use crate::Result;
use aws_sdk_dynamodb::operation as op;
use dynoxide::actions;
use futures::future::BoxFuture;

/// Runs requests on an in-process dynoxide engine, in memory or in a file.
///
/// Requests run on the calling task: the engine is in-process and each call
/// is short CPU work on SQLite, so a thread hop would cost more than it saves.
#[derive(Clone)]
pub struct EmbeddedTransport {
    db: dynoxide::Database,
}

impl std::fmt::Debug for EmbeddedTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedTransport").finish_non_exhaustive()
    }
}

impl EmbeddedTransport {
    /// A fresh in-memory engine.
    pub fn memory() -> Result<Self> {
        let db = dynoxide::Database::memory().map_err(map_error)?;
        Ok(EmbeddedTransport { db })
    }

    /// An engine kept in the SQLite file at `path` (created if missing).
    pub fn file(path: &str) -> Result<Self> {
        let db = dynoxide::Database::new(path).map_err(map_error)?;
        Ok(EmbeddedTransport { db })
    }

    fn execute(&self, request: Request) -> Result<Response> {
        let db = &self.db;
        Ok(match request {
            Request::PutItem(i) => {
                let out = db
                    .put_item(actions::put_item::PutItemRequest {
                        table_name: i.table_name.unwrap_or_default(),
                        item: to_engine_item(i.item.unwrap_or_default()),
                        return_values: return_values(i.return_values),
                        condition_expression: i.condition_expression,
                        expression_attribute_names: i.expression_attribute_names,
                        expression_attribute_values: opt_engine_item(i.expression_attribute_values),
                        return_consumed_capacity: consumed(i.return_consumed_capacity),
                        return_values_on_condition_check_failure: on_condition_failure(
                            i.return_values_on_condition_check_failure,
                        ),
                        ..Default::default()
                    })
                    .map_err(map_error)?;
                Response::PutItem(
                    op::put_item::PutItemOutput::builder()
                        .set_attributes(out.attributes.map(from_engine_item))
                        .set_consumed_capacity(capacity(out.consumed_capacity))
                        .build(),
                )
            }
            Request::GetItem(i) => {
                let out = db
                    .get_item(actions::get_item::GetItemRequest {
                        table_name: i.table_name.unwrap_or_default(),
                        key: to_engine_item(i.key.unwrap_or_default()),
                        consistent_read: i.consistent_read,
                        projection_expression: i.projection_expression,
                        expression_attribute_names: i.expression_attribute_names,
                        return_consumed_capacity: consumed(i.return_consumed_capacity),
                        ..Default::default()
                    })
                    .map_err(map_error)?;
                Response::GetItem(
                    op::get_item::GetItemOutput::builder()
                        .set_item(out.item.map(from_engine_item))
                        .set_consumed_capacity(capacity(out.consumed_capacity))
                        .build(),
                )
            }
            Request::UpdateItem(i) => {
                let out = db
                    .update_item(actions::update_item::UpdateItemRequest {
                        table_name: i.table_name.unwrap_or_default(),
                        key: to_engine_item(i.key.unwrap_or_default()),
                        update_expression: i.update_expression,
                        condition_expression: i.condition_expression,
                        expression_attribute_names: i.expression_attribute_names,
                        expression_attribute_values: opt_engine_item(i.expression_attribute_values),
                        return_values: return_values(i.return_values),
                        return_consumed_capacity: consumed(i.return_consumed_capacity),
                        return_values_on_condition_check_failure: on_condition_failure(
                            i.return_values_on_condition_check_failure,
                        ),
                        ..Default::default()
                    })
                    .map_err(map_error)?;
                Response::UpdateItem(
                    op::update_item::UpdateItemOutput::builder()
                        .set_attributes(out.attributes.map(from_engine_item))
                        .set_consumed_capacity(capacity(out.consumed_capacity))
                        .build(),
                )
            }
            Request::DeleteItem(i) => {
                let out = db
                    .delete_item(actions::delete_item::DeleteItemRequest {
                        table_name: i.table_name.unwrap_or_default(),
                        key: to_engine_item(i.key.unwrap_or_default()),
                        return_values: return_values(i.return_values),
                        condition_expression: i.condition_expression,
                        expression_attribute_names: i.expression_attribute_names,
                        expression_attribute_values: opt_engine_item(i.expression_attribute_values),
                        return_consumed_capacity: consumed(i.return_consumed_capacity),
                        return_values_on_condition_check_failure: on_condition_failure(
                            i.return_values_on_condition_check_failure,
                        ),
                        ..Default::default()
                    })
                    .map_err(map_error)?;
                Response::DeleteItem(
                    op::delete_item::DeleteItemOutput::builder()
                        .set_attributes(out.attributes.map(from_engine_item))
                        .set_consumed_capacity(capacity(out.consumed_capacity))
                        .build(),
                )
            }
            Request::Query(i) => {
                let out = db
                    .query(actions::query::QueryRequest {
                        table_name: i.table_name.unwrap_or_default(),
                        key_condition_expression: i.key_condition_expression,
                        filter_expression: i.filter_expression,
                        projection_expression: i.projection_expression,
                        expression_attribute_names: i.expression_attribute_names,
                        expression_attribute_values: opt_engine_item(i.expression_attribute_values),
                        // DynamoDB's default is forward; the engine's field is a plain bool
                        scan_index_forward: i.scan_index_forward.unwrap_or(true),
                        limit: limit(i.limit)?,
                        exclusive_start_key: opt_engine_item(i.exclusive_start_key),
                        select: i.select.map(|s| s.as_str().to_owned()),
                        consistent_read: i.consistent_read,
                        index_name: i.index_name,
                        return_consumed_capacity: consumed(i.return_consumed_capacity),
                        ..Default::default()
                    })
                    .map_err(map_error)?;
                Response::Query(
                    op::query::QueryOutput::builder()
                        .set_items(
                            out.items
                                .map(|v| v.into_iter().map(from_engine_item).collect()),
                        )
                        .count(count(out.count))
                        .scanned_count(count(out.scanned_count))
                        .set_last_evaluated_key(out.last_evaluated_key.map(from_engine_item))
                        .set_consumed_capacity(capacity(out.consumed_capacity))
                        .build(),
                )
            }
            Request::Scan(i) => {
                let out = db
                    .scan(actions::scan::ScanRequest {
                        table_name: i.table_name.unwrap_or_default(),
                        filter_expression: i.filter_expression,
                        projection_expression: i.projection_expression,
                        expression_attribute_names: i.expression_attribute_names,
                        expression_attribute_values: opt_engine_item(i.expression_attribute_values),
                        limit: limit(i.limit)?,
                        exclusive_start_key: opt_engine_item(i.exclusive_start_key),
                        select: i.select.map(|s| s.as_str().to_owned()),
                        consistent_read: i.consistent_read,
                        index_name: i.index_name,
                        segment: segment(i.segment)?,
                        total_segments: segment(i.total_segments)?,
                        return_consumed_capacity: consumed(i.return_consumed_capacity),
                        ..Default::default()
                    })
                    .map_err(map_error)?;
                Response::Scan(
                    op::scan::ScanOutput::builder()
                        .set_items(
                            out.items
                                .map(|v| v.into_iter().map(from_engine_item).collect()),
                        )
                        .count(count(out.count))
                        .scanned_count(count(out.scanned_count))
                        .set_last_evaluated_key(out.last_evaluated_key.map(from_engine_item))
                        .set_consumed_capacity(capacity(out.consumed_capacity))
                        .build(),
                )
            }
            Request::CreateTable(i) => Response::CreateTable(embedded_tables::create_table(db, i)?),
            Request::DescribeTable(i) => {
                Response::DescribeTable(embedded_tables::describe_table(db, i)?)
            }
            Request::DeleteTable(i) => Response::DeleteTable(embedded_tables::delete_table(db, i)?),
            Request::UpdateTimeToLive(i) => {
                Response::UpdateTimeToLive(embedded_tables::update_ttl(db, i)?)
            }
            Request::BatchGetItem(i) => Response::BatchGetItem(embedded_batch::batch_get(db, i)?),
            Request::BatchWriteItem(i) => {
                Response::BatchWriteItem(embedded_batch::batch_write(db, i)?)
            }
            Request::TransactWriteItems(i) => {
                Response::TransactWriteItems(embedded_batch::transact_write(db, i)?)
            }
            Request::TransactGetItems(i) => {
                Response::TransactGetItems(embedded_batch::transact_get(db, i)?)
            }
        })
    }
}

/// DynamoDB's Limit is a positive 32-bit number; anything else is its validation error.
fn limit(limit: Option<i32>) -> Result<Option<usize>> {
    match limit {
        None => Ok(None),
        Some(n) if n >= 1 => Ok(Some(n as usize)),
        Some(n) => Err(crate::Error::Validation {
            message: format!("Limit must be at least 1, got {n}"),
        }),
    }
}

fn segment(n: Option<i32>) -> Result<Option<u32>> {
    n.map(|n| {
        u32::try_from(n).map_err(|_| crate::Error::Validation {
            message: format!("Segment and TotalSegments must not be negative, got {n}"),
        })
    })
    .transpose()
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl Transport for EmbeddedTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        let result = self.execute(request);
        Box::pin(std::future::ready(result))
    }

    fn name(&self) -> &'static str {
        "embedded"
    }
}
