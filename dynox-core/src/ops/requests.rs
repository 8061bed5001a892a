//! The one place each item request is rendered: PutItem, UpdateItem and
//! DeleteItem, with their condition, placeholders, consumed capacity and the
//! stored item on a failed condition. Every builder goes through these.

use super::checks;
use super::table::build_error;
use super::update_expr::UpdateActions;
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

/// PutItem of a whole item, with an optional condition.
pub(crate) async fn put<M: DynoModel>(
    db: &Dynox,
    mut item: Item,
    condition: Option<&Condition<M>>,
) -> Result<()> {
    checks::keys(M::SCHEMA, &item)?;
    if !M::SCHEMA.encrypted.is_empty() {
        // sealed values are larger: the size checks see what is stored
        crate::encrypt::item::seal_item(db, M::SCHEMA, &mut item).await?;
        checks::size::<M>(&item)?;
    }
    let table = db.table_name::<M>();
    if super::write_once::any::<M>() {
        // one UpdateItem that keeps the stored write-once values
        let (key, actions) = super::write_once::replace::<M>(item);
        return send_update::<M>(db, &table, key, &actions, condition, false)
            .await
            .map(|_| ());
    }
    let r = render(None, condition);
    let builder = PutItemInput::builder()
        .table_name(table.as_ref())
        .set_item(Some(item));
    let input = conditional!(builder, r).build().map_err(build_error)?;
    let _: PutItemOutput = db.send(&table, Request::PutItem(input)).await?;
    Ok(())
}

/// UpdateItem by key; with `return_new`, the whole item after the update.
pub(crate) async fn update<M: DynoModel>(
    db: &Dynox,
    key: &M::Key,
    actions: &UpdateActions,
    condition: Option<&Condition<M>>,
    return_new: bool,
) -> Result<Option<Item>> {
    let key = key.to_key_item();
    checks::keys(M::SCHEMA, &key)?;
    let table = db.table_name::<M>();
    let mut actions = std::borrow::Cow::Borrowed(actions);
    if M::SCHEMA
        .encrypted
        .iter()
        .any(|e| actions.touches(e.attribute))
    {
        crate::encrypt::item::Sealer::new(db, M::SCHEMA)
            .seal_update(&key, actions.to_mut())
            .await?;
    }
    if super::write_once::any::<M>() {
        actions.to_mut().keep_once(M::SCHEMA.write_once);
    }
    let mut new = send_update::<M>(db, &table, key, &actions, condition, return_new).await?;
    if let Some(item) = &mut new {
        crate::encrypt::item::open_item(db, M::SCHEMA, item).await?;
    }
    Ok(new)
}

async fn send_update<M: DynoModel>(
    db: &Dynox,
    table: &str,
    key: Item,
    actions: &UpdateActions,
    condition: Option<&Condition<M>>,
    return_new: bool,
) -> Result<Option<Item>> {
    let r = render(Some(actions), condition);
    let builder = UpdateItemInput::builder()
        .table_name(table)
        .set_key(Some(key))
        .set_update_expression(r.update)
        .set_return_values(return_new.then_some(ReturnValue::AllNew));
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
    let input = conditional!(builder, r).build().map_err(build_error)?;
    let _: DeleteItemOutput = db.send(&table, Request::DeleteItem(input)).await?;
    Ok(())
}
