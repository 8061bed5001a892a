//! S3-backed fields: `#[dyno(s3(bucket = "..."))]` on an [`S3Object`] (or
//! `Option<S3Object>`) field. The bytes live in S3; the item holds the
//! object's metadata (bucket, key, size, ETag, content type, user metadata).
//!
//! ```no_run
//! # use dynox_core::prelude::*;
//! use dynox_core::s3::S3Object;
//!
//! #[derive(DynoModel, Debug, Clone, PartialEq)]
//! #[dyno(table = "documents")]
//! pub struct Document {
//!     #[dyno(partition_key)]
//!     pub id: String,
//!     #[dyno(s3(bucket = "my-documents", prefix = "docs/"))]
//!     pub file: S3Object,
//! }
//! # async fn run() -> dynox_core::Result<()> {
//! let db = Dynox::from_env().await?; // DynamoDB and S3, configured alike
//! let doc = Document {
//!     id: "d1".into(),
//!     file: S3Object::new(b"%PDF-1.7 ...".to_vec()).content_type("application/pdf"),
//! };
//! doc.save(&db).await?; // uploads, then writes the item
//! let loaded = Document::get(&db, "d1").await?.expect("saved");
//! let bytes = loaded.file.bytes(&db).await?; // downloads
//! let url = loaded.file.presigned_url(&db, std::time::Duration::from_secs(300)).await?;
//! Document::delete_by_key(&db, "d1").await?; // deletes the object too
//! # let _ = (bytes, url); Ok(()) }
//! ```
//!
//! # Where objects go, and what is never left behind
//!
//! An object's key is `{prefix}{table}/{partition key}[/{sort key}]/{attribute}/{sha256 of the
//! bytes}`, so the same bytes of the same field of the same item are one
//! object: a save that is retried (or repeated) finds it there (HeadObject)
//! and does not upload again. Objects above 16 MiB are uploaded in 8 MiB
//! parts (multipart; a failed part aborts the upload).
//!
//! - When DynamoDB refuses the write after the upload (a failed condition,
//!   a version conflict, a validation error), the new object is deleted
//!   before the error is returned.
//! - When a save replaces a file, or a delete removes the item, the old
//!   object is deleted after the DynamoDB write succeeds (the write asks
//!   DynamoDB for the old item, so nothing is read first).
//!
//! The remaining window, by design on the safe side: when the outcome of
//! the DynamoDB write is unknown (a timeout, an unreachable endpoint, the
//! process stopping), the new object is kept, since the item may point at
//! it, and so is the object a replace would have deleted, since the item
//! may still point at that one (the old item did not come back); and when
//! deleting an old object fails after the write, it is left.
//! Both are objects no item points at, under the item's own prefix, with
//! the content hash as the last part of their key: a lifecycle rule or a
//! sweep can find them.
//!
//! A saved value keeps its bytes (`S3Object::new` stays pending in it, and
//! a repeated save finds its object); a loaded one has the bucket, key and
//! ETag.
//!
//! Batch writes and transactions of models with S3 fields are refused
//! ([`Error::Refused`](crate::Error::Refused)): neither returns the old
//! items whose objects would need deleting. An S3 field's constant allows
//! only `exists`, `not_exists` and (for an `Option`) `remove`.

mod download;
pub(crate) mod store;

use crate::value::{DynoValue, ValueError};
use crate::AttributeValue;
use bytes::Bytes;
use std::collections::{BTreeMap, HashMap};

pub use crate::model::S3Attribute;

/// A file in S3: bytes to upload with the next save, or an object stored
/// by an earlier one (see the [module docs](self)).
#[derive(Clone, PartialEq)]
pub struct S3Object {
    state: State,
}

#[derive(Clone, PartialEq)]
enum State {
    /// Uploaded by the next save.
    Pending {
        data: Bytes,
        content_type: Option<String>,
        metadata: BTreeMap<String, String>,
    },
    /// In S3.
    Stored(Stored),
}

/// The metadata of a stored object, as the item holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stored {
    pub(crate) bucket: String,
    pub(crate) key: String,
    pub(crate) size: u64,
    pub(crate) etag: String,
    pub(crate) content_type: Option<String>,
    pub(crate) metadata: BTreeMap<String, String>,
}

