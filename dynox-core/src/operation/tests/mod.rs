//! The AWS transport copies each input onto the SDK's fluent builder member
//! by member (the SDK offers no way to send an input value as it is). These
//! tests check that every member dynox renders survives the copy: when the
//! operation layer starts rendering a new member, set it here too.

use aws_sdk_dynamodb::config::{BehaviorVersion, Region};
use aws_sdk_dynamodb::operation as op;
use aws_sdk_dynamodb::types::*;
use aws_sdk_dynamodb::Client;
use std::collections::HashMap;

fn client() -> crate::transport::AwsClients {
    // building a client opens no connection
    crate::transport::AwsClients::new(
        Client::from_conf(
            aws_sdk_dynamodb::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new("us-east-1"))
                .build(),
        ),
        None,
    )
}

fn streams_client() -> aws_sdk_dynamodbstreams::Client {
    aws_sdk_dynamodbstreams::Client::from_conf(
        aws_sdk_dynamodbstreams::Config::builder()
            .behavior_version(aws_sdk_dynamodbstreams::config::BehaviorVersion::latest())
            .region(aws_sdk_dynamodbstreams::config::Region::new("us-east-1"))
            .build(),
    )
}

fn item() -> HashMap<String, AttributeValue> {
    [("pk".to_owned(), AttributeValue::S("a".into()))].into()
}

fn names() -> HashMap<String, String> {
    [("#n".to_owned(), "name".to_owned())].into()
}

fn values() -> HashMap<String, AttributeValue> {
    [(":v".to_owned(), AttributeValue::N("1".into()))].into()
}

/// Checks that `module::aws_request` keeps every member of `input`.
macro_rules! keeps_every_member {
    ($module:ident, $input:expr) => {
        keeps_every_member!($module, $input, client())
    };
    ($module:ident, $input:expr, $client:expr) => {{
        let input = $input.build().expect("a valid input");
        let copied = crate::operation::$module::aws_request(&$client, input.clone())
            .as_input()
            .clone()
            .build()
            .expect("a valid input");
        assert_eq!(copied, input, "{}", stringify!($module));
    }};
}

#[test]
fn item_operations_keep_every_member() {
    keeps_every_member!(
        put_item,
        op::put_item::PutItemInput::builder()
            .table_name("t")
            .set_item(Some(item()))
            .condition_expression("attribute_exists(#n) AND :v = :v")
            .set_expression_attribute_names(Some(names()))
            .set_expression_attribute_values(Some(values()))
            .return_values(ReturnValue::AllOld)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .return_item_collection_metrics(ReturnItemCollectionMetrics::Size)
    );
    keeps_every_member!(
        get_item,
        op::get_item::GetItemInput::builder()
            .table_name("t")
            .set_key(Some(item()))
            .consistent_read(true)
            .projection_expression("#n")
            .set_expression_attribute_names(Some(names()))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
    );
    keeps_every_member!(
        update_item,
        op::update_item::UpdateItemInput::builder()
            .table_name("t")
            .set_key(Some(item()))
            .update_expression("SET #n = :v")
            .condition_expression("attribute_exists(#n)")
            .set_expression_attribute_names(Some(names()))
            .set_expression_attribute_values(Some(values()))
            .return_values(ReturnValue::AllNew)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .return_item_collection_metrics(ReturnItemCollectionMetrics::Size)
    );
    keeps_every_member!(
        delete_item,
        op::delete_item::DeleteItemInput::builder()
            .table_name("t")
            .set_key(Some(item()))
            .condition_expression("#n = :v")
            .set_expression_attribute_names(Some(names()))
            .set_expression_attribute_values(Some(values()))
            .return_values(ReturnValue::AllOld)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .return_item_collection_metrics(ReturnItemCollectionMetrics::Size)
    );
}

#[test]
fn reads_keep_every_member() {
    keeps_every_member!(
        query,
        op::query::QueryInput::builder()
            .table_name("t")
            .index_name("i")
            .key_condition_expression("#n = :v")
            .filter_expression("#n = :v")
            .projection_expression("#n")
            .set_expression_attribute_names(Some(names()))
            .set_expression_attribute_values(Some(values()))
            .scan_index_forward(false)
            .limit(7)
            .set_exclusive_start_key(Some(item()))
            .select(Select::Count)
            .consistent_read(true)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
    );
    keeps_every_member!(
        scan,
        op::scan::ScanInput::builder()
            .table_name("t")
            .index_name("i")
            .filter_expression("#n = :v")
            .projection_expression("#n")
            .set_expression_attribute_names(Some(names()))
            .set_expression_attribute_values(Some(values()))
            .limit(7)
            .set_exclusive_start_key(Some(item()))
            .select(Select::Count)
            .consistent_read(true)
            .segment(1)
            .total_segments(4)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
    );
}

