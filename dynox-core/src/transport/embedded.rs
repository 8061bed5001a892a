//! The embedded transport: dynoxide, a DynamoDB emulator on SQLite, in process.

use super::embedded_batch;
use super::embedded_convert::*;
use super::embedded_reads::{self, PageRows};
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
    page_rows: PageRows,
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
        Ok(EmbeddedTransport {
            db,
            page_rows: PageRows::default(),
        })
    }

    /// An engine kept in the SQLite file at `path` (created if missing).
    pub fn file(path: &str) -> Result<Self> {
        let db = dynoxide::Database::new(path).map_err(map_error)?;
        Ok(EmbeddedTransport {
            db,
            page_rows: PageRows::default(),
        })
    }

    /// One page of a Query or Scan. Without a Limit, dynoxide loads every
    /// remaining row of the partition or table before it cuts the page at
    /// 1 MB, so each page would cost memory and time in proportion to all the
    /// rest. A page read with any Limit above the rows it evaluates is the
    /// same page (items, LastEvaluatedKey, counts, capacity), so ask for a
    /// likely number of rows and double it while the engine uses them all.
    fn page<O: embedded_reads::PageOutput>(
        &self,
        limit: Option<i32>,
        mut read: impl FnMut(Option<usize>) -> Result<O>,
    ) -> Result<O> {
        if limit.is_some() {
            return read(embedded_reads::limit(limit)?);
        }
        let mut rows = self.page_rows.guess();
        loop {
            let out = read(Some(rows))?;
            let scanned = out.scanned();
            if scanned < rows {
                if out.has_more() {
                    self.page_rows.learn(scanned);
                }
                return Ok(out);
            }
            rows = rows.saturating_mul(2);
        }
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
            Request::Query(i) => Response::Query(
                self.page(i.limit, |limit| embedded_reads::query(db, i.clone(), limit))?,
            ),
            Request::Scan(i) => Response::Scan(
                self.page(i.limit, |limit| embedded_reads::scan(db, i.clone(), limit))?,
            ),
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

impl Transport for EmbeddedTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        let result = self.execute(request);
        Box::pin(std::future::ready(result))
    }

    fn name(&self) -> &'static str {
        "embedded"
    }
}
