//! Query: one page of the items of one partition (of the table or an index).

#[cfg(feature = "embedded")]
use super::shared::legacy_refused;
use super::shared::{page_answer, page_response_size, read_members};
use super::support::*;
use aws_sdk_dynamodb::operation::query::{QueryInput, QueryOutput};

pub(crate) struct Query;

impl Operation for Query {
    type Input = QueryInput;
    type Output = QueryOutput;

    const LEAN: Option<Codec<QueryInput, QueryOutput>> = Some(Codec {
        target: "DynamoDB_20120810.Query",
        write: lean_body,
        read: page_answer!(QueryOutput, "Query"),
        carries: |i| !legacy(i) && i.table_name.as_deref().is_some_and(out::named),
        keeps_item: false,
    });

    fn request_size(i: &QueryInput) -> usize {
        let mut o = Object::new();
        read_members!(i).size_into(&mut o);
        o.str(
            "KeyConditionExpression",
            i.key_condition_expression.as_deref(),
        )
        .opt("ScanIndexForward", i.scan_index_forward.as_ref(), flag);
        o.len()
    }

    fn response_size(x: &QueryOutput) -> usize {
        page_response_size(
            x.items.as_deref(),
            x.count,
            x.scanned_count,
            x.last_evaluated_key.as_ref(),
            x.consumed_capacity.as_ref(),
        )
    }

    fn items(x: &QueryOutput) -> u64 {
        x.count.max(0) as u64
    }

    fn consumed(x: &QueryOutput) -> Option<Units> {
        Units::one(x.consumed_capacity.as_ref())
    }

    fn scanned(x: &QueryOutput) -> u64 {
        u64::try_from(x.scanned_count).unwrap_or(0)
    }

    async fn send_aws(c: &Client, i: QueryInput) -> Result<QueryOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: QueryInput) -> Result<QueryOutput> {
        if legacy(&i) {
            return Err(legacy_refused("Query"));
        }
        e.page(i.limit, |limit| {
            let i = i.clone();
            let out = e
                .engine()
                .query(dynoxide::actions::query::QueryRequest {
                    table_name: i.table_name.unwrap_or_default(),
                    key_condition_expression: i.key_condition_expression,
                    filter_expression: i.filter_expression,
                    projection_expression: i.projection_expression,
                    expression_attribute_names: i.expression_attribute_names,
                    expression_attribute_values: opt_engine_item(i.expression_attribute_values),
                    // DynamoDB's default is forward; the engine's field is a plain bool
                    scan_index_forward: i.scan_index_forward.unwrap_or(true),
                    limit,
                    exclusive_start_key: opt_engine_item(i.exclusive_start_key),
                    select: i.select.map(|s| s.as_str().to_owned()),
                    consistent_read: i.consistent_read,
                    index_name: i.index_name,
                    return_consumed_capacity: consumed(i.return_consumed_capacity),
                    // the legacy API: refused above
                    key_conditions: None,
                    attributes_to_get: None,
                    query_filter: None,
                    conditional_operator: None,
                    exclusive_start_key_raw: None,
                })
                .map_err(map_error)?;
            Ok(page_output!(QueryOutput, out))
        })
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: QueryInput,
) -> aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
    c.query()
        .set_table_name(i.table_name)
        .set_attributes_to_get(i.attributes_to_get)
        .set_key_conditions(i.key_conditions)
        .set_query_filter(i.query_filter)
        .set_conditional_operator(i.conditional_operator)
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
}

/// The body, in the SDK serializer's member order.
fn lean_body(i: &QueryInput, o: &mut out::Object<'_>) {
    out::string(o, "TableName", i.table_name.as_deref());
    out::string(o, "IndexName", i.index_name.as_deref());
    out::string(o, "Select", i.select.as_ref().map(|v| v.as_str()));
    out::integer(o, "Limit", i.limit);
    out::boolean(o, "ConsistentRead", i.consistent_read);
    out::boolean(o, "ScanIndexForward", i.scan_index_forward);
    out::item(o, "ExclusiveStartKey", i.exclusive_start_key.as_ref());
    out::string(
        o,
        "ReturnConsumedCapacity",
        i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
    );
    out::string(
        o,
        "ProjectionExpression",
        i.projection_expression.as_deref(),
    );
    out::string(o, "FilterExpression", i.filter_expression.as_deref());
    out::string(
        o,
        "KeyConditionExpression",
        i.key_condition_expression.as_deref(),
    );
    out::names(
        o,
        "ExpressionAttributeNames",
        i.expression_attribute_names.as_ref(),
    );
    out::item(
        o,
        "ExpressionAttributeValues",
        i.expression_attribute_values.as_ref(),
    );
}

/// Whether the input has members of DynamoDB's legacy API, which dynox
/// never renders: the SDK transports send them, the embedded engine
/// refuses them.
fn legacy(i: &QueryInput) -> bool {
    i.attributes_to_get.is_some()
        || i.key_conditions.is_some()
        || i.query_filter.is_some()
        || i.conditional_operator.is_some()
}
