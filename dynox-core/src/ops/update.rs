//! UpdateItem by key: `User::update_by_key(&db, pk, sk).set(User::NAME, "Ann")`.

use super::update_expr::UpdateActions;
use super::update_methods::update_methods;
use super::OpFuture;
use crate::condition::Condition;
use crate::expr::Placeholders;
use crate::metrics::OperationKind;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error, ModelKey, Result};
use aws_sdk_dynamodb::operation::update_item::{UpdateItemInput, UpdateItemOutput};
use aws_sdk_dynamodb::types::{ReturnConsumedCapacity, ReturnValuesOnConditionCheckFailure};
use std::future::IntoFuture;

/// Updates attributes of an item by key in one request, without reading it
/// and without hooks. Like DynamoDB's UpdateItem, it creates the item when
/// no item has the key (add `.condition(User::PK.exists())` to refuse that).
/// Await it to run.
#[must_use = "an operation does nothing until awaited"]
pub struct UpdateByKey<'a, M: DynoModel> {
    db: &'a Dynox,
    key: M::Key,
    actions: UpdateActions,
    condition: Option<Condition<M>>,
}

impl<'a, M: DynoModel> std::fmt::Debug for UpdateByKey<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateByKey")
            .field("table", &M::SCHEMA.table)
            .field("key", &self.key)
            .field("actions", &self.actions)
            .field("condition", &self.condition)
            .finish()
    }
}

update_methods!(UpdateByKey);

impl<'a, M: DynoModel> UpdateByKey<'a, M> {
    pub(crate) fn new(db: &'a Dynox, key: M::Key) -> Self {
        UpdateByKey {
            db,
            key,
            actions: UpdateActions::default(),
            condition: None,
        }
    }

    /// Only update when `condition` holds; otherwise
    /// [`Error::ConditionalCheckFailed`] with the stored item.
    pub fn condition(mut self, condition: Condition<M>) -> Self {
        self.condition = Some(match self.condition.take() {
            Some(c) => c & condition,
            None => condition,
        });
        self
    }

    async fn run(self) -> Result<()> {
        if self.actions.is_empty() {
            return Err(Error::Validation {
                message: "an update needs at least one action (set, remove, add, ...)".to_owned(),
            });
        }
        let table = self.db.table_name::<M>();
        let mut placeholders = Placeholders::default();
        let expression = self.actions.render(&mut placeholders);
        let condition = self.condition.as_ref().and_then(|c| c.render(&mut placeholders));
        let (names, values) = placeholders.finish();
        let input = UpdateItemInput::builder()
            .table_name(table.as_ref())
            .set_key(Some(self.key.to_key_item()))
            .update_expression(expression)
            .set_condition_expression(condition)
            .set_expression_attribute_names(names)
            .set_expression_attribute_values(values)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .build()
            .map_err(super::table::build_error)?;
        let _: UpdateItemOutput = self
            .db
            .send(OperationKind::UpdateItem, &table, Request::UpdateItem(input))
            .await?;
        Ok(())
    }
}

impl<'a, M: DynoModel> IntoFuture for UpdateByKey<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
