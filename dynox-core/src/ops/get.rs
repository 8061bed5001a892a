//! GetItem: `User::get(&db, pk, sk)`.

use super::OpFuture;
use crate::metrics::OperationKind;
use crate::transport::Request;
use crate::{DynoModel, Dynox, ModelKey, Result};
use aws_sdk_dynamodb::operation::get_item::{GetItemInput, GetItemOutput};
use aws_sdk_dynamodb::types::ReturnConsumedCapacity;
use std::future::IntoFuture;

/// Reads one item by key (GetItem); `None` when there is none. Await it to run.
#[must_use = "an operation does nothing until awaited"]
pub struct Get<'a, M: DynoModel> {
    db: &'a Dynox,
    key: M::Key,
    consistent_read: bool,
}

impl<'a, M: DynoModel> std::fmt::Debug for Get<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Get")
            .field("table", &M::SCHEMA.table)
            .field("key", &self.key)
            .field("consistent_read", &self.consistent_read)
            .finish()
    }
}

impl<'a, M: DynoModel> Get<'a, M> {
    pub(crate) fn new(db: &'a Dynox, key: M::Key) -> Self {
        Get {
            db,
            key,
            consistent_read: M::SCHEMA.consistent_read,
        }
    }

    /// Reads with strong consistency (twice the read units).
    pub fn consistent_read(mut self) -> Self {
        self.consistent_read = true;
        self
    }

    async fn run(self) -> Result<Option<M>> {
        let table = self.db.table_name::<M>();
        let input = GetItemInput::builder()
            .table_name(table.as_ref())
            .set_key(Some(self.key.to_key_item()))
            .set_consistent_read(self.consistent_read.then_some(true))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .build()
            .map_err(super::table::build_error)?;
        let output: GetItemOutput = self
            .db
            .send(OperationKind::GetItem, &table, Request::GetItem(input))
            .await?;
        output.item.map(M::from_item).transpose()
    }
}

impl<'a, M: DynoModel> IntoFuture for Get<'a, M> {
    type Output = Result<Option<M>>;
    type IntoFuture = OpFuture<'a, Option<M>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
