//! GetItem: `User::get(&db, pk, sk)`.

use super::OpFuture;
use crate::transport::Request;
use crate::{DynoModel, Dynox, ModelKey, Result, Tracked};
use aws_sdk_dynamodb::operation::get_item::{GetItemInput, GetItemOutput};
use aws_sdk_dynamodb::types::ReturnConsumedCapacity;
use std::future::IntoFuture;

/// Reads one item by key (GetItem); `None` when there is none, otherwise the
/// value [`Tracked`] for smart save. Await it to run.
///
/// ```
/// # use dynox_core::prelude::*;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
/// # fn order(id: &str, total: u32) -> Order { Order { customer: "c1".into(), id: id.into(), total } }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// # let db = Dynox::memory_with::<(Order,)>();
/// order("o1", 5).save(&db).await?;
/// let found = Order::get(&db, "c1", "o1").consistent_read(true).await?;
/// assert_eq!(found.map(|o| o.total), Some(5));
/// assert!(Order::get(&db, "c1", "none").await?.is_none());
/// # Ok(())
/// # }
/// ```
#[must_use = "an operation does nothing until awaited"]
pub struct Get<'a, M: DynoModel> {
    db: &'a Dynox,
    key: M::Key,
    consistent_read: bool,
    skip_hooks: bool,
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
            skip_hooks: false,
        }
    }

    /// Does not run the `after_load` hook.
    pub fn skip_hooks(mut self) -> Self {
        self.skip_hooks = true;
        self
    }

    /// `true`: strongly consistent reads (twice the read units);
    /// `false`: eventually consistent. Overrides the model's
    /// `consistent_read` option for this call.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    async fn run(self) -> Result<Option<Tracked<M>>> {
        let key = self.key.to_key_item();
        super::checks::keys(M::SCHEMA, &key)?;
        let table = self.db.table_name::<M>();
        let input = GetItemInput::builder()
            .table_name(table.as_ref())
            .set_key(Some(key))
            .set_consistent_read(self.consistent_read.then_some(true))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .build()
            .map_err(super::table::build_error)?;
        let output: GetItemOutput = self.db.send(&table, Request::GetItem(input)).await?;
        let Some(mut item) = output.item else {
            return Ok(None);
        };
        crate::encrypt::item::open_item(self.db, M::SCHEMA, &mut item).await?;
        let mut value = M::from_item(item)?;
        if super::hooks_run::enabled::<M>(self.skip_hooks) {
            value.after_load()?;
        }
        Ok(Some(Tracked::loaded(value)))
    }
}

impl<'a, M: DynoModel> IntoFuture for Get<'a, M> {
    type Output = Result<Option<Tracked<M>>>;
    type IntoFuture = OpFuture<'a, Option<Tracked<M>>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
