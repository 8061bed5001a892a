//! DeleteItem: `value.delete(&db)` and `User::delete_by_key(&db, pk, sk)`.

use super::versioning::{self, Expected};
use super::{builder_options, hooks_run, requests, OpFuture};
use crate::condition::Condition;
use crate::{DynoModel, Dynox, Result};
use std::future::IntoFuture;

/// Deletes the item with a value's key (DeleteItem), running the delete
/// hooks and, for a versioned model, checking the stored version is the
/// value's. Await it to run.
#[must_use = "an operation does nothing until awaited"]
pub struct Delete<'a, M: DynoModel> {
    db: &'a Dynox,
    value: &'a M,
    condition: Option<Condition<M>>,
    skip_hooks: bool,
}

impl<'a, M: DynoModel> std::fmt::Debug for Delete<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delete")
            .field("table", &M::SCHEMA.table)
            .field("condition", &self.condition)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> Delete<'a, M> {
    pub(crate) fn new(db: &'a Dynox, value: &'a M) -> Self {
        Delete {
            db,
            value,
            condition: None,
            skip_hooks: false,
        }
    }
}

/// Deletes `key` with the hooks of `value` and its version check.
pub(crate) async fn delete_value<M: DynoModel>(
    db: &Dynox,
    value: &M,
    expected: Expected,
    condition: Option<Condition<M>>,
    skip_hooks: bool,
) -> Result<()> {
    let hooks = hooks_run::enabled::<M>(skip_hooks);
    if hooks {
        value.before_delete()?;
    }
    // a value never stored deletes unchecked; a stored one checks its version
    let version = match expected {
        Expected::New => None,
        Expected::Stored(_) => versioning::check::<M>(expected, false),
    };
    let condition = versioning::and(condition, version);
    requests::delete::<M>(db, &value.key(), condition.as_ref())
        .await
        .map_err(|e| versioning::classify_failure::<M>(e, expected, false))?;
    if hooks {
        value.after_delete()?;
    }
    Ok(())
}

builder_options!(Delete, hooks);

builder_options!(DeleteByKey);

impl<'a, M: DynoModel> IntoFuture for Delete<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(delete_value(
            self.db,
            self.value,
            Expected::of_value(self.value),
            self.condition,
            self.skip_hooks,
        ))
    }
}

/// Deletes an item by key without reading it first; runs no hooks and checks
/// no version. Await it to run.
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
/// Order::delete_by_key(&db, "c1", "o1").condition(Order::TOTAL.lt(10)).await?;
/// assert!(Order::get(&db, "c1", "o1").await?.is_none());
/// # Ok(())
/// # }
/// ```
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
}

impl<'a, M: DynoModel> IntoFuture for DeleteByKey<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(
            async move { requests::delete::<M>(self.db, &self.key, self.condition.as_ref()).await },
        )
    }
}
