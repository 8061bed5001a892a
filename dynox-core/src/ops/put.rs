//! PutItem of a plain value: `value.save(&db)`.

use super::{builder_options, hooks_run, requests, size_check, versioning, OpFuture};
use crate::condition::Condition;
use crate::{DynoModel, Dynox, Result};
use std::future::IntoFuture;

/// Writes a whole item (PutItem: create or replace). Await it to run.
///
/// For a `#[dyno(version)]` model the item is written with the value's
/// version plus one, on the condition that the stored version is the value's
/// (or that no item exists, for version 0). The value itself is not changed:
/// use [`crate::Tracked`] to keep it in step.
#[must_use = "an operation does nothing until awaited"]
pub struct Save<'a, M: DynoModel> {
    db: &'a Dynox,
    value: &'a M,
    condition: Option<Condition<M>>,
    skip_hooks: bool,
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
            skip_hooks: false,
        }
    }

    async fn run(self) -> Result<()> {
        let hooks = hooks_run::enabled::<M>(self.skip_hooks);
        if hooks {
            self.value.before_save()?;
        }
        let mut item = self.value.to_item();
        let expected = self.value.version();
        if let Some(attribute) = M::SCHEMA.version_attribute {
            item.insert(
                attribute.to_owned(),
                crate::AttributeValue::N((expected + 1).to_string()),
            );
        }
        size_check::check::<M>(&item)?;
        let condition = versioning::and(self.condition, versioning::version_check::<M>(expected));
        requests::put::<M>(self.db, item, condition.as_ref())
            .await
            .map_err(|e| versioning::classify_failure::<M>(e, expected))?;
        if hooks {
            self.value.after_save()?;
        }
        Ok(())
    }
}

builder_options!(Save, hooks);

impl<'a, M: DynoModel> IntoFuture for Save<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
