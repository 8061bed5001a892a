//! The one place each item request is rendered: PutItem, UpdateItem and
//! DeleteItem, with their condition, placeholders, consumed capacity and the
//! stored item on a failed condition. Every builder goes through these.

use super::table::build_error;
use super::update_expr::UpdateActions;
use super::{checks, objects};
use crate::condition::Condition;
use crate::expr::Placeholders;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Item, ModelKey, Result};
use aws_sdk_dynamodb::operation::delete_item::{DeleteItemInput, DeleteItemOutput};
use aws_sdk_dynamodb::operation::put_item::{PutItemInput, PutItemOutput};
use aws_sdk_dynamodb::operation::update_item::{UpdateItemInput, UpdateItemOutput};
use aws_sdk_dynamodb::types::{
    ReturnConsumedCapacity, ReturnValue, ReturnValuesOnConditionCheckFailure,
};

/// The expressions of one request, with the placeholders they share.
pub(super) struct Rendered {
    pub(super) update: Option<String>,
    pub(super) condition: Option<String>,
    pub(super) names: Option<std::collections::HashMap<String, String>>,
    pub(super) values: Option<Item>,
}

pub(super) fn render<M>(
    actions: Option<&UpdateActions>,
    condition: Option<&Condition<M>>,
) -> Rendered {
    let mut placeholders = Placeholders::default();
    let update = actions.map(|a| a.render(&mut placeholders));
    let condition = condition.and_then(|c| c.render(&mut placeholders));
    let (names, values) = placeholders.finish();
    Rendered {
        update,
        condition,
        names,
        values,
    }
}

/// The members every conditional item write sets alike: its condition
/// with the placeholders, the consumed capacity, and the stored item back
/// when the condition fails.
macro_rules! conditional {
    ($builder:expr, $rendered:expr) => {
        $builder
            .set_condition_expression($rendered.condition)
            .set_expression_attribute_names($rendered.names)
            .set_expression_attribute_values($rendered.values)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
    };
}

/// PutItem of a whole item, with an optional condition. Its S3 objects
/// are uploaded and its encrypted attributes sealed first; the objects a
/// replaced item pointed at are deleted after.
pub(crate) async fn put<M: DynoModel>(
    db: &Dynox,
    mut item: Item,
    condition: Option<&Condition<M>>,
) -> Result<()> {
    let schema = M::SCHEMA;
    checks::keys(schema, &item)?;
    let table = db.table_name::<M>();
    let objects = objects::before_put(db, schema, &table, &mut item).await?;
    let sent = async {
        if !schema.encrypted.is_empty() {
            crate::encrypt::item::seal_item(db, schema, &mut item).await?;
        }
        if !schema.encrypted.is_empty() || objects::any(schema) {
            // sealed values are larger, uploaded ones smaller: the size
            // checks see what is stored
            checks::size::<M>(&item)?;
        }
        // the old item, for the objects it pointed at
        let old = objects::any(schema);
        if super::write_once::any::<M>() {
            // one UpdateItem that keeps the stored write-once values
            let (key, actions) = super::write_once::replace::<M>(item);
            let returns = old.then_some(ReturnValue::UpdatedOld);
            return send_update::<M>(db, &table, key, &actions, condition, returns).await;
        }
        let r = render(None, condition);
        let builder = PutItemInput::builder()
            .table_name(table.as_ref())
            .set_item(Some(item))
            .set_return_values(old.then_some(ReturnValue::AllOld));
        let input = conditional!(builder, r).build().map_err(build_error)?;
        let out: PutItemOutput = db.send(&table, Request::PutItem(input)).await?;
        Ok(out.attributes)
    }
    .await;
    let old = sent.as_ref().ok().and_then(Option::as_ref);
    objects::after(db, schema, objects, &sent, old).await;
    sent.map(|_| ())
}

/// UpdateItem by key; with `return_new`, the whole item after the update.
pub(crate) async fn update<M: DynoModel>(
    db: &Dynox,
    key: &M::Key,
    actions: &UpdateActions,
    condition: Option<&Condition<M>>,
    return_new: bool,
) -> Result<Option<Item>> {
    let schema = M::SCHEMA;
    let key = key.to_key_item();
    checks::keys(schema, &key)?;
    let table = db.table_name::<M>();
    let mut actions = std::borrow::Cow::Borrowed(actions);
    let s3 = schema
        .s3_objects
        .iter()
        .any(|o| actions.touches(o.attribute));
    let objects = if s3 {
        objects::before_update(db, schema, &table, &key, actions.to_mut()).await?
    } else {
        objects::Objects::default()
    };
    let sent = async {
        if schema
            .encrypted
            .iter()
            .any(|e| actions.touches(e.attribute))
        {
            crate::encrypt::item::Sealer::new(db, schema)
                .seal_update(&key, actions.to_mut())
                .await?;
        }
        if super::write_once::any::<M>() {
            actions.to_mut().keep_once(schema.write_once);
        }
        // the old values of what changes, for the objects they pointed at
        // (an update that returns the new item leaves them: see `s3`)
        let returns = if return_new {
            Some(ReturnValue::AllNew)
        } else {
            s3.then_some(ReturnValue::UpdatedOld)
        };
        send_update::<M>(db, &table, key, &actions, condition, returns).await
    }
    .await;
    if s3 {
        let old = sent
            .as_ref()
            .ok()
            .and_then(Option::as_ref)
            .filter(|_| !return_new);
        objects::after(db, schema, objects, &sent, old).await;
    }
    let mut new = sent?.filter(|_| return_new);
    if let Some(item) = &mut new {
        crate::encrypt::item::open_item(db, schema, item).await?;
    }
    Ok(new)
}

async fn send_update<M: DynoModel>(
    db: &Dynox,
    table: &str,
    key: Item,
    actions: &UpdateActions,
    condition: Option<&Condition<M>>,
    returns: Option<ReturnValue>,
) -> Result<Option<Item>> {
    let r = render(Some(actions), condition);
    let builder = UpdateItemInput::builder()
        .table_name(table)
        .set_key(Some(key))
        .set_update_expression(r.update)
        .set_return_values(returns);
    let input = conditional!(builder, r).build().map_err(build_error)?;
    let output: UpdateItemOutput = db.send(table, Request::UpdateItem(input)).await?;
    Ok(output.attributes)
}

/// DeleteItem by key, with an optional condition.
pub(crate) async fn delete<M: DynoModel>(
    db: &Dynox,
    key: &M::Key,
    condition: Option<&Condition<M>>,
) -> Result<()> {
    let key = key.to_key_item();
    checks::keys(M::SCHEMA, &key)?;
    let table = db.table_name::<M>();
    let r = render(None, condition);
    let builder = DeleteItemInput::builder()
        .table_name(table.as_ref())
        .set_key(Some(key));
    let old = objects::any(M::SCHEMA);
    let builder = builder.set_return_values(old.then_some(ReturnValue::AllOld));
    let input = conditional!(builder, r).build().map_err(build_error)?;
    let sent = db
        .send::<DeleteItemOutput>(&table, Request::DeleteItem(input))
        .await
        .map(|out| out.attributes);
    if old {
        // the deleted item's objects go with it
        let gone = sent.as_ref().ok().and_then(Option::as_ref);
        objects::after(db, M::SCHEMA, objects::Objects::default(), &sent, gone).await;
    }
    sent.map(|_| ())
}
