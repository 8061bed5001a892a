//! DynamoDB's JSON answers read with serde_json straight into the SDK's
//! types (attribute values, items, consumed capacity), so the lean
//! transport's outputs are the values the SDK transport returns.

use crate::Item;
use aws_sdk_dynamodb::types::{
    AttributeValue, Capacity, ConsumedCapacity, DeleteRequest, ItemCollectionMetrics,
    KeysAndAttributes, PutRequest, WriteRequest,
};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;

/// An item (or key): attribute names to values.
#[derive(Debug, Default)]
pub(crate) struct ItemJ(pub(crate) Item);

/// One attribute value.
pub(crate) struct AttributeJ(pub(crate) AttributeValue);

impl<'de> Deserialize<'de> for ItemJ {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ItemJ;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an item")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<ItemJ, A::Error> {
                let mut item = HashMap::with_capacity(m.size_hint().unwrap_or(8));
                while let Some((name, value)) = m.next_entry::<String, AttributeJ>()? {
                    item.insert(name, value.0);
                }
                Ok(ItemJ(item))
            }
        }
        d.deserialize_map(V)
    }
}

/// A list of strings, or of base64 bytes.
fn decode_b64<E: de::Error>(text: &str) -> Result<aws_smithy_types::Blob, E> {
    aws_smithy_types::base64::decode(text)
        .map(aws_smithy_types::Blob::new)
        .map_err(|e| E::custom(format!("a B value is not base64: {e}")))
}

impl<'de> Deserialize<'de> for AttributeJ {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AttributeJ;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an attribute value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<AttributeJ, A::Error> {
                let mut value = None;
                while let Some(tag) = m.next_key::<std::borrow::Cow<'de, str>>()? {
                    let v = match tag.as_ref() {
                        "S" => AttributeValue::S(m.next_value()?),
                        "N" => AttributeValue::N(m.next_value()?),
                        "B" => AttributeValue::B(decode_b64(&m.next_value::<String>()?)?),
                        "SS" => AttributeValue::Ss(m.next_value()?),
                        "NS" => AttributeValue::Ns(m.next_value()?),
                        "BS" => AttributeValue::Bs(
                            m.next_value::<Vec<String>>()?
                                .iter()
                                .map(|b| decode_b64(b))
                                .collect::<Result<_, _>>()?,
                        ),
                        "M" => AttributeValue::M(m.next_value::<ItemJ>()?.0),
                        "L" => AttributeValue::L(
                            m.next_value::<Vec<AttributeJ>>()?
                                .into_iter()
                                .map(|a| a.0)
                                .collect(),
                        ),
                        "NULL" => AttributeValue::Null(m.next_value()?),
                        "BOOL" => AttributeValue::Bool(m.next_value()?),
                        // a type newer than this SDK (which would read it as
                        // `Unknown`, a value dynox refuses to map anyway)
                        other => {
                            return Err(de::Error::custom(format!(
                                "an attribute value of unknown type `{other}`"
                            )))
                        }
                    };
                    if value.replace(v).is_some() {
                        return Err(de::Error::custom("an attribute value with two types"));
                    }
                }
                value
                    .map(AttributeJ)
                    .ok_or_else(|| de::Error::custom("an attribute value without a type"))
            }
        }
        d.deserialize_map(V)
    }
}

/// A list of items.
pub(crate) struct ItemsJ(pub(crate) Vec<Item>);

impl<'de> Deserialize<'de> for ItemsJ {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ItemsJ;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of items")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<ItemsJ, A::Error> {
                let mut items = Vec::with_capacity(s.size_hint().unwrap_or(16));
                while let Some(ItemJ(item)) = s.next_element()? {
                    items.push(item);
                }
                Ok(ItemsJ(items))
            }
        }
        d.deserialize_seq(V)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CapacityJ {
    read_capacity_units: Option<f64>,
    write_capacity_units: Option<f64>,
    capacity_units: Option<f64>,
}

impl CapacityJ {
    fn sdk(self) -> Capacity {
        Capacity::builder()
            .set_read_capacity_units(self.read_capacity_units)
            .set_write_capacity_units(self.write_capacity_units)
            .set_capacity_units(self.capacity_units)
            .build()
    }
}

fn capacities(m: Option<HashMap<String, CapacityJ>>) -> Option<HashMap<String, Capacity>> {
    m.map(|m| m.into_iter().map(|(k, v)| (k, v.sdk())).collect())
}

