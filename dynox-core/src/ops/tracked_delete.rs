//! `tracked.delete(&db)`: delete with hooks and the version that was loaded.

use super::versioning::Expected;
use super::{builder_options, delete::delete_value, OpFuture};
use crate::condition::Condition;
use crate::{DynoModel, Dynox, Result, Tracked};
use std::future::IntoFuture;

/// Deletes a tracked item, checking the version it was loaded with. After
/// it, the value counts as never saved: a later save is a PutItem.
#[must_use = "an operation does nothing until awaited"]
pub struct TrackedDelete<'a, M: DynoModel> {
    db: &'a Dynox,
    tracked: &'a mut Tracked<M>,
    condition: Option<Condition<M>>,
    skip_hooks: bool,
}

impl<'a, M: DynoModel> std::fmt::Debug for TrackedDelete<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrackedDelete")
            .field("table", &M::SCHEMA.table)
            .field("condition", &self.condition)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> TrackedDelete<'a, M> {
    pub(crate) fn new(db: &'a Dynox, tracked: &'a mut Tracked<M>) -> Self {
        TrackedDelete {
            db,
            tracked,
            condition: None,
            skip_hooks: false,
        }
    }
}

builder_options!(TrackedDelete, hooks);

impl<'a, M: DynoModel> IntoFuture for TrackedDelete<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let expected = Expected::loaded(self.tracked)
                .unwrap_or_else(|| Expected::of_value(&self.tracked.value));
            delete_value(
                self.db,
                &self.tracked.value,
                expected,
                self.condition,
                self.skip_hooks,
            )
            .await?;
            self.tracked.stored = None;
            Ok(())
        })
    }
}
