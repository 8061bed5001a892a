//! PutItem: `value.save(&db)`.

use super::OpFuture;
use crate::condition::Condition;
use crate::expr::Placeholders;
use crate::metrics::OperationKind;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Result};
use aws_sdk_dynamodb::operation::put_item::{PutItemInput, PutItemOutput};
use aws_sdk_dynamodb::types::{ReturnConsumedCapacity, ReturnValuesOnConditionCheckFailure};
use std::future::IntoFuture;

/// Writes a whole item (PutItem). Await it to run.
#[must_use = "an operation does nothing until awaited"]
pub struct Save<'a, M: DynoModel> {
    db: &'a Dynox,
    value: &'a M,
    condition: Option<Condition<M>>,
}

impl<'a, M: DynoModel> std::fmt::Debug for Save<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Save")
            .field("table", &M::SCHEMA.table)
            .field("condition", &self.condition)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> Save<'a, M> {
    pub(crate) fn new(db: &'a Dynox, value: &'a M) -> Self {
        Save {
            db,
            value,
            condition: None,
        }
    }

    /// Only write when `condition` holds on the stored item (e.g.
    /// `User::PK.not_exists()` to create without replacing); otherwise
    /// [`crate::Error::ConditionalCheckFailed`] with the stored item.
    pub fn condition(mut self, condition: Condition<M>) -> Self {
        self.condition = Some(match self.condition.take() {
            Some(c) => c & condition,
            None => condition,
        });
        self
    }

    async fn run(self) -> Result<()> {
        let table = self.db.table_name::<M>();
        let mut placeholders = Placeholders::default();
        let condition = self.condition.as_ref().and_then(|c| c.render(&mut placeholders));
        let (names, values) = placeholders.finish();
        let input = PutItemInput::builder()
            .table_name(table.as_ref())
            .set_item(Some(self.value.to_item()))
            .set_condition_expression(condition)
            .set_expression_attribute_names(names)
            .set_expression_attribute_values(values)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .build()
            .map_err(super::table::build_error)?;
        let _: PutItemOutput = self
            .db
            .send(OperationKind::PutItem, &table, Request::PutItem(input))
            .await?;
        Ok(())
    }
}

impl<'a, M: DynoModel> IntoFuture for Save<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
