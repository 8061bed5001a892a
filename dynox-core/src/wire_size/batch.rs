//! Wire sizes of the batch and transaction operations.

use super::{array, capacities, item, names, string, Object};
use aws_sdk_dynamodb::operation::{
    batch_get_item::{BatchGetItemInput, BatchGetItemOutput},
    batch_write_item::{BatchWriteItemInput, BatchWriteItemOutput},
    transact_get_items::{TransactGetItemsInput, TransactGetItemsOutput},
    transact_write_items::TransactWriteItemsInput,
};
use aws_sdk_dynamodb::types::{KeysAndAttributes, TransactWriteItem, WriteRequest};
use std::collections::HashMap;

fn flag(b: &bool) -> usize {
    if *b {
        4
    } else {
        5
    }
}

/// `{"table":<f(value)>,...}`
fn per_table<T>(m: &HashMap<String, T>, f: impl Fn(&T) -> usize) -> usize {
    2 + m.iter().map(|(k, v)| string(k) + 1 + f(v)).sum::<usize>() + m.len().saturating_sub(1)
}

fn keys_and_attributes(k: &KeysAndAttributes) -> usize {
    let mut o = Object::new();
    o.field("Keys", array(k.keys.iter().map(item)))
        .str("ProjectionExpression", k.projection_expression.as_deref())
        .opt(
            "ExpressionAttributeNames",
            k.expression_attribute_names.as_ref(),
            names,
        )
        .opt("ConsistentRead", k.consistent_read.as_ref(), flag);
    o.len
}

fn write_request(w: &WriteRequest) -> usize {
    let mut o = Object::new();
    o.opt("PutRequest", w.put_request.as_ref(), |p| {
        let mut o = Object::new();
        o.field("Item", item(&p.item));
        o.len
    })
    .opt("DeleteRequest", w.delete_request.as_ref(), |d| {
        let mut o = Object::new();
        o.field("Key", item(&d.key));
        o.len
    });
    o.len
}

pub(super) fn batch_get_request(o: &mut Object, i: &BatchGetItemInput) {
    o.opt("RequestItems", i.request_items.as_ref(), |m| {
        per_table(m, keys_and_attributes)
    })
    .str(
        "ReturnConsumedCapacity",
        i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
    );
}

pub(super) fn batch_write_request(o: &mut Object, i: &BatchWriteItemInput) {
    o.opt("RequestItems", i.request_items.as_ref(), |m| {
        per_table(m, |v| array(v.iter().map(write_request)))
    })
    .str(
        "ReturnConsumedCapacity",
        i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
    );
}

/// One action of a transaction: its table, key or item, and expressions.
#[allow(clippy::too_many_arguments)] // the members of DynamoDB's four action shapes
fn action(
    table: &str,
    key: Option<&HashMap<String, aws_sdk_dynamodb::types::AttributeValue>>,
    whole: Option<&HashMap<String, aws_sdk_dynamodb::types::AttributeValue>>,
    update: Option<&str>,
    condition: Option<&str>,
    expr_names: Option<&HashMap<String, String>>,
    values: Option<&HashMap<String, aws_sdk_dynamodb::types::AttributeValue>>,
    on_failure: Option<&str>,
) -> usize {
    let mut o = Object::new();
    o.field("TableName", string(table))
        .opt("Key", key, item)
        .opt("Item", whole, item)
        .str("UpdateExpression", update)
        .str("ConditionExpression", condition)
        .opt("ExpressionAttributeNames", expr_names, names)
        .opt("ExpressionAttributeValues", values, item)
        .str("ReturnValuesOnConditionCheckFailure", on_failure);
    o.len
}

fn transact_write_item(t: &TransactWriteItem) -> usize {
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
            p.return_values_on_condition_check_failure
                .as_ref()
                .map(|v| v.as_str()),
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
            u.return_values_on_condition_check_failure
                .as_ref()
                .map(|v| v.as_str()),
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
            d.return_values_on_condition_check_failure
                .as_ref()
                .map(|v| v.as_str()),
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
            c.return_values_on_condition_check_failure
                .as_ref()
                .map(|v| v.as_str()),
        )
    });
    o.len
}

pub(super) fn transact_write_request(o: &mut Object, i: &TransactWriteItemsInput) {
    o.opt("TransactItems", i.transact_items.as_ref(), |v| {
        array(v.iter().map(transact_write_item))
    })
    .str("ClientRequestToken", i.client_request_token.as_deref())
    .str(
        "ReturnConsumedCapacity",
        i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
    );
}

pub(super) fn transact_get_request(o: &mut Object, i: &TransactGetItemsInput) {
    o.opt("TransactItems", i.transact_items.as_ref(), |v| {
        array(v.iter().map(|t| {
            let mut o = Object::new();
            o.opt("Get", t.get.as_ref(), |g| {
                let mut o = Object::new();
                o.field("TableName", string(&g.table_name))
                    .field("Key", item(&g.key))
                    .str("ProjectionExpression", g.projection_expression.as_deref())
                    .opt(
                        "ExpressionAttributeNames",
                        g.expression_attribute_names.as_ref(),
                        names,
                    );
                o.len
            });
            o.len
        }))
    })
    .str(
        "ReturnConsumedCapacity",
        i.return_consumed_capacity.as_ref().map(|v| v.as_str()),
    );
}

pub(super) fn batch_get_response(o: &mut Object, x: &BatchGetItemOutput) {
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
}

pub(super) fn batch_write_response(o: &mut Object, x: &BatchWriteItemOutput) {
    o.opt("UnprocessedItems", x.unprocessed_items.as_ref(), |m| {
        per_table(m, |v| array(v.iter().map(write_request)))
    })
    .opt(
        "ConsumedCapacity",
        x.consumed_capacity.as_deref(),
        capacities,
    );
}

pub(super) fn transact_get_response(o: &mut Object, x: &TransactGetItemsOutput) {
    o.opt("Responses", x.responses.as_ref(), |v| {
        array(v.iter().map(|r| {
            let mut o = Object::new();
            o.opt("Item", r.item.as_ref(), item);
            o.len
        }))
    })
    .opt(
        "ConsumedCapacity",
        x.consumed_capacity.as_deref(),
        capacities,
    );
}
