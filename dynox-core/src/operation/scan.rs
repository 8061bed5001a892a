//! Scan: one page of one segment of a table or index.

#[cfg(feature = "embedded")]
use super::shared::legacy_refused;
use super::shared::{page_answer, page_response_size, read_members};
use super::support::*;
use aws_sdk_dynamodb::operation::scan::{ScanInput, ScanOutput};

pub(crate) struct Scan;

impl Operation for Scan {
    type Input = ScanInput;
    type Output = ScanOutput;

    const LEAN: Option<Codec<ScanInput, ScanOutput>> = Some(Codec {
        target: "DynamoDB_20120810.Scan",
        write: lean_body,
        read: page_answer!(ScanOutput, "Scan"),
        carries: |i| !legacy(i) && i.table_name.as_deref().is_some_and(out::named),
        keeps_item: false,
    });

    fn request_size(i: &ScanInput) -> usize {
        let mut o = Object::new();
        read_members!(i).size_into(&mut o);
        o.opt("Segment", i.segment.as_ref(), |n| number_len(*n))
            .opt("TotalSegments", i.total_segments.as_ref(), |n| {
                number_len(*n)
            });
        o.len()
    }

    fn response_size(x: &ScanOutput) -> usize {
        page_response_size(
            x.items.as_deref(),
            x.count,
            x.scanned_count,
            x.last_evaluated_key.as_ref(),
            x.consumed_capacity.as_ref(),
        )
    }

    fn items(x: &ScanOutput) -> u64 {
        x.count.max(0) as u64
    }

    fn consumed(x: &ScanOutput) -> Option<Units> {
        Units::one(x.consumed_capacity.as_ref())
    }

    fn scanned(x: &ScanOutput) -> u64 {
        u64::try_from(x.scanned_count).unwrap_or(0)
    }

    async fn send_aws(c: &Client, i: ScanInput) -> Result<ScanOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: ScanInput) -> Result<ScanOutput> {
        if legacy(&i) {
            return Err(legacy_refused("Scan"));
        }
        e.page(i.limit, |limit| {
            let i = i.clone();
            let out = e
                .engine()
                .scan(dynoxide::actions::scan::ScanRequest {
                    table_name: i.table_name.unwrap_or_default(),
                    filter_expression: i.filter_expression,
                    projection_expression: i.projection_expression,
                    expression_attribute_names: i.expression_attribute_names,
                    expression_attribute_values: opt_engine_item(i.expression_attribute_values),
                    limit,
                    exclusive_start_key: opt_engine_item(i.exclusive_start_key),
                    select: i.select.map(|s| s.as_str().to_owned()),
                    consistent_read: i.consistent_read,
                    index_name: i.index_name,
                    segment: segment(i.segment)?,
                    total_segments: segment(i.total_segments)?,
                    return_consumed_capacity: consumed(i.return_consumed_capacity),
                    // the legacy API: refused above
                    attributes_to_get: None,
                    scan_filter: None,
                    conditional_operator: None,
                    exclusive_start_key_raw: None,
                })
                .map_err(map_error)?;
            Ok(page_output!(ScanOutput, out))
        })
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: ScanInput,
) -> aws_sdk_dynamodb::operation::scan::builders::ScanFluentBuilder {
    c.scan()
        .set_table_name(i.table_name)
        .set_attributes_to_get(i.attributes_to_get)
        .set_scan_filter(i.scan_filter)
        .set_conditional_operator(i.conditional_operator)
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
}

/// The body, in the SDK serializer's member order.
fn lean_body(i: &ScanInput, o: &mut out::Object<'_>) {
    out::string(o, "TableName", i.table_name.as_deref());
    out::string(o, "IndexName", i.index_name.as_deref());
    out::integer(o, "Limit", i.limit);
    out::string(o, "Select", i.select.as_ref().map(|v| v.as_str()));
    out::item(o, "ExclusiveStartKey", i.exclusive_start_key.as_ref());
    out::string(
        o,
        "ReturnConsumedCapacity",
        i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
    );
    out::integer(o, "TotalSegments", i.total_segments);
    out::integer(o, "Segment", i.segment);
    out::string(
        o,
        "ProjectionExpression",
        i.projection_expression.as_deref(),
    );
    out::string(o, "FilterExpression", i.filter_expression.as_deref());
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
    out::boolean(o, "ConsistentRead", i.consistent_read);
}

/// Whether the input has members of DynamoDB's legacy API, which dynox
/// never renders: the SDK transports send them, the embedded engine
/// refuses them.
fn legacy(i: &ScanInput) -> bool {
    i.attributes_to_get.is_some() || i.scan_filter.is_some() || i.conditional_operator.is_some()
}
