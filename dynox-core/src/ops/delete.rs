//! DeleteItem: `value.delete(&db)` and `User::delete_by_key(&db, pk, sk)`.

use super::OpFuture;
use crate::condition::Condition;
use crate::expr::Placeholders;
use crate::metrics::OperationKind;
use crate::transport::Request;
use crate::{DynoModel, Dynox, ModelKey, Result};
use aws_sdk_dynamodb::operation::delete_item::{DeleteItemInput, DeleteItemOutput};
use aws_sdk_dynamodb::types::{ReturnConsumedCapacity, ReturnValuesOnConditionCheckFailure};
use std::future::IntoFuture;

async fn delete_key<M: DynoModel>(db: &Dynox, key: &M::Key, condition: Option<&Condition<M>>) -> Result<()> {
    let table = db.table_name::<M>();
    let mut placeholders = Placeholders::default();
    let condition = condition.and_then(|c| c.render(&mut placeholders));
    let (names, values) = placeholders.finish();
    let input = DeleteItemInput::builder()
        .table_name(table.as_ref())
        .set_key(Some(key.to_key_item()))
        .set_condition_expression(condition)
        .set_expression_attribute_names(names)
        .set_expression_attribute_values(values)
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .map_err(super::table::build_error)?;
    let _: DeleteItemOutput = db
        .send(OperationKind::DeleteItem, &table, Request::DeleteItem(input))
        .await?;
    Ok(())
}

/// Deletes the item with a value's key (DeleteItem). Await it to run.
#[must_use = "an operation does nothing until awaited"]
pub struct Delete<'a, M: DynoModel> {
    db: &'a Dynox,
    value: &'a M,
    condition: Option<Condition<M>>,
}

impl<'a, M: DynoModel> std::fmt::Debug for Delete<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delete").field("table", &M::SCHEMA.table).finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> Delete<'a, M> {
    pub(crate) fn new(db: &'a Dynox, value: &'a M) -> Self {
        Delete {
            db,
            value,
            condition: None,
        }
    }

    /// Only delete when `condition` holds; otherwise
    /// [`crate::Error::ConditionalCheckFailed`] with the stored item.
    pub fn condition(mut self, condition: Condition<M>) -> Self {
        self.condition = Some(match self.condition.take() {
            Some(c) => c & condition,
            None => condition,
        });
        self
    }
}

impl<'a, M: DynoModel> IntoFuture for Delete<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { delete_key::<M>(self.db, &self.value.key(), self.condition.as_ref()).await })
    }
}

/// Deletes an item by key without reading it first; runs no hooks.
#[must_use = "an operation does nothing until awaited"]
pub struct DeleteByKey<'a, M: DynoModel> {
    db: &'a Dynox,
    key: M::Key,
    condition: Option<Condition<M>>,
}

impl<'a, M: DynoModel> std::fmt::Debug for DeleteByKey<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeleteByKey")
            .field("table", &M::SCHEMA.table)
            .field("key", &self.key)
            .field("condition", &self.condition)
            .finish()
    }
}

impl<'a, M: DynoModel> DeleteByKey<'a, M> {
    pub(crate) fn new(db: &'a Dynox, key: M::Key) -> Self {
        DeleteByKey {
            db,
            key,
            condition: None,
        }
    }

    /// Only delete when `condition` holds; otherwise
    /// [`crate::Error::ConditionalCheckFailed`] with the stored item.
    pub fn condition(mut self, condition: Condition<M>) -> Self {
        self.condition = Some(match self.condition.take() {
            Some(c) => c & condition,
            None => condition,
        });
        self
    }
}

impl<'a, M: DynoModel> IntoFuture for DeleteByKey<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { delete_key::<M>(self.db, &self.key, self.condition.as_ref()).await })
    }
}
