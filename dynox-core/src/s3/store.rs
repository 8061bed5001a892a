//! S3-backed attributes in the operation layer: the pending bytes of a
//! write uploaded before it (once per content), new objects deleted when
//! DynamoDB refuses the write, old objects deleted after it succeeds.

use super::{pending_of, Stored};
use crate::model::{S3Attribute, TableSchema};
use crate::ops::update_expr::UpdateActions;
use crate::{AttributeValue, Dynox, Error, Item, Result};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use std::collections::HashMap;

/// Objects larger than this are uploaded in parts.
pub(crate) const MULTIPART_THRESHOLD: usize = 16 << 20;
/// The size of each part of a multipart upload.
pub(crate) const PART_SIZE: usize = 8 << 20;

/// The objects one write uploaded (not those it found already there).
#[derive(Debug, Default)]
pub(crate) struct Uploads {
    new: Vec<(String, String)>,
    /// Every object the written item points at, new or found.
    pub(crate) kept: Vec<(String, String)>,
}

fn client(db: &Dynox, schema: &TableSchema) -> Result<aws_sdk_s3::Client> {
    db.s3_for(schema.table).ok_or_else(|| Error::Configuration {
        message: format!(
            "the model of table `{}` has S3 fields, and this client has no S3 client; give it one with `db.with_s3(aws_sdk_s3::Client::new(&config))` (`Dynox::from_env` does)",
            schema.table
        ),
    })
}

/// An S3 failure, with S3's error code (`NoSuchBucket`, `NoSuchKey`, ...).
pub(crate) fn s3_error<E, R>(
    operation: &str,
    bucket: &str,
    key: &str,
    e: aws_sdk_s3::error::SdkError<E, R>,
) -> Error
where
    E: aws_sdk_s3::error::ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let code = match &e {
        aws_sdk_s3::error::SdkError::ServiceError(s) => s.err().code().map(str::to_owned),
        _ => None,
    };
    Error::S3 {
        operation: operation.to_owned(),
        bucket: bucket.to_owned(),
        key: key.to_owned(),
        code,
        message: aws_smithy_types::error::display::DisplayErrorContext(&e).to_string(),
    }
}