impl std::fmt::Debug for S3Object {
    // the bytes are not shown, only their size
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.state {
            State::Pending {
                data, content_type, ..
            } => f
                .debug_struct("S3Object")
                .field("pending_bytes", &data.len())
                .field("content_type", content_type)
                .finish_non_exhaustive(),
            State::Stored(s) => f
                .debug_struct("S3Object")
                .field("bucket", &s.bucket)
                .field("key", &s.key)
                .field("size", &s.size)
                .finish_non_exhaustive(),
        }
    }
}

impl S3Object {
    /// Bytes to upload with the next save.
    pub fn new(data: impl Into<Bytes>) -> Self {
        S3Object {
            state: State::Pending {
                data: data.into(),
                content_type: None,
                metadata: BTreeMap::new(),
            },
        }
    }

    /// Reads the file at `path`, to upload with the next save.
    pub async fn from_file(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        Ok(Self::new(tokio::fs::read(path).await?))
    }

    /// The object's content type (`Content-Type`), for an object not yet
    /// uploaded.
    pub fn content_type(mut self, value: impl Into<String>) -> Self {
        if let State::Pending { content_type, .. } = &mut self.state {
            *content_type = Some(value.into());
        }
        self
    }

    /// A user metadata entry (`x-amz-meta-{key}`), for an object not yet
    /// uploaded.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        if let State::Pending { metadata, .. } = &mut self.state {
            metadata.insert(key.into(), value.into());
        }
        self
    }

    /// Whether the object is in S3 (loaded, or saved and reloaded).
    pub fn is_stored(&self) -> bool {
        matches!(self.state, State::Stored(_))
    }

    /// The size in bytes.
    pub fn size(&self) -> u64 {
        match &self.state {
            State::Pending { data, .. } => data.len() as u64,
            State::Stored(s) => s.size,
        }
    }

    /// The bucket, once stored.
    pub fn bucket(&self) -> Option<&str> {
        self.stored().map(|s| s.bucket.as_str())
    }

    /// The object key, once stored.
    pub fn key(&self) -> Option<&str> {
        self.stored().map(|s| s.key.as_str())
    }

    /// The ETag S3 gave the object, once stored.
    pub fn etag(&self) -> Option<&str> {
        self.stored().map(|s| s.etag.as_str())
    }

    /// The content type.
    pub fn get_content_type(&self) -> Option<&str> {
        match &self.state {
            State::Pending { content_type, .. } => content_type.as_deref(),
            State::Stored(s) => s.content_type.as_deref(),
        }
    }

    /// The user metadata.
    pub fn get_metadata(&self) -> &BTreeMap<String, String> {
        match &self.state {
            State::Pending { metadata, .. } => metadata,
            State::Stored(s) => &s.metadata,
        }
    }

    pub(crate) fn stored(&self) -> Option<&Stored> {
        match &self.state {
            State::Stored(s) => Some(s),
            State::Pending { .. } => None,
        }
    }

    pub(crate) fn pending_data(&self) -> Option<&Bytes> {
        match &self.state {
            State::Pending { data, .. } => Some(data),
            State::Stored(_) => None,
        }
    }
}

/// The item's form of an object: a map. A pending one carries its bytes
/// under `pending` until the save uploads them and writes the stored form.
const PENDING: &str = "pending";

fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_owned())
}

fn metadata_map(metadata: &BTreeMap<String, String>) -> AttributeValue {
    AttributeValue::M(metadata.iter().map(|(k, v)| (k.clone(), s(v))).collect())
}

impl Stored {
    pub(crate) fn to_attribute(&self) -> AttributeValue {
        let mut m = HashMap::from([
            ("bucket".to_owned(), s(&self.bucket)),
            ("key".to_owned(), s(&self.key)),
            ("size".to_owned(), AttributeValue::N(self.size.to_string())),
            ("etag".to_owned(), s(&self.etag)),
            ("metadata".to_owned(), metadata_map(&self.metadata)),
        ]);
        if let Some(ct) = &self.content_type {
            m.insert("content_type".to_owned(), s(ct));
        }
        AttributeValue::M(m)
    }

