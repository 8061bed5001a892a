//! TransactWriteItems: puts, updates, deletes and condition checks, all or
//! nothing.

use super::support::*;
use aws_sdk_dynamodb::operation::transact_write_items::{
    TransactWriteItemsInput, TransactWriteItemsOutput,
};
use std::collections::HashMap;

pub(crate) struct TransactWriteItems;

type Values = HashMap<String, sdk::AttributeValue>;

/// One action of a transaction: its table, key or item, and expressions.
#[allow(clippy::too_many_arguments)] // the members of DynamoDB's four action shapes
fn action(
    table: &str,
    key: Option<&Values>,
    whole: Option<&Values>,
    update: Option<&str>,
    condition: Option<&str>,
    expr_names: Option<&HashMap<String, String>>,
    values: Option<&Values>,
    on_failure: Option<&sdk::ReturnValuesOnConditionCheckFailure>,
) -> usize {
    let mut o = Object::new();
    o.field("TableName", string_len(table))
        .opt("Key", key, item)
        .opt("Item", whole, item)
        .str("UpdateExpression", update)
        .str("ConditionExpression", condition)
        .opt("ExpressionAttributeNames", expr_names, names)
        .opt("ExpressionAttributeValues", values, item)
        .str(
            "ReturnValuesOnConditionCheckFailure",
            on_failure.map(|v| v.as_str()),
        );
    o.len()
}

fn transact_write_item(t: &sdk::TransactWriteItem) -> usize {
    let mut o = Object::new();
    o.opt("Put", t.put.as_ref(), |p| {
        action(
            &p.table_name,
            None,
            Some(&p.item),
            None,
            p.condition_expression.as_deref(),
            p.expression_attribute_names.as_ref(),
            p.expression_attribute_values.as_ref(),
            p.return_values_on_condition_check_failure.as_ref(),
        )
    })
    .opt("Update", t.update.as_ref(), |u| {
        action(
            &u.table_name,
            Some(&u.key),
            None,
            Some(&u.update_expression),
            u.condition_expression.as_deref(),
            u.expression_attribute_names.as_ref(),
            u.expression_attribute_values.as_ref(),
            u.return_values_on_condition_check_failure.as_ref(),
        )
    })
    .opt("Delete", t.delete.as_ref(), |d| {
        action(
            &d.table_name,
            Some(&d.key),
            None,
            None,
            d.condition_expression.as_deref(),
            d.expression_attribute_names.as_ref(),
            d.expression_attribute_values.as_ref(),
            d.return_values_on_condition_check_failure.as_ref(),
        )
    })
    .opt("ConditionCheck", t.condition_check.as_ref(), |c| {
        action(
            &c.table_name,
            Some(&c.key),
            None,
            None,
            Some(&c.condition_expression),
            c.expression_attribute_names.as_ref(),
            c.expression_attribute_values.as_ref(),
            c.return_values_on_condition_check_failure.as_ref(),
        )
    });
    o.len()
}

impl Operation for TransactWriteItems {
    type Input = TransactWriteItemsInput;
    type Output = TransactWriteItemsOutput;

    const LEAN: Option<Codec<TransactWriteItemsInput, TransactWriteItemsOutput>> = Some(Codec {
        target: "DynamoDB_20120810.TransactWriteItems",
        write: lean_body,
        read: lean_answer,
        carries: |i| {
            i.transact_items.iter().flatten().all(|t| {
                let tables = [
                    t.condition_check.as_ref().map(|c| c.table_name.as_str()),
                    t.put.as_ref().map(|p| p.table_name.as_str()),
                    t.delete.as_ref().map(|d| d.table_name.as_str()),
                    t.update.as_ref().map(|u| u.table_name.as_str()),
                ];
                tables.into_iter().flatten().all(out::named)
            })
        },
        keeps_item: false,
    });

    fn request_size(i: &TransactWriteItemsInput) -> usize {
        let mut o = Object::new();
        o.opt("TransactItems", i.transact_items.as_ref(), |v| {
            array(v.iter().map(transact_write_item))
        })
        .str("ClientRequestToken", i.client_request_token.as_deref())
        .str(
            "ReturnConsumedCapacity",
            i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
        );
        o.len()
    }