/// The object key of `data` in `spec` of the item with key attributes `key`
/// in `table` (the full name, so clients with other table prefixes, e.g.
/// environments, can share a bucket).
fn object_key(
    schema: &TableSchema,
    table: &str,
    spec: &S3Attribute,
    key: &Item,
    data: &[u8],
) -> String {
    let mut out = format!("{}{table}", spec.prefix);
    for name in std::iter::once(schema.partition_key.name).chain(schema.sort_key.map(|k| k.name)) {
        out.push('/');
        match key.get(name) {
            Some(AttributeValue::S(s)) => out.push_str(s),
            Some(AttributeValue::N(n)) => out.push_str(n),
            Some(AttributeValue::B(b)) => out.push_str(&hex(b.as_ref())),
            _ => out.push('_'),
        }
    }
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, data);
    format!("{out}/{}/{}", spec.attribute, hex(digest.as_ref()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Uploads the pending value of `spec` (an item attribute's map) and
/// answers its stored form; `new` says whether it was uploaded now.
async fn upload(
    s3: &aws_sdk_s3::Client,
    schema: &TableSchema,
    table: &str,
    spec: &S3Attribute,
    key: &Item,
    value: &AttributeValue,
) -> Result<Option<(AttributeValue, bool)>> {
    let Some(data) = pending_of(value) else {
        return Ok(None);
    };
    let AttributeValue::M(m) = value else {
        return Ok(None);
    };
    let pending = super::pending_meta(m).map_err(|e| Error::Refused {
        message: format!(
            "the S3 field `{}` holds a malformed pending value: {e}",
            spec.attribute
        ),
    })?;
    let (bucket, object) = (spec.bucket, object_key(schema, table, spec, key, data));
    // the same bytes of the same field of the same item: already there
    // (a retried or repeated save) means nothing to upload
    let head = s3.head_object().bucket(bucket).key(&object).send().await;
    let (etag, new) = match head {
        Ok(found) => (found.e_tag().unwrap_or_default().to_owned(), false),
        Err(e) if e.as_service_error().is_some_and(|e| e.is_not_found()) => {
            (put(s3, bucket, &object, data, &pending).await?, true)
        }
        Err(e) => return Err(s3_error("HeadObject", bucket, &object, e)),
    };
    let stored = Stored {
        bucket: bucket.to_owned(),
        key: object,
        size: data.len() as u64,
        etag,
        content_type: pending.content_type,
        metadata: pending.metadata,
    };
    Ok(Some((stored.to_attribute(), new)))
}

async fn put(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
    data: &[u8],
    meta: &super::PendingMeta,
) -> Result<String> {
    let metadata: HashMap<String, String> = meta.metadata.clone().into_iter().collect();
    if data.len() <= MULTIPART_THRESHOLD {
        let out = s3
            .put_object()
            .bucket(bucket)
            .key(key)
            .body(ByteStream::from(data.to_vec()))
            .set_content_type(meta.content_type.clone())
            .set_metadata(Some(metadata))
            .send()
            .await
            .map_err(|e| s3_error("PutObject", bucket, key, e))?;
        return Ok(out.e_tag().unwrap_or_default().to_owned());
    }
    let started = s3
        .create_multipart_upload()
        .bucket(bucket)
        .key(key)
        .set_content_type(meta.content_type.clone())
        .set_metadata(Some(metadata))
        .send()
        .await
        .map_err(|e| s3_error("CreateMultipartUpload", bucket, key, e))?;
    let upload_id = started.upload_id().unwrap_or_default().to_owned();
    let result = async {
        let mut parts = Vec::new();
        for (i, chunk) in data.chunks(PART_SIZE).enumerate() {
            let number = i as i32 + 1;
            let part = s3
                .upload_part()
                .bucket(bucket)
                .key(key)
                .upload_id(&upload_id)
                .part_number(number)
                .body(ByteStream::from(chunk.to_vec()))
                .send()
                .await
                .map_err(|e| s3_error("UploadPart", bucket, key, e))?;
            parts.push(
                CompletedPart::builder()
                    .part_number(number)
                    .set_e_tag(part.e_tag().map(str::to_owned))
                    .build(),
            );
        }
        let done = s3
            .complete_multipart_upload()
            .bucket(bucket)
            .key(key)
            .upload_id(&upload_id)
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .send()
            .await
            .map_err(|e| s3_error("CompleteMultipartUpload", bucket, key, e))?;
        Ok(done.e_tag().unwrap_or_default().to_owned())
    }
    .await;
    if result.is_err() {
        // no half-uploaded parts left behind (best effort: the error is the upload's)
        let _ = s3
            .abort_multipart_upload()
            .bucket(bucket)
            .key(key)
            .upload_id(&upload_id)
            .send()
            .await;
    }
    result
}

/// The key attributes of `item`.
fn key_item(schema: &TableSchema, item: &Item) -> Item {
    std::iter::once(schema.partition_key.name)
        .chain(schema.sort_key.map(|k| k.name))
        .filter_map(|n| item.get(n).map(|v| (n.to_owned(), v.clone())))
        .collect()
}

/// Uploads the pending objects of a whole item, writing their stored form.
pub(crate) async fn upload_item(
    db: &Dynox,
    schema: &TableSchema,
    table: &str,
    item: &mut Item,
) -> Result<Uploads> {
    let mut uploads = Uploads::default();
    if schema
        .s3_objects
        .iter()
        .all(|s| item.get(s.attribute).and_then(pending_of).is_none())
    {
        uploads.kept = objects_of(schema, item);
        return Ok(uploads);
    }
    let s3 = client(db, schema)?;
    let key = key_item(schema, item);
    for spec in schema.s3_objects {
        let Some(value) = item.get(spec.attribute) else {
            continue;
        };
        match upload(&s3, schema, table, spec, &key, value).await {
            Ok(Some((stored, new))) => {
                record(&mut uploads, &stored, new);
                item.insert(spec.attribute.to_owned(), stored);
            }
            Ok(None) => {}
            Err(e) => {
                delete_new(db, schema, uploads).await;
                return Err(e);
            }
        }
    }
    uploads.kept = objects_of(schema, item);
    Ok(uploads)
}

/// Uploads the pending objects an update sets.
pub(crate) async fn upload_update(
    db: &Dynox,
    schema: &TableSchema,
    table: &str,
    key: &Item,
    actions: &mut UpdateActions,
) -> Result<Uploads> {
    let mut uploads = Uploads::default();
    let s3 = client(db, schema)?;
    for spec in schema.s3_objects {
        for value in actions.whole_values_mut(spec.attribute) {
            match upload(&s3, schema, table, spec, key, value).await {
                Ok(Some((stored, new))) => {
                    record(&mut uploads, &stored, new);
                    *value = stored;
                }
                Ok(None) => {
                    if let Ok(s) = Stored::from_attribute(value) {
                        uploads.kept.push((s.bucket, s.key));
                    }
                }
                Err(e) => {
                    delete_new(db, schema, uploads).await;
                    return Err(e);
                }
            }
        }
    }
    Ok(uploads)
}

fn record(uploads: &mut Uploads, stored: &AttributeValue, new: bool) {
    if let Ok(s) = Stored::from_attribute(stored) {
        if new {
            uploads.new.push((s.bucket.clone(), s.key.clone()));
        }
        uploads.kept.push((s.bucket, s.key));
    }
}

/// The objects an item's S3 attributes point at.
pub(crate) fn objects_of(schema: &TableSchema, item: &Item) -> Vec<(String, String)> {
    schema
        .s3_objects
        .iter()
        .filter_map(|spec| item.get(spec.attribute))
        .filter_map(|v| Stored::from_attribute(v).ok())
        .map(|s| (s.bucket, s.key))
        .collect()
}

/// After the write: on a refusal that certainly wrote nothing, the objects
/// uploaded for it are deleted; on success, the old item's objects that the
/// new one no longer points at. An unknown outcome deletes nothing.
pub(crate) async fn finish<T>(
    db: &Dynox,
    schema: &TableSchema,
    uploads: Uploads,
    result: &Result<T>,
    old: Option<&Item>,
) {
    match result {
        Err(e) if wrote_nothing(e) => delete_new(db, schema, uploads).await,
        Err(_) => {}
        Ok(_) => {
            let Some(old) = old else { return };
            let gone: Vec<_> = objects_of(schema, old)
                .into_iter()
                .filter(|o| !uploads.kept.contains(o))
                .collect();
            delete_objects(db, schema, gone).await;
        }
    }
}

/// Whether DynamoDB certainly did not write: it answered, and refused.
fn wrote_nothing(e: &Error) -> bool {
    matches!(
        e,
        Error::ConditionalCheckFailed { .. }
            | Error::VersionConflict { .. }
            | Error::ItemDeleted
            | Error::AlreadyExists { .. }
            | Error::Validation { .. }
            | Error::ItemTooLarge { .. }
            | Error::ResourceNotFound { .. }
            | Error::Refused { .. }
            | Error::Decrypt { .. }
            | Error::Encrypt { .. }
            | Error::Configuration { .. }
            | Error::TransactionCanceled { .. }
    )
}

async fn delete_new(db: &Dynox, schema: &TableSchema, uploads: Uploads) {
    delete_objects(db, schema, uploads.new).await;
}

/// Deletes `objects`; a failure leaves the object (an orphan no item
/// points at) and is logged, since the write it follows stands.
pub(crate) async fn delete_objects(
    db: &Dynox,
    schema: &TableSchema,
    objects: Vec<(String, String)>,
) {
    if objects.is_empty() {
        return;
    }
    let Ok(s3) = client(db, schema) else { return };
    for (bucket, key) in objects {
        if let Err(e) = s3.delete_object().bucket(&bucket).key(&key).send().await {
            tracing::warn!(bucket, key, error = ?e, "dynox could not delete an S3 object no item points at");
        }
    }
}
