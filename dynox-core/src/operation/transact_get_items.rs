//! TransactGetItems: a consistent snapshot of several items.

use super::support::*;
use aws_sdk_dynamodb::operation::transact_get_items::{
    TransactGetItemsInput, TransactGetItemsOutput,
};

pub(crate) struct TransactGetItems;

fn get(g: &sdk::Get) -> usize {
    let mut o = Object::new();
    o.field("TableName", string_len(&g.table_name))
        .field("Key", item(&g.key))
        .str("ProjectionExpression", g.projection_expression.as_deref())
        .opt(
            "ExpressionAttributeNames",
            g.expression_attribute_names.as_ref(),
            names,
        );
    o.len()
}

impl Operation for TransactGetItems {
    type Input = TransactGetItemsInput;
    type Output = TransactGetItemsOutput;

    const LEAN: Option<Codec<TransactGetItemsInput, TransactGetItemsOutput>> = Some(Codec {
        target: "DynamoDB_20120810.TransactGetItems",
        write: lean_body,
        read: lean_answer,
        carries: |i| {
            i.transact_items
                .iter()
                .flatten()
                .all(|t| t.get.as_ref().is_none_or(|g| out::named(&g.table_name)))
        },
        keeps_item: false,
    });

    fn request_size(i: &TransactGetItemsInput) -> usize {
        let mut o = Object::new();
        o.opt("TransactItems", i.transact_items.as_ref(), |v| {
            array(v.iter().map(|t| {
                let mut o = Object::new();
                o.opt("Get", t.get.as_ref(), get);
                o.len()
            }))
        })
        .str(
            "ReturnConsumedCapacity",
            i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
        );
        o.len()
    }

    fn response_size(x: &TransactGetItemsOutput) -> usize {
        let mut o = Object::new();
        o.opt("Responses", x.responses.as_ref(), |v| {
            array(v.iter().map(|r| {
                let mut o = Object::new();
                o.opt("Item", r.item.as_ref(), item);
                o.len()
            }))
        })
        .opt(
            "ConsumedCapacity",
            x.consumed_capacity.as_deref(),
            capacities,
        );
        o.len()
    }

    fn items(x: &TransactGetItemsOutput) -> u64 {
        x.responses
            .as_ref()
            .map_or(0, |r| r.iter().filter(|r| r.item.is_some()).count() as u64)
    }

    fn consumed(x: &TransactGetItemsOutput) -> Option<Units> {
        Units::many(x.consumed_capacity.as_deref())
    }

    async fn send_aws(c: &Client, i: TransactGetItemsInput) -> Result<TransactGetItemsOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(map_transaction_error)
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: TransactGetItemsInput) -> Result<TransactGetItemsOutput> {
        use dynoxide::actions::transact_get_items as tg;
        let transact_items = i
            .transact_items
            .unwrap_or_default()
            .into_iter()
            .filter_map(|t| t.get)
            .map(|g| tg::TransactGetItem {
                get: tg::TransactGet {
                    table_name: g.table_name,
                    key: to_engine_item(g.key),
                    projection_expression: g.projection_expression,
                    expression_attribute_names: g.expression_attribute_names,
                },
            })
            .collect();
        let out = e
            .engine()
            .transact_get_items(tg::TransactGetItemsRequest {
                transact_items,
                return_consumed_capacity: consumed(i.return_consumed_capacity),
            })
            .map_err(map_engine_transaction_error)?;
        let responses = out
            .responses
            .into_iter()
            .map(|r| {
                sdk::ItemResponse::builder()
                    .set_item(r.item.map(from_engine_item))
                    .build()
            })
            .collect();
        Ok(TransactGetItemsOutput::builder()
            .set_responses(Some(responses))
            .set_consumed_capacity(capacities_of(out.consumed_capacity))
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: TransactGetItemsInput,
) -> aws_sdk_dynamodb::operation::transact_get_items::builders::TransactGetItemsFluentBuilder {
    c.transact_get_items()
        .set_transact_items(i.transact_items)
        .set_return_consumed_capacity(i.return_consumed_capacity)
}

/// The body, in the SDK serializer's member order.
fn lean_body(i: &TransactGetItemsInput, o: &mut out::Object<'_>) {
    if let Some(items) = &i.transact_items {
        let mut list = o.key("TransactItems").start_array();
        for t in items {
            let mut to = list.value().start_object();
            if let Some(g) = &t.get {
                let mut go = to.key("Get").start_object();
                out::item(&mut go, "Key", Some(&g.key));
                out::string(&mut go, "TableName", Some(&g.table_name));
                out::string(
                    &mut go,
                    "ProjectionExpression",
                    g.projection_expression.as_deref(),
                );
                out::names(
                    &mut go,
                    "ExpressionAttributeNames",
                    g.expression_attribute_names.as_ref(),
                );
                go.finish();
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
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ResponseJ {
    item: Option<read::ItemJ>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AnswerJ {
    consumed_capacity: Option<Vec<read::ConsumedJ>>,
    responses: Option<Vec<ResponseJ>>,
}

fn lean_answer(body: &[u8]) -> Result<TransactGetItemsOutput> {
    let a: AnswerJ = read::parse("TransactGetItems", body)?;
    Ok(TransactGetItemsOutput::builder()
        .set_consumed_capacity(read::consumed_list(a.consumed_capacity))
        .set_responses(a.responses.map(|r| {
            r.into_iter()
                .map(|r| {
                    sdk::ItemResponse::builder()
                        .set_item(r.item.map(|i| i.0))
                        .build()
                })
                .collect()
        }))
        .build())
}
