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
        let copied = super::$module::aws_request(&$client, input.clone())
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

#[test]
fn table_operations_keep_every_member() {
    let key = KeySchemaElement::builder()
        .attribute_name("pk")
        .key_type(KeyType::Hash)
        .build()
        .expect("key");
    let throughput = ProvisionedThroughput::builder()
        .read_capacity_units(1)
        .write_capacity_units(1)
        .build()
        .expect("throughput");
    let projection = Projection::builder()
        .projection_type(ProjectionType::Include)
        .non_key_attributes("name")
        .build();
    keeps_every_member!(
        create_table,
        op::create_table::CreateTableInput::builder()
            .table_name("t")
            .key_schema(key.clone())
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("pk")
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .expect("definition")
            )
            .global_secondary_indexes(
                GlobalSecondaryIndex::builder()
                    .index_name("g")
                    .key_schema(key.clone())
                    .projection(projection.clone())
                    .provisioned_throughput(throughput.clone())
                    .build()
                    .expect("gsi")
            )
            .local_secondary_indexes(
                LocalSecondaryIndex::builder()
                    .index_name("l")
                    .key_schema(key)
                    .projection(projection)
                    .build()
                    .expect("lsi")
            )
            .billing_mode(BillingMode::Provisioned)
            .provisioned_throughput(throughput)
            .stream_specification(
                StreamSpecification::builder()
                    .stream_enabled(true)
                    .stream_view_type(StreamViewType::NewAndOldImages)
                    .build()
                    .expect("stream")
            )
            .tags(Tag::builder().key("k").value("v").build().expect("tag"))
            .sse_specification(
                SseSpecification::builder()
                    .enabled(true)
                    .sse_type(SseType::Kms)
                    .kms_master_key_id("alias/k")
                    .build()
            )
            .table_class(TableClass::StandardInfrequentAccess)
            .deletion_protection_enabled(true)
    );
    keeps_every_member!(
        describe_table,
        op::describe_table::DescribeTableInput::builder().table_name("t")
    );
    keeps_every_member!(
        delete_table,
        op::delete_table::DeleteTableInput::builder().table_name("t")
    );
    keeps_every_member!(
        update_time_to_live,
        op::update_time_to_live::UpdateTimeToLiveInput::builder()
            .table_name("t")
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name("ttl")
                    .enabled(true)
                    .build()
                    .expect("spec")
            )
    );
}

#[test]
fn partiql_operations_keep_every_member() {
    let param = AttributeValue::S("a".into());
    keeps_every_member!(
        execute_statement,
        op::execute_statement::ExecuteStatementInput::builder()
            .statement("SELECT * FROM \"t\" WHERE pk = ?")
            .parameters(param.clone())
            .consistent_read(true)
            .next_token("token")
            .limit(10)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
    );
    keeps_every_member!(
        batch_execute_statement,
        op::batch_execute_statement::BatchExecuteStatementInput::builder()
            .statements(
                BatchStatementRequest::builder()
                    .statement("DELETE FROM \"t\" WHERE pk = ?")
                    .parameters(param.clone())
                    .consistent_read(true)
                    .return_values_on_condition_check_failure(
                        ReturnValuesOnConditionCheckFailure::AllOld
                    )
                    .build()
                    .expect("statement")
            )
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
    );
    keeps_every_member!(
        execute_transaction,
        op::execute_transaction::ExecuteTransactionInput::builder()
            .transact_statements(
                ParameterizedStatement::builder()
                    .statement("UPDATE \"t\" SET n = ? WHERE pk = ?")
                    .parameters(param.clone())
                    .parameters(param)
                    .return_values_on_condition_check_failure(
                        ReturnValuesOnConditionCheckFailure::AllOld
                    )
                    .build()
                    .expect("statement")
            )
            .client_request_token("token")
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
    );
}

#[test]
fn a_select_reads_and_other_statements_write() {
    use super::execute_statement::is_select;
    assert!(is_select("SELECT * FROM t"));
    assert!(is_select("  select a FROM t"));
    assert!(!is_select("INSERT INTO t VALUE {'pk': ?}"));
    assert!(!is_select("UPDATE t SET selected = 1"));
    assert!(!is_select("SEL"));
}

#[test]
fn table_updates_and_listings_keep_every_member() {
    keeps_every_member!(
        update_table,
        op::update_table::UpdateTableInput::builder()
            .table_name("t")
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("email")
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .expect("definition")
            )
            .global_secondary_index_updates(
                GlobalSecondaryIndexUpdate::builder()
                    .delete(
                        DeleteGlobalSecondaryIndexAction::builder()
                            .index_name("old")
                            .build()
                            .expect("delete")
                    )
                    .build()
            )
            .stream_specification(
                StreamSpecification::builder()
                    .stream_enabled(true)
                    .stream_view_type(StreamViewType::NewImage)
                    .build()
                    .expect("stream")
            )
            .provisioned_throughput(
                ProvisionedThroughput::builder()
                    .read_capacity_units(1)
                    .write_capacity_units(1)
                    .build()
                    .expect("throughput")
            )
            .billing_mode(BillingMode::Provisioned)
            .table_class(TableClass::Standard)
            .deletion_protection_enabled(false)
    );
    keeps_every_member!(
        list_tags_of_resource,
        op::list_tags_of_resource::ListTagsOfResourceInput::builder()
            .resource_arn("arn:aws:dynamodb:us-east-1:000000000000:table/t")
            .next_token("n")
    );
    keeps_every_member!(
        list_tables,
        op::list_tables::ListTablesInput::builder()
            .exclusive_start_table_name("a")
            .limit(5)
    );
}

#[test]
fn stream_operations_keep_every_member() {
    use aws_sdk_dynamodbstreams::operation as streams;
    use aws_sdk_dynamodbstreams::types::ShardIteratorType;
    keeps_every_member!(
        describe_stream,
        streams::describe_stream::DescribeStreamInput::builder()
            .stream_arn("arn")
            .limit(10)
            .exclusive_start_shard_id("s"),
        streams_client()
    );
    keeps_every_member!(
        get_shard_iterator,
        streams::get_shard_iterator::GetShardIteratorInput::builder()
            .stream_arn("arn")
            .shard_id("s")
            .shard_iterator_type(ShardIteratorType::AfterSequenceNumber)
            .sequence_number("1"),
        streams_client()
    );
    keeps_every_member!(
        get_records,
        streams::get_records::GetRecordsInput::builder()
            .shard_iterator("it")
            .limit(100),
        streams_client()
    );
}
