//! PutItem of a plain value: `value.save(&db)`.

use super::versioning::{self, Expected};
use super::{builder_options, hooks_run, requests, size_check, OpFuture};
use crate::condition::Condition;
use crate::{DynoModel, Dynox, Result};
use std::future::IntoFuture;

/// The value a [`Save`] writes: shared for a model without a version, and
/// exclusive for a `#[dyno(version)]` model, whose version field the save
/// moves on, so saving the same value again is not a conflict with itself.
enum Value<'a, M> {
    Shared(&'a M),
    Exclusive(&'a mut M),
}

impl<M> Value<'_, M> {
    fn get(&self) -> &M {
        match self {
            Value::Shared(v) => v,
            Value::Exclusive(v) => v,
        }
    }
}

/// Writes a whole item (PutItem: create or replace). Await it to run.
///
/// For a `#[dyno(version)]` model, `save` takes the value mutably: a value
/// with version 0 is a new item (stored with version 1 if no item has its
/// key, else [`crate::Error::AlreadyExists`]); any other version is checked
/// against the stored one and written plus one
/// ([`crate::Error::VersionConflict`] when they differ). After the write the
/// value holds the stored version, so it can be saved again.
#[must_use = "an operation does nothing until awaited"]
pub struct Save<'a, M: DynoModel> {
    db: &'a Dynox,
    value: Value<'a, M>,
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
            value: Value::Shared(value),
            condition: None,
            skip_hooks: false,
        }
    }

    pub(crate) fn new_versioned(db: &'a Dynox, value: &'a mut M) -> Self {
        Save {
            db,
            value: Value::Exclusive(value),
            condition: None,
            skip_hooks: false,
        }
    }

    async fn run(self) -> Result<()> {
        let Save {
            db,
            mut value,
            condition,
            skip_hooks,
        } = self;
        let hooks = hooks_run::enabled::<M>(skip_hooks);
        if hooks {
            value.get().before_save()?;
        }
        let mut item = value.get().to_item();
        let expected = Expected::of_value(value.get());
        versioning::stamp::<M>(&mut item, expected.next());
        size_check::check::<M>(&item)?;
        let condition = versioning::and(condition, versioning::check::<M>(expected, false));
        requests::put::<M>(db, item, condition.as_ref())
            .await
            .map_err(|e| versioning::classify_failure::<M>(e, expected, false))?;
        if let Value::Exclusive(v) = &mut value {
            v.set_version(expected.next());
        }
        if hooks {
            value.get().after_save()?;
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
