//! `tracked.update(&db)`: chosen actions in one UpdateItem, after which the
//! local value is what DynamoDB stored (ALL_NEW).

use super::update_expr::UpdateActions;
use super::update_methods::update_methods;
use super::versioning::{self, Expected};
use super::{builder_options, hooks_run, requests, OpFuture};
use crate::condition::Condition;
use crate::{DynoModel, Dynox, Error, Result, Tracked};
use std::future::IntoFuture;

/// Updates chosen attributes of a tracked item in one request, then replaces
/// the local value with the stored item DynamoDB returns. Runs the update
/// hooks and the version check. Await it to run.
#[must_use = "an operation does nothing until awaited"]
pub struct TrackedUpdate<'a, M: DynoModel> {
    db: &'a Dynox,
    tracked: &'a mut Tracked<M>,
    actions: UpdateActions,
    condition: Option<Condition<M>>,
    skip_hooks: bool,
}

impl<'a, M: DynoModel> std::fmt::Debug for TrackedUpdate<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrackedUpdate")
            .field("table", &M::SCHEMA.table)
            .field("actions", &self.actions)
            .field("condition", &self.condition)
            .finish()
    }
}

update_methods!(TrackedUpdate);

impl<'a, M: DynoModel> TrackedUpdate<'a, M> {
    pub(crate) fn new(db: &'a Dynox, tracked: &'a mut Tracked<M>) -> Self {
        TrackedUpdate {
            db,
            tracked,
            actions: UpdateActions::default(),
            condition: None,
            skip_hooks: false,
        }
    }

    async fn run(self) -> Result<()> {
        let TrackedUpdate {
            db,
            tracked,
            mut actions,
            condition,
            skip_hooks,
        } = self;
        if actions.is_empty() {
            return Err(Error::Refused {
                message: "an update needs at least one action (set, remove, add, ...)".to_owned(),
            });
        }
        let hooks = hooks_run::enabled::<M>(skip_hooks);
        if hooks && M::DEFINED {
            // the fields the hook changes join the update, unless an action
            // of the caller's already writes them
            let key = tracked.value.key();
            let before = tracked.value.snapshot();
            tracked.value.before_update()?;
            hooks_run::unchanged_key(&key, &tracked.value.key())?;
            let mut changed = Vec::new();
            tracked.value.changed(&before, &mut changed);
            for &index in &changed {
                let attribute = M::FIELDS[index].attribute;
                if !actions.touches(attribute) {
                    actions.set(
                        crate::condition::RawPath::attribute(attribute),
                        tracked.value.field_value(index),
                    );
                }
            }
            let mut derived = Vec::new();
            tracked.value.__derived(&changed, &mut derived);
            for (attribute, value) in derived {
                actions.set(crate::condition::RawPath::attribute(attribute), Some(value));
            }
        }
        let expected =
            Expected::loaded(tracked).unwrap_or_else(|| Expected::of_value(&tracked.value));
        crate::generate::stamp_update::<M>(&mut actions);
        versioning::set_in::<M>(&mut actions, expected.next());
        // an update needs the item to exist; a versioned one also the version
        let condition = versioning::and(condition, versioning::check::<M>(expected, true));
        let key = tracked.value.key();
        let new = requests::update::<M>(db, &key, &actions, condition.as_ref(), true)
            .await
            .map_err(|e| versioning::classify_failure::<M>(e, expected, true))?;
        let item = new.ok_or_else(|| {
            Error::backend(
                "MissingAttributes",
                "UpdateItem answered ReturnValues ALL_NEW without the item's attributes",
            )
        })?;
        tracked.value = M::from_item(item)?;
        tracked.mark_stored();
        if hooks {
            tracked.value.after_update()?;
        }
        Ok(())
    }
}

builder_options!(TrackedUpdate, hooks);

impl<'a, M: DynoModel> IntoFuture for TrackedUpdate<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
