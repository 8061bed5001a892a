//! S3 for the tests of S3-backed fields: a client of moto's server that
//! counts the uploads it makes, and the buckets the tests use.

use aws_sdk_s3::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_s3::config::{ConfigBag, Intercept, RuntimeComponents};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The bucket the test models name.
pub const BUCKET: &str = "dynox-tests";

/// Counts the S3 requests that upload bytes.
#[derive(Debug, Clone, Default)]
pub struct Uploads {
    puts: Arc<AtomicU64>,
    parts: Arc<AtomicU64>,
}

impl Uploads {
    /// Single-request uploads (PutObject) so far.
    pub fn puts(&self) -> u64 {
        self.puts.load(Ordering::SeqCst)
    }

    /// Parts of multipart uploads (UploadPart) so far.
    pub fn parts(&self) -> u64 {
        self.parts.load(Ordering::SeqCst)
    }
}

impl Intercept for Uploads {
    fn name(&self) -> &'static str {
        "dynox-tests upload counter"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_s3::error::BoxError> {
        let request = context.request();
        if request.method() == "PUT" {
            let uri = request.uri();
            if uri.contains("partNumber=") {
                self.parts.fetch_add(1, Ordering::SeqCst);
            } else if !uri.contains("uploadId=")
                && uri.trim_end_matches('/').matches('/').count() > 3
            {
                // a PUT of an object (not of a bucket: scheme, host, bucket, key)
                self.puts.fetch_add(1, Ordering::SeqCst);
            }
        }
        Ok(())
    }
}

/// An S3 client of moto (path-style addressing, as an emulator on
/// localhost needs), counting its uploads in the answer; the test bucket
/// exists.
pub async fn moto_s3() -> (aws_sdk_s3::Client, Uploads) {
    let uploads = Uploads::default();
    let config = aws_sdk_s3::config::Builder::from(&crate::keys::moto_config())
        .force_path_style(true)
        .interceptor(uploads.clone())
        .build();
    let client = aws_sdk_s3::Client::from_conf(config);
    if let Err(e) = client.create_bucket().bucket(BUCKET).send().await {
        let exists = e
            .as_service_error()
            .is_some_and(|e| e.is_bucket_already_owned_by_you() || e.is_bucket_already_exists());
        assert!(exists, "moto CreateBucket: {e:?}");
    }
    (client, uploads)
}

/// Whether `key` is an object of the test bucket.
pub async fn exists(s3: &aws_sdk_s3::Client, key: &str) -> bool {
    match s3.head_object().bucket(BUCKET).key(key).send().await {
        Ok(_) => true,
        Err(e) if e.as_service_error().is_some_and(|e| e.is_not_found()) => false,
        Err(e) => panic!("HeadObject {key}: {e:?}"),
    }
}
