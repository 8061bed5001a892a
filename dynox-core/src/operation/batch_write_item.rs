//! BatchWriteItem: up to 25 puts and deletes over one or more tables.

use super::support::*;
use aws_sdk_dynamodb::operation::batch_write_item::{BatchWriteItemInput, BatchWriteItemOutput};

pub(crate) struct BatchWriteItem;

fn write_request(w: &sdk::WriteRequest) -> usize {
    let mut o = Object::new();
    o.opt("PutRequest", w.put_request.as_ref(), |p| {
        let mut o = Object::new();
        o.field("Item", item(&p.item));
        o.len()
    })
    .opt("DeleteRequest", w.delete_request.as_ref(), |d| {
        let mut o = Object::new();
        o.field("Key", item(&d.key));
        o.len()
    });
    o.len()
}

impl Operation for BatchWriteItem {
    type Input = BatchWriteItemInput;
    type Output = BatchWriteItemOutput;

    const LEAN: Option<Codec<BatchWriteItemInput, BatchWriteItemOutput>> = Some(Codec {
        target: "DynamoDB_20120810.BatchWriteItem",
        write: lean_body,
        read: lean_answer,
        carries: |i| {
            i.request_items
                .iter()
                .flatten()
                .all(|(table, _)| out::named(table))
        },
        keeps_item: false,
    });

    fn request_size(i: &BatchWriteItemInput) -> usize {
        let mut o = Object::new();
        o.opt("RequestItems", i.request_items.as_ref(), |m| {
            per_table(m, |v| array(v.iter().map(write_request)))
        })
        .str(
            "ReturnConsumedCapacity",
            i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
        );
        o.len()
    }

    fn response_size(x: &BatchWriteItemOutput) -> usize {
        let mut o = Object::new();
        o.opt("UnprocessedItems", x.unprocessed_items.as_ref(), |m| {
            per_table(m, |v| array(v.iter().map(write_request)))
        })
        .opt(
            "ConsumedCapacity",
            x.consumed_capacity.as_deref(),
            capacities,
        );
        o.len()
    }

    fn consumed(x: &BatchWriteItemOutput) -> Option<Units> {
        Units::many(x.consumed_capacity.as_deref())
    }

    async fn send_aws(c: &Client, i: BatchWriteItemInput) -> Result<BatchWriteItemOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: BatchWriteItemInput) -> Result<BatchWriteItemOutput> {
        use dynoxide::actions::batch_write_item as bw;
        let request_items = i
            .request_items
            .unwrap_or_default()
            .into_iter()
            .map(|(table, writes)| {
                let writes = writes
                    .into_iter()
                    .map(|w| bw::WriteRequest {
                        put_request: w.put_request.map(|p| bw::PutRequest {
                            item: to_engine_item(p.item),
                        }),
                        delete_request: w.delete_request.map(|d| bw::DeleteRequest {
                            key: to_engine_item(d.key),
                        }),
                    })
                    .collect();
                (table, writes)
            })
            .collect();
        let out = e
            .engine()
            .batch_write_item(bw::BatchWriteItemRequest {
                request_items,
                return_consumed_capacity: consumed(i.return_consumed_capacity),
                return_item_collection_metrics: item_collection_metrics(
                    i.return_item_collection_metrics,
                ),
            })
            .map_err(map_error)?;
        // the engine writes every item of an accepted batch; it never leaves any unprocessed
        Ok(BatchWriteItemOutput::builder()
            .set_unprocessed_items(Some(std::collections::HashMap::new()))
            .set_consumed_capacity(capacities_of(out.consumed_capacity))
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: BatchWriteItemInput,
) -> aws_sdk_dynamodb::operation::batch_write_item::builders::BatchWriteItemFluentBuilder {
    c.batch_write_item()
        .set_request_items(i.request_items)
        .set_return_consumed_capacity(i.return_consumed_capacity)
        .set_return_item_collection_metrics(i.return_item_collection_metrics)
}

/// The body, in the SDK serializer's member order.
fn lean_body(i: &BatchWriteItemInput, o: &mut out::Object<'_>) {
    if let Some(tables) = &i.request_items {
        let mut t = o.key("RequestItems").start_object();
        for (table, writes) in tables {
            let mut list = t.key(table).start_array();
            for w in writes {
                let mut wo = list.value().start_object();
                if let Some(p) = &w.put_request {
                    let mut po = wo.key("PutRequest").start_object();
                    out::item(&mut po, "Item", Some(&p.item));
                    po.finish();
                }
                if let Some(d) = &w.delete_request {
                    let mut dobj = wo.key("DeleteRequest").start_object();
                    out::item(&mut dobj, "Key", Some(&d.key));
                    dobj.finish();
                }
                wo.finish();
            }
            list.finish();
        }
        t.finish();
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
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AnswerJ {
    unprocessed_items: Option<std::collections::HashMap<String, Vec<read::WriteJ>>>,
    item_collection_metrics: Option<std::collections::HashMap<String, Vec<read::CollectionJ>>>,
    consumed_capacity: Option<Vec<read::ConsumedJ>>,
}

fn lean_answer(body: &[u8]) -> Result<BatchWriteItemOutput> {
    let a: AnswerJ = read::parse("BatchWriteItem", body)?;
    let unprocessed = match a.unprocessed_items {
        Some(u) => {
            let mut tables = std::collections::HashMap::with_capacity(u.len());
            for (table, writes) in u {
                let writes = writes
                    .into_iter()
                    .map(read::WriteJ::sdk)
                    .collect::<Option<Vec<_>>>()
                    // a write DynamoDB did not take must never be dropped
                    .ok_or_else(|| {
                        crate::Error::backend(
                            "SerializationError",
                            "BatchWriteItem answered an unprocessed write without its item or key",
                        )
                    })?;
                tables.insert(table, writes);
            }
            Some(tables)
        }
        None => None,
    };
    Ok(BatchWriteItemOutput::builder()
        .set_unprocessed_items(unprocessed)
        .set_item_collection_metrics(read::collections(a.item_collection_metrics))
        .set_consumed_capacity(read::consumed_list(a.consumed_capacity))
        .build())
}
