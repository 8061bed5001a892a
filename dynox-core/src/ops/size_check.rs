//! Refuses items over the model's `max_size` or DynamoDB's limit before sending.

use crate::size::{item_size, MAX_ITEM_SIZE};
use crate::{DynoModel, Error, Item, Result};

pub(crate) fn check<M: DynoModel>(item: &Item) -> Result<()> {
    let max = M::SCHEMA
        .max_size
        .unwrap_or(MAX_ITEM_SIZE)
        .min(MAX_ITEM_SIZE);
    let size = item_size(item);
    if size > max {
        return Err(Error::ItemTooLarge { size, max });
    }
    Ok(())
}
