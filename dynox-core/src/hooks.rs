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
pub trait DynoHooks {
    /// Before a save is sent; an error aborts it.
    fn before_save(&self) -> Result<()> {
        Ok(())
    }
    /// After a save succeeded.
    fn after_save(&self) -> Result<()> {
        Ok(())
    }
    /// Before an instance update is sent; an error aborts it.
    fn before_update(&self) -> Result<()> {
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
