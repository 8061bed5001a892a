//! UpdateItem by key: `User::update_by_key(&db, pk, sk).set(User::NAME, "Ann")`.

use super::update_expr::UpdateActions;
use super::update_methods::update_methods;
use super::{builder_options, checks, requests, versioning, OpFuture};
use crate::condition::Condition;
use crate::{DynoModel, Dynox, Error, Result};
use std::future::IntoFuture;

/// Updates attributes of an item by key in one request, without reading it
/// and without hooks. Like DynamoDB's UpdateItem, it creates the item when
/// no item has the key (add `.condition(User::PK.exists())` to refuse that).
/// Await it to run.
///
/// On a `#[dyno(version)]` model it adds 1 to the stored version (from 0
/// when missing) without checking it, so a copy loaded before this update
/// fails its next versioned save instead of overwriting the update. A value
/// over the model's `max_size` is refused before sending; the size of the
/// whole item after the update is not known without reading it.
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
/// Order::update_by_key(&db, "c1", "o1")
///     .add(Order::TOTAL, 2u32)
///     .condition(Order::TOTAL.lt(100))
///     .await?; // one UpdateItem: ADD total :v, no read first
/// assert_eq!(Order::get(&db, "c1", "o1").await?.map(|o| o.total), Some(7));
/// # Ok(())
/// # }
/// ```
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

    async fn run(mut self) -> Result<()> {
        if self.actions.is_empty() {
            return Err(Error::Refused {
                message: "an update needs at least one action (set, remove, add, ...)".to_owned(),
            });
        }
        checks::update_size::<M>(&self.actions)?;
        crate::generate::stamp_update::<M>(&mut self.actions);
        versioning::bump_in::<M>(&mut self.actions);
        requests::update::<M>(
            self.db,
            &self.key,
            &self.actions,
            self.condition.as_ref(),
            false,
        )
        .await?;
        Ok(())
    }
}

builder_options!(UpdateByKey);

impl<'a, M: DynoModel> IntoFuture for UpdateByKey<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
