//! The AWS SDK transport: DynamoDB, DynamoDB Local, or any compatible endpoint.

use super::aws_errors::{map_sdk_error, map_transaction_error, ConditionItem};
use super::{Request, Response, Transport};
use crate::Result;
use aws_sdk_dynamodb::Client;
use futures::future::BoxFuture;
use futures::FutureExt;

/// Sends requests with the official `aws-sdk-dynamodb` client. Credentials,
/// region, retries and timeouts are the client's own configuration.
#[derive(Clone, Debug)]
pub struct AwsTransport {
    client: Client,
}

impl AwsTransport {
    /// Wraps an SDK client.
    pub fn new(client: Client) -> Self {
        AwsTransport { client }
    }

    /// The wrapped SDK client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    async fn send_request(&self, request: Request) -> Result<Response> {
        let c = &self.client;
        // Each arm copies the rendered input's fields onto the SDK's fluent
        // builder (the SDK offers no way to send an input value directly).
        Ok(match request {
            Request::PutItem(i) => Response::PutItem(
                c.put_item()
                    .set_table_name(i.table_name)
                    .set_item(i.item)
                    .set_condition_expression(i.condition_expression)
                    .set_expression_attribute_names(i.expression_attribute_names)
                    .set_expression_attribute_values(i.expression_attribute_values)
                    .set_return_values(i.return_values)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .set_return_values_on_condition_check_failure(
                        i.return_values_on_condition_check_failure,
                    )
                    .set_return_item_collection_metrics(i.return_item_collection_metrics)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::from_put))?,
            ),
            Request::GetItem(i) => Response::GetItem(
                c.get_item()
                    .set_table_name(i.table_name)
                    .set_key(i.key)
                    .set_consistent_read(i.consistent_read)
                    .set_projection_expression(i.projection_expression)
                    .set_expression_attribute_names(i.expression_attribute_names)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::none))?,
            ),
            Request::UpdateItem(i) => Response::UpdateItem(
                c.update_item()
                    .set_table_name(i.table_name)
                    .set_key(i.key)
                    .set_update_expression(i.update_expression)
                    .set_condition_expression(i.condition_expression)
                    .set_expression_attribute_names(i.expression_attribute_names)
                    .set_expression_attribute_values(i.expression_attribute_values)
                    .set_return_values(i.return_values)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .set_return_values_on_condition_check_failure(
                        i.return_values_on_condition_check_failure,
                    )
                    .set_return_item_collection_metrics(i.return_item_collection_metrics)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::from_update))?,
            ),
            Request::DeleteItem(i) => Response::DeleteItem(
                c.delete_item()
                    .set_table_name(i.table_name)
                    .set_key(i.key)
                    .set_condition_expression(i.condition_expression)
                    .set_expression_attribute_names(i.expression_attribute_names)
                    .set_expression_attribute_values(i.expression_attribute_values)
                    .set_return_values(i.return_values)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .set_return_values_on_condition_check_failure(
                        i.return_values_on_condition_check_failure,
                    )
                    .set_return_item_collection_metrics(i.return_item_collection_metrics)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::from_delete))?,
            ),
            Request::CreateTable(i) => Response::CreateTable(
                c.create_table()
                    .set_table_name(i.table_name)
                    .set_key_schema(i.key_schema)
                    .set_attribute_definitions(i.attribute_definitions)
                    .set_global_secondary_indexes(i.global_secondary_indexes)
                    .set_local_secondary_indexes(i.local_secondary_indexes)
                    .set_billing_mode(i.billing_mode)
                    .set_provisioned_throughput(i.provisioned_throughput)
                    .set_stream_specification(i.stream_specification)
                    .set_tags(i.tags)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::none))?,
            ),
            Request::DescribeTable(i) => Response::DescribeTable(
                c.describe_table()
                    .set_table_name(i.table_name)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::none))?,
            ),
            Request::DeleteTable(i) => Response::DeleteTable(
                c.delete_table()
                    .set_table_name(i.table_name)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::none))?,
            ),
            Request::Query(i) => Response::Query(
                c.query()
                    .set_table_name(i.table_name)
                    .set_index_name(i.index_name)
                    .set_key_condition_expression(i.key_condition_expression)
                    .set_filter_expression(i.filter_expression)
                    .set_projection_expression(i.projection_expression)
                    .set_expression_attribute_names(i.expression_attribute_names)
                    .set_expression_attribute_values(i.expression_attribute_values)
                    .set_scan_index_forward(i.scan_index_forward)
                    .set_limit(i.limit)
                    .set_exclusive_start_key(i.exclusive_start_key)
                    .set_select(i.select)
                    .set_consistent_read(i.consistent_read)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::none))?,
            ),
            Request::Scan(i) => Response::Scan(
                c.scan()
                    .set_table_name(i.table_name)
                    .set_index_name(i.index_name)
                    .set_filter_expression(i.filter_expression)
                    .set_projection_expression(i.projection_expression)
                    .set_expression_attribute_names(i.expression_attribute_names)
                    .set_expression_attribute_values(i.expression_attribute_values)
                    .set_limit(i.limit)
                    .set_exclusive_start_key(i.exclusive_start_key)
                    .set_select(i.select)
                    .set_consistent_read(i.consistent_read)
                    .set_segment(i.segment)
                    .set_total_segments(i.total_segments)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::none))?,
            ),
            Request::BatchGetItem(i) => Response::BatchGetItem(
                c.batch_get_item()
                    .set_request_items(i.request_items)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::none))?,
            ),
            Request::BatchWriteItem(i) => Response::BatchWriteItem(
                c.batch_write_item()
                    .set_request_items(i.request_items)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .set_return_item_collection_metrics(i.return_item_collection_metrics)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::none))?,
            ),
            Request::TransactWriteItems(i) => Response::TransactWriteItems(
                c.transact_write_items()
                    .set_transact_items(i.transact_items)
                    .set_client_request_token(i.client_request_token)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .set_return_item_collection_metrics(i.return_item_collection_metrics)
                    .send()
                    .await
                    .map_err(map_transaction_error)?,
            ),
            Request::TransactGetItems(i) => Response::TransactGetItems(
                c.transact_get_items()
                    .set_transact_items(i.transact_items)
                    .set_return_consumed_capacity(i.return_consumed_capacity)
                    .send()
                    .await
                    .map_err(map_transaction_error)?,
            ),
            Request::UpdateTimeToLive(i) => Response::UpdateTimeToLive(
                c.update_time_to_live()
                    .set_table_name(i.table_name)
                    .set_time_to_live_specification(i.time_to_live_specification)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error(e, ConditionItem::none))?,
            ),
        })
    }
}

impl Transport for AwsTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        self.send_request(request).boxed()
    }

    fn name(&self) -> &'static str {
        "aws"
    }
}
