//! When hooks run.

use crate::DynoModel;

/// Hooks run unless the call or the model turned them off.
pub(crate) fn enabled<M: DynoModel>(skip_call: bool) -> bool {
    !skip_call && !M::SCHEMA.skip_hooks
}