    pub(crate) fn from_attribute(value: &AttributeValue) -> Result<Stored, ValueError> {
        let AttributeValue::M(m) = value else {
            return Err(ValueError::wrong_type(EXPECTED, value));
        };
        let text = |name: &str| {
            text_of(m, name)
                .ok_or_else(|| ValueError::custom(EXPECTED, format!("a map without `{name}` text")))
        };
        let size = match m.get("size") {
            Some(AttributeValue::N(n)) => n.parse::<u64>().ok(),
            _ => None,
        }
        .ok_or_else(|| ValueError::custom(EXPECTED, "a map without a whole `size`"))?;
        Ok(Stored {
            bucket: text("bucket")?,
            key: text("key")?,
            size,
            etag: text("etag")?,
            content_type: text_of(m, "content_type"),
            metadata: metadata_of(m)?,
        })
    }
}

const EXPECTED: &str = "M holding an S3 object's bucket, key, size and etag";

fn text_of(m: &HashMap<String, AttributeValue>, name: &str) -> Option<String> {
    match m.get(name) {
        Some(AttributeValue::S(v)) => Some(v.clone()),
        _ => None,
    }
}

fn metadata_of(
    m: &HashMap<String, AttributeValue>,
) -> Result<BTreeMap<String, String>, ValueError> {
    match m.get("metadata") {
        None => Ok(BTreeMap::new()),
        Some(AttributeValue::M(entries)) => entries
            .iter()
            .map(|(k, v)| match v {
                AttributeValue::S(v) => Ok((k.clone(), v.clone())),
                _ => Err(ValueError::custom(EXPECTED, "metadata that is not text")),
            })
            .collect(),
        Some(_) => Err(ValueError::custom(EXPECTED, "metadata that is not a map")),
    }
}

impl DynoValue for S3Object {
    const DYNAMO_TYPE: &'static str = "M";

    fn to_attribute_value(&self) -> Option<AttributeValue> {
        Some(match &self.state {
            State::Stored(stored) => stored.to_attribute(),
            State::Pending {
                data,
                content_type,
                metadata,
            } => {
                let mut m = HashMap::from([
                    (PENDING.to_owned(), AttributeValue::B(data.to_vec().into())),
                    ("metadata".to_owned(), metadata_map(metadata)),
                ]);
                if let Some(ct) = content_type {
                    m.insert("content_type".to_owned(), s(ct));
                }
                AttributeValue::M(m)
            }
        })
    }

    fn from_attribute_value(value: Option<AttributeValue>) -> Result<Self, ValueError> {
        let value = value.ok_or_else(|| ValueError::missing("M (an S3 object)"))?;
        if let AttributeValue::M(m) = &value {
            // what a save had not uploaded yet (a value written back before
            // its save, e.g. by to_item and from_item in a hook)
            if let Some(AttributeValue::B(data)) = m.get(PENDING) {
                return Ok(S3Object {
                    state: State::Pending {
                        data: Bytes::copy_from_slice(data.as_ref()),
                        content_type: text_of(m, "content_type"),
                        metadata: metadata_of(m)?,
                    },
                });
            }
        }
        Ok(S3Object {
            state: State::Stored(Stored::from_attribute(&value)?),
        })
    }
}

/// The content type and metadata of a pending value.
pub(crate) struct PendingMeta {
    pub(crate) content_type: Option<String>,
    pub(crate) metadata: BTreeMap<String, String>,
}

/// The content type and metadata of the map of a pending value.
pub(crate) fn pending_meta(m: &HashMap<String, AttributeValue>) -> Result<PendingMeta, ValueError> {
    Ok(PendingMeta {
        content_type: text_of(m, "content_type"),
        metadata: metadata_of(m)?,
    })
}

/// The pending bytes of an item's S3 attribute, if it has any to upload.
pub(crate) fn pending_of(value: &AttributeValue) -> Option<&[u8]> {
    match value {
        AttributeValue::M(m) => match m.get(PENDING) {
            Some(AttributeValue::B(b)) => Some(b.as_ref()),
            _ => None,
        },
        _ => None,
    }
}