#[test]
fn batches_and_transactions_keep_every_member() {
    let keys = KeysAndAttributes::builder()
        .keys(item())
        .projection_expression("#n")
        .set_expression_attribute_names(Some(names()))
        .consistent_read(true)
        .build()
        .expect("keys");
    keeps_every_member!(
        batch_get_item,
        op::batch_get_item::BatchGetItemInput::builder()
            .request_items("t", keys)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
    );
    let put = PutRequest::builder()
        .set_item(Some(item()))
        .build()
        .expect("put");
    keeps_every_member!(
        batch_write_item,
        op::batch_write_item::BatchWriteItemInput::builder()
            .request_items("t", vec![WriteRequest::builder().put_request(put).build()])
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .return_item_collection_metrics(ReturnItemCollectionMetrics::Size)
    );
    let check = ConditionCheck::builder()
        .table_name("t")
        .set_key(Some(item()))
        .condition_expression("#n = :v")
        .set_expression_attribute_names(Some(names()))
        .set_expression_attribute_values(Some(values()))
        .build()
        .expect("check");
    keeps_every_member!(
        transact_write_items,
        op::transact_write_items::TransactWriteItemsInput::builder()
            .transact_items(TransactWriteItem::builder().condition_check(check).build())
            .client_request_token("token")
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .return_item_collection_metrics(ReturnItemCollectionMetrics::Size)
    );
    let get = Get::builder()
        .table_name("t")
        .set_key(Some(item()))
        .projection_expression("#n")
        .set_expression_attribute_names(Some(names()))
        .build()
        .expect("get");
    keeps_every_member!(
        transact_get_items,
        op::transact_get_items::TransactGetItemsInput::builder()
            .transact_items(TransactGetItem::builder().get(get).build())
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
    );
}

mod tables;

/// A legacy-API condition (`Expected`) and filter (`Condition`).
fn expected() -> ExpectedAttributeValue {
    ExpectedAttributeValue::builder().exists(false).build()
}

fn condition() -> Condition {
    Condition::builder()
        .comparison_operator(ComparisonOperator::Eq)
        .attribute_value_list(AttributeValue::S("a".into()))
        .build()
        .expect("condition")
}

/// The SDK transport sends the members of DynamoDB's legacy API as given
/// (dynox never renders them; a request sent through `Transport::send`
/// may have them, and dropping `Expected` would drop a condition).
#[test]
fn legacy_members_survive_the_copy() {
    keeps_every_member!(
        put_item,
        op::put_item::PutItemInput::builder()
            .table_name("t")
            .set_item(Some(item()))
            .expected("pk", expected())
            .conditional_operator(ConditionalOperator::And)
    );
    keeps_every_member!(
        update_item,
        op::update_item::UpdateItemInput::builder()
            .table_name("t")
            .set_key(Some(item()))
            .attribute_updates(
                "n",
                AttributeValueUpdate::builder()
                    .action(AttributeAction::Put)
                    .value(AttributeValue::N("1".into()))
                    .build(),
            )
            .expected("pk", expected())
            .conditional_operator(ConditionalOperator::Or)
    );
    keeps_every_member!(
        delete_item,
        op::delete_item::DeleteItemInput::builder()
            .table_name("t")
            .set_key(Some(item()))
            .expected("pk", expected())
            .conditional_operator(ConditionalOperator::And)
    );
    keeps_every_member!(
        get_item,
        op::get_item::GetItemInput::builder()
            .table_name("t")
            .set_key(Some(item()))
            .attributes_to_get("pk")
    );
    keeps_every_member!(
        query,
        op::query::QueryInput::builder()
            .table_name("t")
            .key_conditions("pk", condition())
            .query_filter("n", condition())
            .attributes_to_get("pk")
            .conditional_operator(ConditionalOperator::And)
    );
    keeps_every_member!(
        scan,
        op::scan::ScanInput::builder()
            .table_name("t")
            .scan_filter("n", condition())
            .attributes_to_get("pk")
            .conditional_operator(ConditionalOperator::Or)
    );
}
