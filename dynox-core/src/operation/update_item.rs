//! UpdateItem: changes attributes of one item in place.

#[cfg(feature = "embedded")]
use super::shared::legacy_refused;
use super::shared::{write_answer, write_members, write_response_size};
use super::support::*;
use aws_sdk_dynamodb::operation::update_item::{UpdateItemInput, UpdateItemOutput};

pub(crate) struct UpdateItem;

impl Operation for UpdateItem {
    type Input = UpdateItemInput;
    type Output = UpdateItemOutput;

    const LEAN: Option<Codec<UpdateItemInput, UpdateItemOutput>> = Some(Codec {
        target: "DynamoDB_20120810.UpdateItem",
        write: lean_body,
        read: write_answer!(UpdateItemOutput, "UpdateItem"),
        carries: |i| !legacy(i) && i.table_name.as_deref().is_some_and(out::named),
        keeps_item: true,
    });

    fn request_size(i: &UpdateItemInput) -> usize {
        let mut o = Object::new();
        o.str("TableName", i.table_name.as_deref())
            .opt("Key", i.key.as_ref(), item)
            .str("UpdateExpression", i.update_expression.as_deref());
        write_members!(i).size_into(&mut o);
        o.len()
    }

    fn response_size(x: &UpdateItemOutput) -> usize {
        write_response_size(x.attributes.as_ref(), x.consumed_capacity.as_ref())
    }

    fn items(_: &UpdateItemOutput) -> u64 {
        1
    }

    fn consumed(x: &UpdateItemOutput) -> Option<Units> {
        Units::one(x.consumed_capacity.as_ref())
    }

    async fn send_aws(c: &Client, i: UpdateItemInput) -> Result<UpdateItemOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::from_update))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: UpdateItemInput) -> Result<UpdateItemOutput> {
        if legacy(&i) {
            return Err(legacy_refused("UpdateItem"));
        }
        let out = e
            .engine()
            .update_item(dynoxide::actions::update_item::UpdateItemRequest {
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
                return_item_collection_metrics: item_collection_metrics(
                    i.return_item_collection_metrics,
                ),
                // the legacy API: refused above
                attribute_updates: None,
                expected: None,
                conditional_operator: None,
            })
            .map_err(map_error)?;
        Ok(UpdateItemOutput::builder()
            .set_attributes(out.attributes.map(from_engine_item))
            .set_consumed_capacity(capacity_of(out.consumed_capacity))
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: UpdateItemInput,
) -> aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder {
    c.update_item()
        .set_table_name(i.table_name)
        .set_attribute_updates(i.attribute_updates)
        .set_expected(i.expected)
        .set_conditional_operator(i.conditional_operator)
        .set_key(i.key)
        .set_update_expression(i.update_expression)
        .set_condition_expression(i.condition_expression)
        .set_expression_attribute_names(i.expression_attribute_names)
        .set_expression_attribute_values(i.expression_attribute_values)
        .set_return_values(i.return_values)
        .set_return_consumed_capacity(i.return_consumed_capacity)
        .set_return_values_on_condition_check_failure(i.return_values_on_condition_check_failure)
        .set_return_item_collection_metrics(i.return_item_collection_metrics)
}

/// The body, in the SDK serializer's member order.
fn lean_body(i: &UpdateItemInput, o: &mut out::Object<'_>) {
    out::string(o, "TableName", i.table_name.as_deref());
    out::item(o, "Key", i.key.as_ref());
    write_members!(i).lean_into(o, i.update_expression.as_deref());
}

/// Whether the input has members of DynamoDB's legacy API, which dynox
/// never renders: the SDK transports send them, the embedded engine
/// refuses them.
fn legacy(i: &UpdateItemInput) -> bool {
    i.attribute_updates.is_some() || i.expected.is_some() || i.conditional_operator.is_some()
}
