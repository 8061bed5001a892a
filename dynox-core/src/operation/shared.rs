//! Wire-size pieces several operations share: the members of a conditional
//! item write, the answer of an item write, and a page of a Query or Scan.

use super::support::*;
use std::collections::HashMap;

type Values = HashMap<String, sdk::AttributeValue>;

/// What a conditional item write (PutItem, UpdateItem, DeleteItem) carries
/// after its key or item.
pub(super) struct WriteMembers<'a> {
    pub(super) condition: Option<&'a str>,
    pub(super) names: Option<&'a HashMap<String, String>>,
    pub(super) values: Option<&'a Values>,
    pub(super) return_values: Option<&'a sdk::ReturnValue>,
    pub(super) consumed: Option<&'a sdk::ReturnConsumedCapacity>,
    pub(super) on_failure: Option<&'a sdk::ReturnValuesOnConditionCheckFailure>,
    pub(super) metrics: Option<&'a sdk::ReturnItemCollectionMetrics>,
}

/// The [`WriteMembers`] of a PutItemInput, UpdateItemInput or
/// DeleteItemInput, whose members share their names.
macro_rules! write_members {
    ($input:expr) => {
        $crate::operation::shared::WriteMembers {
            condition: $input.condition_expression.as_deref(),
            names: $input.expression_attribute_names.as_ref(),
            values: $input.expression_attribute_values.as_ref(),
            return_values: $input.return_values.as_ref(),
            consumed: $input.return_consumed_capacity.as_ref(),
            on_failure: $input.return_values_on_condition_check_failure.as_ref(),
            metrics: $input.return_item_collection_metrics.as_ref(),
        }
    };
}
pub(super) use write_members;

impl WriteMembers<'_> {
    /// The lean transport's body after the key or item, in the SDK
    /// serializers' order, which the three writes share; `update` is an
    /// UpdateItem's expression, which comes between.
    pub(super) fn lean_into(&self, o: &mut out::Object<'_>, update: Option<&str>) {
        out::string(o, "ReturnValues", self.return_values.map(|v| v.as_str()));
        out::string(
            o,
            "ReturnConsumedCapacity",
            self.consumed.map(|v| v.as_str()),
        );
        out::string(
            o,
            "ReturnItemCollectionMetrics",
            self.metrics.map(|v| v.as_str()),
        );
        out::string(o, "UpdateExpression", update);
        out::string(o, "ConditionExpression", self.condition);
        out::names(o, "ExpressionAttributeNames", self.names);
        out::item(o, "ExpressionAttributeValues", self.values);
        out::string(
            o,
            "ReturnValuesOnConditionCheckFailure",
            self.on_failure.map(|v| v.as_str()),
        );
    }

    pub(super) fn size_into(&self, o: &mut Object) {
        o.str("ConditionExpression", self.condition)
            .opt("ExpressionAttributeNames", self.names, names)
            .opt("ExpressionAttributeValues", self.values, item)
            .str("ReturnValues", self.return_values.map(|v| v.as_str()))
            .str("ReturnConsumedCapacity", self.consumed.map(|v| v.as_str()))
            .str(
                "ReturnValuesOnConditionCheckFailure",
                self.on_failure.map(|v| v.as_str()),
            );
    }
}

/// What a Query and a Scan both carry, besides their own members (the key
/// condition and order; the segments).
pub(super) struct ReadMembers<'a> {
    pub(super) table: Option<&'a str>,
    pub(super) index: Option<&'a str>,
    pub(super) filter: Option<&'a str>,
    pub(super) projection: Option<&'a str>,
    pub(super) names: Option<&'a HashMap<String, String>>,
    pub(super) values: Option<&'a Values>,
    pub(super) limit: Option<i32>,
    pub(super) start: Option<&'a Values>,
    pub(super) select: Option<&'a sdk::Select>,
    pub(super) consistent: Option<bool>,
    pub(super) consumed: Option<&'a sdk::ReturnConsumedCapacity>,
}

/// The [`ReadMembers`] of a QueryInput or ScanInput, whose members share
/// their names.
macro_rules! read_members {
    ($input:expr) => {
        $crate::operation::shared::ReadMembers {
            table: $input.table_name.as_deref(),
            index: $input.index_name.as_deref(),
            filter: $input.filter_expression.as_deref(),
            projection: $input.projection_expression.as_deref(),
            names: $input.expression_attribute_names.as_ref(),
            values: $input.expression_attribute_values.as_ref(),
            limit: $input.limit,
            start: $input.exclusive_start_key.as_ref(),
            select: $input.select.as_ref(),
            consistent: $input.consistent_read,
            consumed: $input.return_consumed_capacity.as_ref(),
        }
    };
}
pub(super) use read_members;

