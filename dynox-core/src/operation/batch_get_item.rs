//! BatchGetItem: up to 100 keys over one or more tables.

use super::support::*;
use aws_sdk_dynamodb::operation::batch_get_item::{BatchGetItemInput, BatchGetItemOutput};

pub(crate) struct BatchGetItem;

fn keys_and_attributes(k: &sdk::KeysAndAttributes) -> usize {
    let mut o = Object::new();
    o.field("Keys", array(k.keys.iter().map(item)))
        .str("ProjectionExpression", k.projection_expression.as_deref())
        .opt(
            "ExpressionAttributeNames",
            k.expression_attribute_names.as_ref(),
            names,
        )
        .opt("ConsistentRead", k.consistent_read.as_ref(), flag);
    o.len()
}

impl Operation for BatchGetItem {
    type Input = BatchGetItemInput;
    type Output = BatchGetItemOutput;

    const LEAN: Option<Codec<BatchGetItemInput, BatchGetItemOutput>> = Some(Codec {
        target: "DynamoDB_20120810.BatchGetItem",
        write: lean_body,
        read: lean_answer,
        carries: |i| {
            i.request_items
                .iter()
                .flatten()
                .all(|(table, k)| k.attributes_to_get.is_none() && out::named(table))
        },
        keeps_item: false,
    });

    fn request_size(i: &BatchGetItemInput) -> usize {
        let mut o = Object::new();
        o.opt("RequestItems", i.request_items.as_ref(), |m| {
            per_table(m, keys_and_attributes)
        })
        .str(
            "ReturnConsumedCapacity",
            i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
        );
        o.len()
    }

    fn response_size(x: &BatchGetItemOutput) -> usize {
        let mut o = Object::new();
        o.opt("Responses", x.responses.as_ref(), |m| {
            per_table(m, |v| array(v.iter().map(item)))
        })
        .opt("UnprocessedKeys", x.unprocessed_keys.as_ref(), |m| {
            per_table(m, keys_and_attributes)
        })
        .opt(
            "ConsumedCapacity",
            x.consumed_capacity.as_deref(),
            capacities,
        );
        o.len()
    }

    fn items(x: &BatchGetItemOutput) -> u64 {
        x.responses
            .as_ref()
            .map_or(0, |r| r.values().map(|v| v.len() as u64).sum())
    }

    fn consumed(x: &BatchGetItemOutput) -> Option<Units> {
        Units::many(x.consumed_capacity.as_deref())
    }

    async fn send_aws(c: &Client, i: BatchGetItemInput) -> Result<BatchGetItemOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: BatchGetItemInput) -> Result<BatchGetItemOutput> {
        use dynoxide::actions::batch_get_item as bg;
        let request_items = i
            .request_items
            .unwrap_or_default()
            .into_iter()
            .map(|(table, k)| {
                let keys = bg::KeysAndAttributes {
                    keys: k.keys.into_iter().map(to_engine_item).collect(),
                    projection_expression: k.projection_expression,
                    expression_attribute_names: k.expression_attribute_names,
                    consistent_read: k.consistent_read,
                    // the legacy API, which dynox never renders
                    attributes_to_get: None,
                };
                (table, keys)
            })
            .collect();
        let out = e
            .engine()
            .batch_get_item(bg::BatchGetItemRequest {
                request_items,
                return_consumed_capacity: consumed(i.return_consumed_capacity),
            })
            .map_err(map_error)?;
        let responses = out
            .responses
            .into_iter()
            .map(|(t, items)| (t, items.into_iter().map(from_engine_item).collect()))
            .collect();
        let mut unprocessed = std::collections::HashMap::new();
        for (table, json) in out.unprocessed_keys {
            unprocessed.insert(table, unprocessed_keys(json)?);
        }
        Ok(BatchGetItemOutput::builder()
            .set_responses(Some(responses))
            .set_unprocessed_keys(Some(unprocessed))
            .set_consumed_capacity(capacities_of(out.consumed_capacity))
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: BatchGetItemInput,
) -> aws_sdk_dynamodb::operation::batch_get_item::builders::BatchGetItemFluentBuilder {
    c.batch_get_item()
        .set_request_items(i.request_items)
        .set_return_consumed_capacity(i.return_consumed_capacity)
}

/// The engine hands back unprocessed keys (a response over 16 MB) as
/// DynamoDB's JSON; read them into the SDK's type.
#[cfg(feature = "embedded")]
fn unprocessed_keys(json: serde_json::Value) -> Result<sdk::KeysAndAttributes> {
    use std::collections::HashMap;
    let malformed = |e: &dyn std::fmt::Display| {
        Error::backend(
            "EmbeddedEngineError",
            format!("unreadable UnprocessedKeys: {e}"),
        )
    };
    let keys: Vec<HashMap<String, dynoxide::AttributeValue>> =
        serde_json::from_value(json.get("Keys").cloned().unwrap_or_default())
            .map_err(|e| malformed(&e))?;
    let names: Option<HashMap<String, String>> = json
        .get("ExpressionAttributeNames")
        .cloned()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| malformed(&e))?;
    sdk::KeysAndAttributes::builder()
        .set_keys(Some(keys.into_iter().map(from_engine_item).collect()))
        .set_projection_expression(
            json.get("ProjectionExpression")
                .and_then(|v| v.as_str())
                .map(str::to_owned),
        )
        .set_expression_attribute_names(names)
        .set_consistent_read(json.get("ConsistentRead").and_then(|v| v.as_bool()))
        .build()
        .map_err(|e| malformed(&e))
}

/// The body, in the SDK serializer's member order.
fn lean_body(i: &BatchGetItemInput, o: &mut out::Object<'_>) {
    if let Some(tables) = &i.request_items {
        let mut t = o.key("RequestItems").start_object();
        for (table, k) in tables {
            let mut ka = t.key(table).start_object();
            let mut keys = ka.key("Keys").start_array();
            for key in &k.keys {
                let mut m = keys.value().start_object();
                out::item_members(&mut m, key);
                m.finish();
            }
            keys.finish();
            out::boolean(&mut ka, "ConsistentRead", k.consistent_read);
            out::string(
                &mut ka,
                "ProjectionExpression",
                k.projection_expression.as_deref(),
            );
            out::names(
                &mut ka,
                "ExpressionAttributeNames",
                k.expression_attribute_names.as_ref(),
            );
            ka.finish();
        }
        t.finish();
    }
    out::string(
        o,
        "ReturnConsumedCapacity",
        i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
    );
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AnswerJ {
    responses: Option<std::collections::HashMap<String, read::ItemsJ>>,
    unprocessed_keys: Option<std::collections::HashMap<String, read::KeysJ>>,
    consumed_capacity: Option<Vec<read::ConsumedJ>>,
}

fn lean_answer(body: &[u8]) -> Result<BatchGetItemOutput> {
    let a: AnswerJ = read::parse("BatchGetItem", body)?;
    Ok(BatchGetItemOutput::builder()
        .set_responses(
            a.responses
                .map(|r| r.into_iter().map(|(t, i)| (t, i.0)).collect()),
        )
        .set_unprocessed_keys(a.unprocessed_keys.map(|u| {
            u.into_iter()
                .filter_map(|(t, k)| Some((t, k.sdk()?)))
                .collect()
        }))
        .set_consumed_capacity(read::consumed_list(a.consumed_capacity))
        .build())
}
