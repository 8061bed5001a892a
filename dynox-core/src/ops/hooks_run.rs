//! When hooks run, and how a hook's changes reach the request.

use crate::{DynoModel, Error, ModelKey, Result};

/// Hooks run unless the call or the model turned them off.
pub(crate) fn enabled<M: DynoModel>(skip_call: bool) -> bool {
    !skip_call && !M::SCHEMA.skip_hooks
}

/// `before_save` of a plain value, which a save only borrows: the hook runs
/// on a copy (`made`, when the save has one already, else one made through
/// the item, so models need not be `Clone`) whose changes are what gets
/// stored. `made` as it is when the model has no hooks.
pub(crate) fn before_save_of_copy<M: DynoModel>(value: &M, made: Option<M>) -> Result<Option<M>> {
    if !M::DEFINED {
        return Ok(made);
    }
    let mut copy = match made {
        Some(copy) => copy,
        None => M::from_item(value.to_item())?,
    };
    let key = copy.key();
    copy.before_save()?;
    unchanged_key(&key, &copy.key())?;
    Ok(Some(copy))
}

/// A hook (or the caller) changed a key field: saving would write another
/// item, so it is refused with nothing sent.
pub(crate) fn unchanged_key<K: ModelKey>(was: &K, now: &K) -> Result<()> {
    if was == now {
        return Ok(());
    }
    let (was, now) = (was.to_key_item(), now.to_key_item());
    let mut names: Vec<&String> = was.keys().filter(|k| was.get(*k) != now.get(*k)).collect();
    names.sort();
    Err(Error::KeyChanged {
        field: names.first().map(|s| s.to_string()).unwrap_or_default(),
    })
}
