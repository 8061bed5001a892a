//! Reading an [`S3Object`]'s bytes: whole, into a file, as a stream, or
//! through a presigned URL.

use super::store::s3_error;
use super::{S3Object, Stored};
use crate::{Dynox, Error, Result};
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use bytes::Bytes;
use tokio::io::AsyncWriteExt;

fn client(db: &Dynox) -> Result<aws_sdk_s3::Client> {
    db.s3().ok_or_else(|| Error::Configuration {
        message: "this client has no S3 client; give it one with `db.with_s3(..)`".to_owned(),
    })
}

impl S3Object {
    fn stored_or_refuse(&self) -> Result<&Stored> {
        self.stored().ok_or_else(|| Error::Refused {
            message: "this S3 object is not uploaded yet: save the item, then load it".to_owned(),
        })
    }

    /// The object's body as a stream, read as it arrives (for large
    /// objects). A missing object is [`Error::S3`] with code `NoSuchKey`.
    pub async fn stream(&self, db: &Dynox) -> Result<ByteStream> {
        if let Some(data) = self.pending_data() {
            return Ok(ByteStream::from(data.clone()));
        }
        let s = self.stored_or_refuse()?;
        let out = client(db)?
            .get_object()
            .bucket(&s.bucket)
            .key(&s.key)
            .send()
            .await
            .map_err(|e| s3_error("GetObject", &s.bucket, &s.key, e))?;
        Ok(out.body)
    }

    /// The object's bytes (the pending bytes of one not yet uploaded).
    pub async fn bytes(&self, db: &Dynox) -> Result<Bytes> {
        if let Some(data) = self.pending_data() {
            return Ok(data.clone());
        }
        let s = self.stored_or_refuse()?;
        let body = self.stream(db).await?;
        let collected = body.collect().await.map_err(|e| Error::S3 {
            operation: "GetObject".to_owned(),
            bucket: s.bucket.clone(),
            key: s.key.clone(),
            code: None,
            message: e.to_string(),
        })?;
        Ok(collected.into_bytes())
    }

    /// Writes the object's bytes to the file at `path`, chunk by chunk
    /// (the whole object is never in memory). On an error, the file may
    /// hold part of the object.
    pub async fn save_to(&self, db: &Dynox, path: impl AsRef<std::path::Path>) -> Result<()> {
        let io = |e: std::io::Error| Error::Refused {
            message: format!(
                "cannot write the S3 object to {}: {e}",
                path.as_ref().display()
            ),
        };
        let mut body = self.stream(db).await?;
        let mut file = tokio::fs::File::create(path.as_ref()).await.map_err(io)?;
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| Error::S3 {
                operation: "GetObject".to_owned(),
                bucket: self.bucket().unwrap_or_default().to_owned(),
                key: self.key().unwrap_or_default().to_owned(),
                code: None,
                message: e.to_string(),
            })?;
            file.write_all(&chunk).await.map_err(io)?;
        }
        file.flush().await.map_err(io)
    }

    /// A URL that lets anyone holding it GET the object for `expires_in`
    /// (at most 7 days), signed with the client's credentials.
    pub async fn presigned_url(
        &self,
        db: &Dynox,
        expires_in: std::time::Duration,
    ) -> Result<String> {
        let s = self.stored_or_refuse()?;
        let config = PresigningConfig::expires_in(expires_in).map_err(|e| Error::Refused {
            message: format!("a presigned URL cannot last {expires_in:?}: {e}"),
        })?;
        let request = client(db)?
            .get_object()
            .bucket(&s.bucket)
            .key(&s.key)
            .presigned(config)
            .await
            .map_err(|e| s3_error("GetObject (presigning)", &s.bucket, &s.key, e))?;
        Ok(request.uri().to_owned())
    }
}
