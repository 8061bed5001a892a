//! The operations of a [`Tracked`] value.

use super::{SmartSave, TrackedDelete, TrackedUpdate};
use crate::{DynoModel, Dynox, Tracked};

impl<M: DynoModel> Tracked<M> {
    /// Smart save: nothing when clean, only the changed fields otherwise,
    /// a PutItem for a value never saved. See [`SmartSave`].
    pub fn save<'a>(&'a mut self, db: &'a Dynox) -> SmartSave<'a, M> {
        SmartSave::new(db, self)
    }

    /// Chosen update actions in one request; the value becomes the stored item.
    pub fn update<'a>(&'a mut self, db: &'a Dynox) -> TrackedUpdate<'a, M> {
        TrackedUpdate::new(db, self)
    }

    /// Deletes the item, checking the loaded version.
    pub fn delete<'a>(&'a mut self, db: &'a Dynox) -> TrackedDelete<'a, M> {
        TrackedDelete::new(db, self)
    }
}