/// The capacity an operation consumed.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ConsumedJ {
    table_name: Option<String>,
    capacity_units: Option<f64>,
    read_capacity_units: Option<f64>,
    write_capacity_units: Option<f64>,
    table: Option<CapacityJ>,
    local_secondary_indexes: Option<HashMap<String, CapacityJ>>,
    global_secondary_indexes: Option<HashMap<String, CapacityJ>>,
}

impl ConsumedJ {
    pub(crate) fn sdk(self) -> ConsumedCapacity {
        ConsumedCapacity::builder()
            .set_table_name(self.table_name)
            .set_capacity_units(self.capacity_units)
            .set_read_capacity_units(self.read_capacity_units)
            .set_write_capacity_units(self.write_capacity_units)
            .set_table(self.table.map(CapacityJ::sdk))
            .set_local_secondary_indexes(capacities(self.local_secondary_indexes))
            .set_global_secondary_indexes(capacities(self.global_secondary_indexes))
            .build()
    }
}

/// The capacity of one operation, where the answer has it.
pub(crate) fn consumed(c: Option<ConsumedJ>) -> Option<ConsumedCapacity> {
    c.map(ConsumedJ::sdk)
}

/// The capacities of a multi-table operation.
pub(crate) fn consumed_list(c: Option<Vec<ConsumedJ>>) -> Option<Vec<ConsumedCapacity>> {
    c.map(|c| c.into_iter().map(ConsumedJ::sdk).collect())
}

/// An item collection's size, for writes to tables with local indexes.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CollectionJ {
    item_collection_key: Option<ItemJ>,
    #[serde(rename = "SizeEstimateRangeGB")]
    size_estimate_range_gb: Option<Vec<f64>>,
}

impl CollectionJ {
    pub(crate) fn sdk(self) -> ItemCollectionMetrics {
        ItemCollectionMetrics::builder()
            .set_item_collection_key(self.item_collection_key.map(|k| k.0))
            .set_size_estimate_range_gb(self.size_estimate_range_gb)
            .build()
    }
}

/// Item collection metrics by table (batch writes, transactions).
pub(crate) fn collections(
    c: Option<HashMap<String, Vec<CollectionJ>>>,
) -> Option<HashMap<String, Vec<ItemCollectionMetrics>>> {
    c.map(|c| {
        c.into_iter()
            .map(|(t, v)| (t, v.into_iter().map(CollectionJ::sdk).collect()))
            .collect()
    })
}

/// Keys a batch get left unprocessed, with what to read of them.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct KeysJ {
    keys: ItemsJ,
    attributes_to_get: Option<Vec<String>>,
    consistent_read: Option<bool>,
    projection_expression: Option<String>,
    expression_attribute_names: Option<HashMap<String, String>>,
}

impl KeysJ {
    /// The SDK's value (`Keys` is required when reading, so its builder
    /// cannot fail; `None` only if the SDK's builder changes).
    pub(crate) fn sdk(self) -> Option<KeysAndAttributes> {
        KeysAndAttributes::builder()
            .set_keys(Some(self.keys.0))
            .set_attributes_to_get(self.attributes_to_get)
            .set_consistent_read(self.consistent_read)
            .set_projection_expression(self.projection_expression)
            .set_expression_attribute_names(self.expression_attribute_names)
            .build()
            .ok()
    }
}

/// A put or delete a batch write left unprocessed.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct WriteJ {
    put_request: Option<WhatJ>,
    delete_request: Option<WhatJ>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WhatJ {
    item: Option<ItemJ>,
    key: Option<ItemJ>,
}

impl WriteJ {
    pub(crate) fn sdk(self) -> Option<WriteRequest> {
        let put = match self.put_request {
            Some(p) => Some(
                PutRequest::builder()
                    .set_item(p.item.map(|i| i.0))
                    .build()
                    .ok()?,
            ),
            None => None,
        };
        let delete = match self.delete_request {
            Some(d) => Some(
                DeleteRequest::builder()
                    .set_key(d.key.map(|k| k.0))
                    .build()
                    .ok()?,
            ),
            None => None,
        };
        Some(
            WriteRequest::builder()
                .set_put_request(put)
                .set_delete_request(delete)
                .build(),
        )
    }
}

