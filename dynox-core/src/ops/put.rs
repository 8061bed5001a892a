//! PutItem of a plain value: `value.save(&db)`.

use super::versioning::{self, Expected};
use super::{builder_options, checks, hooks_run, requests, same_item::same_item, OpFuture};
use crate::condition::Condition;
use crate::{DynoModel, Dynox, Error, Result};
use std::future::IntoFuture;

/// Writes a whole item (PutItem: create or replace). Await it to run.
///
/// For a `#[dyno(version)]` model the value's version says what it expects
/// stored: 0 is a new item (stored with version 1, or
/// [`Error::AlreadyExists`] when an item has its key); any other version is
/// checked against the stored one and written plus one
/// ([`Error::VersionConflict`] when they differ). The value itself is not
/// changed, so saving the same value again finds the item it stored: that
/// save succeeds without writing, as the stored item already is the value.
/// To change a value and save it again, keep it in a [`crate::Tracked`]
/// (`Tracked::new(value)`), whose saves move its version on.
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
/// let first = order("o1", 5);
/// first.save(&db).condition(Order::ID.not_exists()).await?; // create only
/// let again = first.save(&db).condition(Order::ID.not_exists()).await;
/// assert!(matches!(again, Err(Error::ConditionalCheckFailed { .. })));
/// # Ok(())
/// # }
/// ```
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
        // generated values and the hook's changes are stored from one copy;
        // the borrowed value stays as it is
        let generated = crate::generate::filled_copy(self.value)?;
        let copy = if hooks {
            hooks_run::before_save_of_copy(self.value, generated)?
        } else {
            generated
        };
        let value: &M = copy.as_ref().unwrap_or(self.value);
        let mut item = value.to_item();
        let expected = Expected::of_value(value);
        versioning::stamp::<M>(&mut item, expected.next());
        checks::size::<M>(&item)?;
        // only a version check of this save's alone can fail because this
        // same value was saved before: keep the item to compare then
        let written = (M::SCHEMA.version_attribute.is_some() && self.condition.is_none())
            .then(|| item.clone());
        let condition = versioning::and(self.condition, versioning::check::<M>(expected, false));
        let result = requests::put::<M>(self.db, item, condition.as_ref())
            .await
            .map_err(|e| versioning::classify_failure::<M>(e, expected, false));
        match (result, written) {
            (Ok(()), _) => {}
            // what is stored is what this save would write
            (
                Err(Error::VersionConflict { item: Some(stored) })
                | Err(Error::AlreadyExists { item: Some(stored) }),
                Some(written),
            ) if same_item(&stored, &written) => {}
            (Err(e), _) => return Err(e),
        }
        if hooks {
            value.after_save()?;
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
