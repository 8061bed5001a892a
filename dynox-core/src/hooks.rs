//! Lifecycle hooks around instance operations.

use crate::Result;

/// Code that runs around a model's instance operations (`save`, `update`,
/// `delete`) and after loads. Every method does nothing by default.
///
/// The derive implements it with no hooks; mark the model `#[dyno(hooks)]` to
/// write the impl yourself. A `before_*` error aborts the operation with
/// nothing sent (it is returned as [`crate::Error::Hook`] unless it already is
/// a dynox error). `*_by_key` operations, `.skip_hooks()` on a call and the
/// model option `skip_hooks` turn them off. To run several hooks for one
/// event, call them in order from the method: the order is then the code's.
///
/// `before_save` and `before_update` may change the value (normalise a
/// field, stamp `updated_at`): what they change is stored. On a
/// [`crate::Tracked`] value the fields a hook changed are part of the smart
/// save's UpdateItem, and of an update's actions; a plain value's save
/// stores the hook's changes without changing the value itself. A hook that
/// changes a key field is [`crate::Error::KeyChanged`], with nothing sent.
pub trait DynoHooks {
    /// Whether the model has hooks of its own: the derive's empty impl says
    /// `false`, so a save need not copy a plain value for a hook that does
    /// nothing.
    #[doc(hidden)]
    const DEFINED: bool = true;

    /// Before a save is sent; may change the value; an error aborts it.
    fn before_save(&mut self) -> Result<()> {
        Ok(())
    }
    /// After a save succeeded.
    fn after_save(&self) -> Result<()> {
        Ok(())
    }
    /// Before an instance update is sent; may change the value (the changed
    /// fields join the update); an error aborts it.
    fn before_update(&mut self) -> Result<()> {
        Ok(())
    }
    /// After an instance update succeeded (the value holds the new item).
    fn after_update(&self) -> Result<()> {
        Ok(())
    }
    /// Before a delete is sent; an error aborts it.
    fn before_delete(&self) -> Result<()> {
        Ok(())
    }
    /// After a delete succeeded.
    fn after_delete(&self) -> Result<()> {
        Ok(())
    }
    /// After the value was read from DynamoDB; may adjust it.
    fn after_load(&mut self) -> Result<()> {
        Ok(())
    }
}
