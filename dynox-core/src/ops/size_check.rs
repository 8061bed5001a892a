//! Refuses items over the model's `max_size` or DynamoDB's limit before sending.

use super::update_expr::UpdateActions;
use crate::size::{item_size, value_size, MAX_ITEM_SIZE};
use crate::{DynoModel, Error, Item, Result};

fn limit<M: DynoModel>() -> usize {
    M::SCHEMA
        .max_size
        .unwrap_or(MAX_ITEM_SIZE)
        .min(MAX_ITEM_SIZE)
}

pub(crate) fn check<M: DynoModel>(item: &Item) -> Result<()> {
    let max = limit::<M>();
    let size = item_size(item);
    if size > max {
        return Err(Error::ItemTooLarge { size, max });
    }
    Ok(())
}

/// An update that does not read the item cannot know the size it leaves
/// (the rest of the item is not here), but one value that alone, with its
/// attribute name, exceeds the limit can never fit: refuse that.
pub(crate) fn check_update<M: DynoModel>(actions: &UpdateActions) -> Result<()> {
    let max = limit::<M>();
    for (path, value) in actions.values() {
        let name = path.top_level().map_or(0, str::len);
        let size = name + value_size(value);
        if size > max {
            return Err(Error::ItemTooLarge { size, max });
        }
    }
    Ok(())
}