/// Reads an answer body; a body that is not DynamoDB's JSON is an error
/// naming the operation.
pub(crate) fn parse<'a, T: Deserialize<'a>>(operation: &str, body: &'a [u8]) -> crate::Result<T> {
    serde_json::from_slice(body).map_err(|e| {
        crate::Error::backend(
            "SerializationError",
            format!("DynamoDB's answer to {operation} could not be read: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> crate::Result<Item> {
        parse::<ItemJ>("GetItem", json.as_bytes()).map(|i| i.0)
    }

    #[test]
    fn every_type_is_read() {
        let got = item(
            r#"{"s":{"S":"a\"\u00e9"},"n":{"N":"-1.5"},"b":{"B":"AAE="},"ss":{"SS":["x"]},"ns":{"NS":["1"]},"bs":{"BS":["Ag=="]},"m":{"M":{"in":{"NULL":true}}},"l":{"L":[{"BOOL":false}]}}"#,
        )
        .expect("an item");
        assert_eq!(got["s"], AttributeValue::S("a\"é".into()));
        assert_eq!(got["n"], AttributeValue::N("-1.5".into()));
        assert_eq!(
            got["b"],
            AttributeValue::B(aws_smithy_types::Blob::new(vec![0, 1]))
        );
        assert_eq!(
            got["bs"],
            AttributeValue::Bs(vec![aws_smithy_types::Blob::new(vec![2])])
        );
        assert_eq!(
            got["l"],
            AttributeValue::L(vec![AttributeValue::Bool(false)])
        );
        assert!(matches!(&got["m"], AttributeValue::M(m) if m["in"] == AttributeValue::Null(true)));
    }

    #[test]
    fn malformed_values_are_errors_not_panics() {
        for bad in [
            r#"{"a":{"S":"x","N":"1"}}"#,
            r#"{"a":{}}"#,
            r#"{"a":{"XX":"1"}}"#,
            r#"{"a":{"B":"not base64!"}}"#,
            r#"{"a":{"S":1}}"#,
            r#"{"a":"#,
            r#"[1,2]"#,
        ] {
            match item(bad) {
                Err(crate::Error::Backend(b)) => assert_eq!(b.code, "SerializationError", "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn unprocessed_writes_and_keys_keep_every_item() {
        #[derive(Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Answer {
            unprocessed_items: HashMap<String, Vec<WriteJ>>,
            unprocessed_keys: HashMap<String, KeysJ>,
        }
        let a: Answer = parse(
            "BatchWriteItem",
            br##"{"UnprocessedItems":{"t":[{"PutRequest":{"Item":{"pk":{"S":"a"},"n":{"N":"1"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"b"}}}}]},
                "UnprocessedKeys":{"t":{"Keys":[{"pk":{"S":"c"}},{"pk":{"S":"d"}}],"ConsistentRead":true,"ProjectionExpression":"#p","ExpressionAttributeNames":{"#p":"pk"}}}}"##,
        )
        .expect("an answer");
        let writes: Vec<WriteRequest> = a
            .unprocessed_items
            .into_values()
            .flatten()
            .map(|w| w.sdk().expect("a write"))
            .collect();
        assert_eq!(writes.len(), 2);
        assert_eq!(
            writes[0].put_request.as_ref().map(|p| p.item.len()),
            Some(2)
        );
        assert_eq!(
            writes[1]
                .delete_request
                .as_ref()
                .map(|d| d.key["pk"].clone()),
            Some(AttributeValue::S("b".into()))
        );
        let keys = a
            .unprocessed_keys
            .into_values()
            .next()
            .and_then(KeysJ::sdk)
            .expect("keys");
        assert_eq!(keys.keys.len(), 2);
        assert_eq!(keys.consistent_read, Some(true));
        assert_eq!(keys.projection_expression.as_deref(), Some("#p"));
        // a write without its item is refused, never turned into nothing
        let bad: std::result::Result<Vec<WriteJ>, _> =
            serde_json::from_str(r#"[{"PutRequest":{}}]"#);
        assert!(bad
            .expect("parsed")
            .into_iter()
            .next()
            .expect("one")
            .sdk()
            .is_none());
        // keys without `Keys` do not parse
        assert!(serde_json::from_str::<KeysJ>(r#"{"ConsistentRead":true}"#).is_err());
    }
}
