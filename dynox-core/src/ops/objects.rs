//! S3-backed attributes around the item requests: uploads before the
//! write, deletions after it (see the `s3` module). Without the `s3`
//! feature no model has such attributes, and these do nothing.

use crate::model::TableSchema;
use crate::{Dynox, Item, Result};

/// What a write uploaded, for [`after`].
#[derive(Debug, Default)]
pub(crate) struct Objects {
    #[cfg(feature = "s3")]
    uploads: Option<crate::s3::store::Uploads>,
}

/// Batch writes and transactions return no old items, whose objects would
/// need deleting: they refuse models with S3-backed attributes.
pub(crate) fn refusal<M: crate::DynoModel>(what: &str) -> Option<crate::Error> {
    any(M::SCHEMA).then(|| crate::Error::Refused {
        message: format!(
            "{what} cannot keep the S3 objects of `{}` in step with its items (it returns no old items): save and delete the items one by one",
            M::SCHEMA.table
        ),
    })
}

/// Whether the model has S3-backed attributes.
pub(crate) fn any(schema: &TableSchema) -> bool {
    !schema.s3_objects.is_empty()
}

/// Uploads the pending objects of a whole item.
#[cfg_attr(not(feature = "s3"), allow(unused_variables))]
pub(crate) async fn before_put(
    db: &Dynox,
    schema: &TableSchema,
    table: &str,
    item: &mut Item,
) -> Result<Objects> {
    if !any(schema) {
        return Ok(Objects::default());
    }
    #[cfg(feature = "s3")]
    return Ok(Objects {
        uploads: Some(crate::s3::store::upload_item(db, schema, table, item).await?),
    });
    #[cfg(not(feature = "s3"))]
    Ok(Objects::default())
}

/// Uploads the pending objects an update sets.
#[cfg_attr(not(feature = "s3"), allow(unused_variables))]
pub(crate) async fn before_update(
    db: &Dynox,
    schema: &TableSchema,
    table: &str,
    key: &Item,
    actions: &mut super::update_expr::UpdateActions,
) -> Result<Objects> {
    if !schema
        .s3_objects
        .iter()
        .any(|s| actions.touches(s.attribute))
    {
        return Ok(Objects::default());
    }
    #[cfg(feature = "s3")]
    return Ok(Objects {
        uploads: Some(crate::s3::store::upload_update(db, schema, table, key, actions).await?),
    });
    #[cfg(not(feature = "s3"))]
    Ok(Objects::default())
}

/// After a put or update: deletes what the write's outcome leaves no item
/// pointing at (`old`: the attributes DynamoDB returned as they were).
#[cfg_attr(not(feature = "s3"), allow(unused_variables))]
pub(crate) async fn after<T>(
    db: &Dynox,
    schema: &TableSchema,
    objects: Objects,
    result: &Result<T>,
    old: Option<&Item>,
) {
    // a write that uploaded nothing may still have removed or replaced an
    // object: `finish` deletes those, and with no uploads nothing else
    #[cfg(feature = "s3")]
    crate::s3::store::finish(db, schema, objects.uploads.unwrap_or_default(), result, old).await;
}
