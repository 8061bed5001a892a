//! Lifecycle hooks around instance operations.

use crate::Result;

/// Code that runs around a model's instance operations (`save`, `update`,
/// `delete`) and after loads. Every method does nothing by default.
///
/// The derive implements it with no hooks; mark the model `#[dyno(hooks)]` to
/// write the impl yourself. A `before_*` error aborts the operation with
/// nothing sent. `*_by_key` operations and `.skip_hooks()` skip them.
pub trait DynoHooks {
    /// Before a save is sent.
    fn before_save(&mut self) -> Result<()> {
        Ok(())
    }
    /// After a save succeeded.
    fn after_save(&mut self) -> Result<()> {
        Ok(())
    }
    /// Before an instance update is sent.
    fn before_update(&mut self) -> Result<()> {
        Ok(())
    }
    /// After an instance update succeeded.
    fn after_update(&mut self) -> Result<()> {
        Ok(())
    }
    /// Before a delete is sent.
    fn before_delete(&mut self) -> Result<()> {
        Ok(())
    }
    /// After a delete succeeded.
    fn after_delete(&mut self) -> Result<()> {
        Ok(())
    }
    /// After the value was read from DynamoDB.
    fn after_load(&mut self) -> Result<()> {
        Ok(())
    }
}
