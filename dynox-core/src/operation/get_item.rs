//! GetItem: reads one item by its key.

#[cfg(feature = "embedded")]
use super::shared::legacy_refused;
use super::support::*;
use aws_sdk_dynamodb::operation::get_item::{GetItemInput, GetItemOutput};

pub(crate) struct GetItem;

impl Operation for GetItem {
    type Input = GetItemInput;
    type Output = GetItemOutput;

    const LEAN: Option<Codec<GetItemInput, GetItemOutput>> = Some(Codec {
        target: "DynamoDB_20120810.GetItem",
        write: lean_body,
        read: lean_answer,
        carries: |i| !legacy(i) && i.table_name.as_deref().is_some_and(out::named),
        keeps_item: false,
    });

    fn request_size(i: &GetItemInput) -> usize {
        let mut o = Object::new();
        o.str("TableName", i.table_name.as_deref())
            .opt("Key", i.key.as_ref(), item)
            .opt("ConsistentRead", i.consistent_read.as_ref(), flag)
            .str("ProjectionExpression", i.projection_expression.as_deref())
            .opt(
                "ExpressionAttributeNames",
                i.expression_attribute_names.as_ref(),
                names,
            )
            .str(
                "ReturnConsumedCapacity",
                i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
            );
        o.len()
    }

    fn response_size(x: &GetItemOutput) -> usize {
        let mut o = Object::new();
        o.opt("Item", x.item.as_ref(), item).opt(
            "ConsumedCapacity",
            x.consumed_capacity.as_ref(),
            capacity,
        );
        o.len()
    }

    fn items(x: &GetItemOutput) -> u64 {
        u64::from(x.item.is_some())
    }

    fn consumed(x: &GetItemOutput) -> Option<Units> {
        Units::one(x.consumed_capacity.as_ref())
    }

    async fn send_aws(c: &Client, i: GetItemInput) -> Result<GetItemOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: GetItemInput) -> Result<GetItemOutput> {
        if legacy(&i) {
            return Err(legacy_refused("GetItem"));
        }
        let out = e
            .engine()
            .get_item(dynoxide::actions::get_item::GetItemRequest {
                table_name: i.table_name.unwrap_or_default(),
                key: to_engine_item(i.key.unwrap_or_default()),
                consistent_read: i.consistent_read,
                projection_expression: i.projection_expression,
                expression_attribute_names: i.expression_attribute_names,
                return_consumed_capacity: consumed(i.return_consumed_capacity),
                // the legacy API: refused above
                attributes_to_get: None,
            })
            .map_err(map_error)?;
        Ok(GetItemOutput::builder()
            .set_item(out.item.map(from_engine_item))
            .set_consumed_capacity(capacity_of(out.consumed_capacity))
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: GetItemInput,
) -> aws_sdk_dynamodb::operation::get_item::builders::GetItemFluentBuilder {
    c.get_item()
        .set_table_name(i.table_name)
        .set_attributes_to_get(i.attributes_to_get)
        .set_key(i.key)
        .set_consistent_read(i.consistent_read)
        .set_projection_expression(i.projection_expression)
        .set_expression_attribute_names(i.expression_attribute_names)
        .set_return_consumed_capacity(i.return_consumed_capacity)
}

/// The body, in the SDK serializer's member order.
fn lean_body(i: &GetItemInput, o: &mut out::Object<'_>) {
    out::string(o, "TableName", i.table_name.as_deref());
    out::item(o, "Key", i.key.as_ref());
    out::boolean(o, "ConsistentRead", i.consistent_read);
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
    out::names(
        o,
        "ExpressionAttributeNames",
        i.expression_attribute_names.as_ref(),
    );
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AnswerJ {
    item: Option<read::ItemJ>,
    consumed_capacity: Option<read::ConsumedJ>,
}

fn lean_answer(body: &[u8]) -> Result<GetItemOutput> {
    let a: AnswerJ = read::parse("GetItem", body)?;
    Ok(GetItemOutput::builder()
        .set_item(a.item.map(|i| i.0))
        .set_consumed_capacity(read::consumed(a.consumed_capacity))
        .build())
}

/// Whether the input has members of DynamoDB's legacy API, which dynox
/// never renders: the SDK transports send them, the embedded engine
/// refuses them.
fn legacy(i: &GetItemInput) -> bool {
    i.attributes_to_get.is_some()
}