    fn response_size(x: &TransactWriteItemsOutput) -> usize {
        let mut o = Object::new();
        o.opt(
            "ConsumedCapacity",
            x.consumed_capacity.as_deref(),
            capacities,
        );
        o.len()
    }

    fn consumed(x: &TransactWriteItemsOutput) -> Option<Units> {
        Units::many(x.consumed_capacity.as_deref())
    }

    async fn send_aws(c: &Client, i: TransactWriteItemsInput) -> Result<TransactWriteItemsOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(map_transaction_error)
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: TransactWriteItemsInput) -> Result<TransactWriteItemsOutput> {
        use dynoxide::actions::transact_write_items as tw;
        let transact_items = i
            .transact_items
            .unwrap_or_default()
            .into_iter()
            .map(|t| tw::TransactWriteItem {
                put: t.put.map(|p| tw::TransactPut {
                    table_name: p.table_name,
                    item: to_engine_item(p.item),
                    condition_expression: p.condition_expression,
                    expression_attribute_names: p.expression_attribute_names,
                    expression_attribute_values: opt_engine_item(p.expression_attribute_values),
                    return_values_on_condition_check_failure: on_condition_failure(
                        p.return_values_on_condition_check_failure,
                    ),
                }),
                update: t.update.map(|u| tw::TransactUpdate {
                    table_name: u.table_name,
                    key: to_engine_item(u.key),
                    update_expression: u.update_expression,
                    condition_expression: u.condition_expression,
                    expression_attribute_names: u.expression_attribute_names,
                    expression_attribute_values: opt_engine_item(u.expression_attribute_values),
                    return_values_on_condition_check_failure: on_condition_failure(
                        u.return_values_on_condition_check_failure,
                    ),
                }),
                delete: t.delete.map(|d| tw::TransactDelete {
                    table_name: d.table_name,
                    key: to_engine_item(d.key),
                    condition_expression: d.condition_expression,
                    expression_attribute_names: d.expression_attribute_names,
                    expression_attribute_values: opt_engine_item(d.expression_attribute_values),
                    return_values_on_condition_check_failure: on_condition_failure(
                        d.return_values_on_condition_check_failure,
                    ),
                }),
                condition_check: t.condition_check.map(|c| tw::TransactConditionCheck {
                    table_name: c.table_name,
                    key: to_engine_item(c.key),
                    condition_expression: c.condition_expression,
                    expression_attribute_names: c.expression_attribute_names,
                    expression_attribute_values: opt_engine_item(c.expression_attribute_values),
                    return_values_on_condition_check_failure: on_condition_failure(
                        c.return_values_on_condition_check_failure,
                    ),
                }),
            })
            .collect();
        let out = e
            .engine()
            .transact_write_items(tw::TransactWriteItemsRequest {
                transact_items,
                client_request_token: i.client_request_token,
                return_consumed_capacity: consumed(i.return_consumed_capacity),
                return_item_collection_metrics: item_collection_metrics(
                    i.return_item_collection_metrics,
                ),
            })
            .map_err(map_engine_transaction_error)?;
        Ok(TransactWriteItemsOutput::builder()
            .set_consumed_capacity(capacities_of(out.consumed_capacity))
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: TransactWriteItemsInput,
) -> aws_sdk_dynamodb::operation::transact_write_items::builders::TransactWriteItemsFluentBuilder {
    c.transact_write_items()
        .set_transact_items(i.transact_items)
        .set_client_request_token(i.client_request_token)
        .set_return_consumed_capacity(i.return_consumed_capacity)
        .set_return_item_collection_metrics(i.return_item_collection_metrics)
}

/// The members every transaction action ends with.
fn lean_action_tail(
    o: &mut out::Object<'_>,
    condition: Option<&str>,
    expr_names: Option<&HashMap<String, String>>,
    values: Option<&Values>,
    on_failure: Option<&sdk::ReturnValuesOnConditionCheckFailure>,
) {
    out::string(o, "ConditionExpression", condition);
    out::names(o, "ExpressionAttributeNames", expr_names);
    out::item(o, "ExpressionAttributeValues", values);
    out::string(
        o,
        "ReturnValuesOnConditionCheckFailure",
        on_failure.map(|v| v.as_str()),
    );
}

/// The body, in the SDK serializer's member order. Without a
/// ClientRequestToken it gets one, as the SDK gives it (a UUID): the body
/// is rendered once, so every retry carries the same token and DynamoDB
/// applies the transaction at most once.
fn lean_body(i: &TransactWriteItemsInput, o: &mut out::Object<'_>) {
    if let Some(items) = &i.transact_items {
        let mut list = o.key("TransactItems").start_array();
        for t in items {
            let mut to = list.value().start_object();
            if let Some(c) = &t.condition_check {
                let mut a = to.key("ConditionCheck").start_object();
                out::item(&mut a, "Key", Some(&c.key));
                out::string(&mut a, "TableName", Some(&c.table_name));
                lean_action_tail(
                    &mut a,
                    Some(&c.condition_expression),
                    c.expression_attribute_names.as_ref(),
                    c.expression_attribute_values.as_ref(),
                    c.return_values_on_condition_check_failure.as_ref(),
                );
                a.finish();
            }
            if let Some(p) = &t.put {
                let mut a = to.key("Put").start_object();
                out::item(&mut a, "Item", Some(&p.item));
                out::string(&mut a, "TableName", Some(&p.table_name));
                lean_action_tail(
                    &mut a,
                    p.condition_expression.as_deref(),
                    p.expression_attribute_names.as_ref(),
                    p.expression_attribute_values.as_ref(),
                    p.return_values_on_condition_check_failure.as_ref(),
                );
                a.finish();
            }
            if let Some(d) = &t.delete {
                let mut a = to.key("Delete").start_object();
                out::item(&mut a, "Key", Some(&d.key));
                out::string(&mut a, "TableName", Some(&d.table_name));
                lean_action_tail(
                    &mut a,
                    d.condition_expression.as_deref(),
                    d.expression_attribute_names.as_ref(),
                    d.expression_attribute_values.as_ref(),
                    d.return_values_on_condition_check_failure.as_ref(),
                );
                a.finish();
            }
            if let Some(u) = &t.update {
                let mut a = to.key("Update").start_object();
                out::item(&mut a, "Key", Some(&u.key));
                out::string(&mut a, "UpdateExpression", Some(&u.update_expression));
                out::string(&mut a, "TableName", Some(&u.table_name));
                lean_action_tail(
                    &mut a,
                    u.condition_expression.as_deref(),
                    u.expression_attribute_names.as_ref(),
                    u.expression_attribute_values.as_ref(),
                    u.return_values_on_condition_check_failure.as_ref(),
                );
                a.finish();
            }
            to.finish();
        }
        list.finish();
    }
    out::string(
        o,
        "ReturnConsumedCapacity",
        i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
    );
    out::string(
        o,
        "ReturnItemCollectionMetrics",
        i.return_item_collection_metrics
            .as_ref()
            .map(|v| v.as_str()),
    );
    let token = match &i.client_request_token {
        Some(t) => std::borrow::Cow::Borrowed(t.as_str()),
        None => std::borrow::Cow::Owned(uuid::Uuid::new_v4().to_string()),
    };
    out::string(o, "ClientRequestToken", Some(&token));
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AnswerJ {
    consumed_capacity: Option<Vec<read::ConsumedJ>>,
    item_collection_metrics: Option<HashMap<String, Vec<read::CollectionJ>>>,
}

fn lean_answer(body: &[u8]) -> Result<TransactWriteItemsOutput> {
    let a: AnswerJ = read::parse("TransactWriteItems", body)?;
    Ok(TransactWriteItemsOutput::builder()
        .set_consumed_capacity(read::consumed_list(a.consumed_capacity))
        .set_item_collection_metrics(read::collections(a.item_collection_metrics))
        .build())
}
