//! Smart save: `tracked.save(&db)` sends only what changed.

use super::update_expr::UpdateActions;
use super::versioning::{self, Expected};
use super::{builder_options, checks, hooks_run, requests, OpFuture};
use crate::condition::{Condition, RawPath};
use crate::{DynoModel, Dynox, Result, Tracked};
use std::future::IntoFuture;

/// Saves a [`Tracked`] value: nothing when it is clean, an UpdateItem of the
/// changed fields when it was loaded or saved before, a PutItem when it was
/// never saved or with [`SmartSave::full_replace`]. Await it to run.
#[must_use = "an operation does nothing until awaited"]
pub struct SmartSave<'a, M: DynoModel> {
    db: &'a Dynox,
    tracked: &'a mut Tracked<M>,
    condition: Option<Condition<M>>,
    full_replace: bool,
    skip_hooks: bool,
}

impl<'a, M: DynoModel> std::fmt::Debug for SmartSave<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmartSave")
            .field("table", &M::SCHEMA.table)
            .field("changed_fields", &self.tracked.changed_fields())
            .field("condition", &self.condition)
            .field("full_replace", &self.full_replace)
            .finish()
    }
}

impl<'a, M: DynoModel> SmartSave<'a, M> {
    pub(crate) fn new(db: &'a Dynox, tracked: &'a mut Tracked<M>) -> Self {
        SmartSave {
            db,
            tracked,
            condition: None,
            full_replace: false,
            skip_hooks: false,
        }
    }

    /// Writes the whole item with PutItem, whatever changed.
    pub fn full_replace(mut self) -> Self {
        self.full_replace = true;
        self
    }

    async fn run(self) -> Result<()> {
        let SmartSave {
            db,
            tracked,
            condition,
            full_replace,
            skip_hooks,
        } = self;
        let hooks = hooks_run::enabled::<M>(skip_hooks);
        // only a value never saved is a new item; a loaded one is checked
        // against what was loaded, even when that had no version attribute
        let expected = Expected::loaded(tracked).unwrap_or(Expected::New);

        // What to send: the changed fields of a loaded value (a clean one
        // sends nothing and runs no hook), or the whole item.
        let mut changed = None;
        match &tracked.stored {
            // a first write fills the generated fields, where the caller sees them
            None => tracked.value.__generate(true),
            Some(stored) => {
                if !full_replace {
                    hooks_run::unchanged_key(&stored.key, &tracked.value.key())?;
                    if tracked.changed_indexes(stored).is_empty() {
                        return Ok(());
                    }
                }
                // a write stamps the fields made on every write: they
                // join the changes (a clean value has returned above)
                tracked.value.__generate(false);
                if !full_replace {
                    changed = Some(tracked.changed_indexes(stored));
                }
            }
        }
        if hooks && M::DEFINED {
            // the hook may change fields: compared again, they join the
            // UpdateItem like the caller's own changes
            tracked.value.before_save()?;
            if let Some(stored) = &tracked.stored {
                hooks_run::unchanged_key(&stored.key, &tracked.value.key())?;
                if changed.is_some() {
                    let fields = tracked.changed_indexes(stored);
                    if fields.is_empty() {
                        return Ok(()); // the hook undid the change
                    }
                    changed = Some(fields);
                }
            }
        }

        // an UpdateItem of a loaded item must find it: one deleted meanwhile
        // would come back as a fragment of the changed fields
        let must_exist = changed.is_some();
        let condition = versioning::and(condition, versioning::check::<M>(expected, must_exist));
        let result = match changed {
            None => {
                let mut item = tracked.value.to_item();
                versioning::stamp::<M>(&mut item, expected.next());
                checks::size::<M>(&item)?;
                requests::put::<M>(db, item, condition.as_ref()).await
            }
            Some(changed) => {
                let mut actions = UpdateActions::default();
                for &index in &changed {
                    let field = &M::FIELDS[index];
                    actions.set(
                        RawPath::attribute(field.attribute),
                        tracked.value.field_value(index),
                    );
                }
                // index keys composed from the changed fields follow them
                let mut derived = Vec::new();
                tracked.value.__derived(&changed, &mut derived);
                for (attribute, value) in derived {
                    actions.set(RawPath::attribute(attribute), Some(value));
                }
                versioning::set_in::<M>(&mut actions, expected.next());
                // with objects to upload the size is checked before they
                // go (DynamoDB's refusal would come after an upload); with
                // neither objects nor a smaller limit DynamoDB's own check
                // suffices, and a smart save stays without a whole-item render
                if M::SCHEMA.max_size.is_some() || super::objects::any(M::SCHEMA) {
                    checks::size::<M>(&tracked.value.to_item())?;
                }
                let key = tracked.value.key();
                requests::update::<M>(db, &key, &actions, condition.as_ref(), false)
                    .await
                    .map(|_| ())
            }
        };
        result.map_err(|e| versioning::classify_failure::<M>(e, expected, must_exist))?;
        tracked.value.set_version(expected.next());
        tracked.mark_stored();
        if hooks {
            tracked.value.after_save()?;
        }
        Ok(())
    }
}

builder_options!(SmartSave, hooks);

impl<'a, M: DynoModel> IntoFuture for SmartSave<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
