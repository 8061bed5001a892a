//! Key providers for the tests of encrypted fields: a local one that
//! counts what it is asked for, and KMS served by moto (started by the test
//! script, like DynamoDB Local).

use dynox_core::encrypt::{DataKey, EncryptionContext, KeyError, KeyProvider, LocalKeyProvider};
use futures::future::BoxFuture;
use futures::FutureExt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The master key id the test models name.
pub const KEY_ID: &str = "alias/dynox-tests";

/// A local provider with [`KEY_ID`] (fixed bytes, so every client of a
/// test opens what another wrote).
pub fn local_keys() -> LocalKeyProvider {
    LocalKeyProvider::new().with_key(KEY_ID, [42u8; 32])
}

/// A provider that counts the data keys made and unwrapped by the one
/// it wraps.
#[derive(Debug)]
pub struct Counting<P> {
    inner: Arc<P>,
    generated: Arc<AtomicU64>,
    decrypted: Arc<AtomicU64>,
}

impl<P> Clone for Counting<P> {
    fn clone(&self) -> Self {
        Counting {
            inner: Arc::clone(&self.inner),
            generated: Arc::clone(&self.generated),
            decrypted: Arc::clone(&self.decrypted),
        }
    }
}

impl<P: KeyProvider> Counting<P> {
    pub fn new(inner: P) -> Self {
        Counting {
            inner: Arc::new(inner),
            generated: Arc::default(),
            decrypted: Arc::default(),
        }
    }

    /// Data keys made so far.
    pub fn generated(&self) -> u64 {
        self.generated.load(Ordering::SeqCst)
    }

    /// Data keys unwrapped so far.
    pub fn decrypted(&self) -> u64 {
        self.decrypted.load(Ordering::SeqCst)
    }
}

impl<P: KeyProvider> KeyProvider for Counting<P> {
    fn generate_data_key<'a>(
        &'a self,
        key_id: &'a str,
        context: &'a EncryptionContext,
    ) -> BoxFuture<'a, Result<DataKey, KeyError>> {
        self.generated.fetch_add(1, Ordering::SeqCst);
        self.inner.generate_data_key(key_id, context)
    }

    fn decrypt_data_key<'a>(
        &'a self,
        key_id: &'a str,
        wrapped: &'a [u8],
        context: &'a EncryptionContext,
    ) -> BoxFuture<'a, Result<zeroize::Zeroizing<[u8; 32]>, KeyError>> {
        self.decrypted.fetch_add(1, Ordering::SeqCst);
        async move { self.inner.decrypt_data_key(key_id, wrapped, context).await }.boxed()
    }
}

/// The endpoint of moto's server (S3 and KMS) given by the test script.
pub fn moto_endpoint() -> String {
    match std::env::var("DYNOX_TEST_MOTO") {
        Ok(e) if !e.is_empty() => e,
        _ => panic!(
            "DYNOX_TEST_MOTO is not set: the KMS and S3 tests need moto's server. \
             Run them with `scripts/test.sh`, which starts it, or start it with \
             `scripts/moto.sh start` and export its endpoint."
        ),
    }
}

/// AWS configuration for moto (its endpoint, dummy credentials).
pub fn moto_config() -> aws_config::SdkConfig {
    aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .endpoint_url(moto_endpoint())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_kms::config::SharedCredentialsProvider::new(
            aws_sdk_kms::config::Credentials::new("dynox", "dynox", None, None, "moto"),
        ))
        .build()
}

/// Makes sure moto has a KMS key under [`KEY_ID`] (tests of many
/// processes share one moto: a key another made is used as it is).
pub async fn moto_key(config: &aws_config::SdkConfig) {
    let kms = aws_sdk_kms::Client::new(config);
    let aliases = kms.list_aliases().send().await.expect("moto ListAliases");
    if aliases
        .aliases()
        .iter()
        .any(|a| a.alias_name() == Some(KEY_ID))
    {
        return;
    }
    let key = kms.create_key().send().await.expect("moto CreateKey");
    let key_id = key
        .key_metadata()
        .expect("key metadata")
        .key_id()
        .to_owned();
    if let Err(e) = kms
        .create_alias()
        .alias_name(KEY_ID)
        .target_key_id(key_id)
        .send()
        .await
    {
        let raced = e
            .as_service_error()
            .is_some_and(|e| e.is_already_exists_exception());
        assert!(raced, "moto CreateAlias: {e:?}");
    }
}