impl ReadMembers<'_> {
    pub(super) fn size_into(&self, o: &mut Object) {
        o.str("TableName", self.table)
            .str("IndexName", self.index)
            .str("FilterExpression", self.filter)
            .str("ProjectionExpression", self.projection)
            .opt("ExpressionAttributeNames", self.names, names)
            .opt("ExpressionAttributeValues", self.values, item)
            .opt("Limit", self.limit.as_ref(), |n| number_len(*n))
            .opt("ExclusiveStartKey", self.start, item)
            .str("Select", self.select.map(|v| v.as_str()))
            .opt("ConsistentRead", self.consistent.as_ref(), flag)
            .str("ReturnConsumedCapacity", self.consumed.map(|v| v.as_str()));
    }
}

/// The answer of an item write: the attributes asked for, and the capacity.
pub(super) fn write_response_size(
    attributes: Option<&Values>,
    consumed: Option<&sdk::ConsumedCapacity>,
) -> usize {
    let mut o = Object::new();
    o.opt("Attributes", attributes, item)
        .opt("ConsumedCapacity", consumed, capacity);
    o.len()
}

/// A page of a Query or Scan.
pub(super) fn page_response_size(
    items: Option<&[Values]>,
    count: i32,
    scanned_count: i32,
    last_key: Option<&Values>,
    consumed: Option<&sdk::ConsumedCapacity>,
) -> usize {
    let mut o = Object::new();
    o.opt("Items", items, |v| array(v.iter().map(item)))
        .field("Count", number_len(count))
        .field("ScannedCount", number_len(scanned_count))
        .opt("LastEvaluatedKey", last_key, item)
        .opt("ConsumedCapacity", consumed, capacity);
    o.len()
}

/// The answer of an item write, as the lean transport reads it.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct WriteAnswerJ {
    pub(super) attributes: Option<read::ItemJ>,
    pub(super) consumed_capacity: Option<read::ConsumedJ>,
    pub(super) item_collection_metrics: Option<read::CollectionJ>,
}

/// A page of a Query or Scan, as the lean transport reads it.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct PageJ {
    pub(super) items: Option<read::ItemsJ>,
    #[serde(default)]
    pub(super) count: i32,
    #[serde(default)]
    pub(super) scanned_count: i32,
    pub(super) last_evaluated_key: Option<read::ItemJ>,
    pub(super) consumed_capacity: Option<read::ConsumedJ>,
}

/// The lean transport's reader of an item write's answer (PutItem,
/// UpdateItem, DeleteItem share its members) into the SDK's `$output`.
macro_rules! write_answer {
    ($output:ty, $operation:literal) => {
        |body: &[u8]| -> Result<$output> {
            let a: super::shared::WriteAnswerJ = read::parse($operation, body)?;
            Ok(<$output>::builder()
                .set_attributes(a.attributes.map(|i| i.0))
                .set_consumed_capacity(read::consumed(a.consumed_capacity))
                .set_item_collection_metrics(a.item_collection_metrics.map(read::CollectionJ::sdk))
                .build())
        }
    };
}
pub(super) use write_answer;

/// The lean transport's reader of a page of a Query or Scan (their answers
/// share their members) into the SDK's `$output`.
macro_rules! page_answer {
    ($output:ty, $operation:literal) => {
        |body: &[u8]| -> Result<$output> {
            let p: super::shared::PageJ = read::parse($operation, body)?;
            Ok(<$output>::builder()
                .set_items(p.items.map(|i| i.0))
                .count(p.count)
                .scanned_count(p.scanned_count)
                .set_last_evaluated_key(p.last_evaluated_key.map(|k| k.0))
                .set_consumed_capacity(read::consumed(p.consumed_capacity))
                .build())
        }
    };
}
pub(super) use page_answer;

/// The embedded engine's answer to a request with members of DynamoDB's
/// legacy API (`Expected`, `AttributeUpdates`, `KeyConditions`, ...): dynox
/// renders expressions only, and the engine is given only those, so such a
/// request is refused rather than run without its conditions.
#[cfg(feature = "embedded")]
pub(super) fn legacy_refused(operation: &str) -> crate::Error {
    crate::Error::Refused {
        message: format!(
            "this {operation} has members of DynamoDB's legacy API (Expected, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter, ConditionalOperator, AttributesToGet), which the embedded engine does not run: use expressions"
        ),
    }
}
