//! Table, listing, stream and PartiQL operations: every member survives
//! the copy onto the SDK's builder.

use super::*;

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
    use crate::operation::execute_statement::is_select;
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
