//! The data keys a client holds: one for writing per table and master key,
//! reused until it is too old or has sealed enough values, and the
//! unwrapped keys of what it read, so a page of items written in one
//! operation costs one unwrap, not one per item.

use super::provider::{EncryptionContext, KeyError, KeyProvider};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// How long a client keeps data keys (see the [module docs](super)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyCacheLimits {
    /// A data key seals and opens values for at most this long after the
    /// provider made or unwrapped it. Default: 5 minutes.
    pub max_age: Duration,
    /// A data key is given to new operations until it has sealed this many
    /// values (an operation that holds it finishes with it). Default: 10,000,
    /// far inside AES-GCM's limit for random nonces (2^32 per key).
    pub max_uses: u64,
    /// At most this many unwrapped keys are kept for reads; the oldest
    /// goes first. Default: 1,000.
    pub max_read_keys: usize,
}

impl Default for KeyCacheLimits {
    fn default() -> Self {
        KeyCacheLimits {
            max_age: Duration::from_secs(300),
            max_uses: 10_000,
            max_read_keys: 1_000,
        }
    }
}

impl KeyCacheLimits {
    /// No caching: a new data key for every operation, an unwrap for every
    /// distinct wrapped key of every read.
    pub fn none() -> Self {
        KeyCacheLimits {
            max_age: Duration::ZERO,
            max_uses: 0,
            max_read_keys: 0,
        }
    }
}

/// A data key for writing.
pub(crate) struct WriteKey {
    pub(crate) plaintext: Zeroizing<[u8; 32]>,
    pub(crate) wrapped: Vec<u8>,
    pub(crate) key_id: String,
    born: Instant,
    uses: AtomicU64,
}

impl WriteKey {
    /// Counts one more sealed value.
    pub(crate) fn used(&self) {
        self.uses.fetch_add(1, Ordering::Relaxed);
    }
}

struct ReadKey {
    plaintext: Arc<Zeroizing<[u8; 32]>>,
    born: Instant,
}

/// A client's key provider and its keys.
pub(crate) struct Crypto {
    provider: Arc<dyn KeyProvider>,
    limits: KeyCacheLimits,
    write: Mutex<HashMap<(String, String), Arc<WriteKey>>>,
    read: Mutex<HashMap<Vec<u8>, ReadKey>>,
}

impl std::fmt::Debug for Crypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Crypto")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// The encryption context of every data key of `table`.
pub(crate) fn context(table: &str) -> EncryptionContext {
    EncryptionContext::from([("dynox:table".to_owned(), table.to_owned())])
}

impl Crypto {
    pub(crate) fn new(provider: Arc<dyn KeyProvider>, limits: KeyCacheLimits) -> Self {
        Crypto {
            provider,
            limits,
            write: Mutex::default(),
            read: Mutex::default(),
        }
    }

    pub(crate) fn provider(&self) -> &Arc<dyn KeyProvider> {
        &self.provider
    }

    pub(crate) fn limits(&self) -> KeyCacheLimits {
        self.limits
    }

    /// A data key for sealing values of `table` under master key `key_id`:
    /// the cached one while it is fresh, else a new one.
    pub(crate) async fn write_key(
        &self,
        table: &str,
        key_id: &str,
    ) -> Result<Arc<WriteKey>, KeyError> {
        let slot = (table.to_owned(), key_id.to_owned());
        if let Some(key) = self.write.lock().expect("key cache").get(&slot) {
            if key.born.elapsed() < self.limits.max_age
                && key.uses.load(Ordering::Relaxed) < self.limits.max_uses
            {
                return Ok(Arc::clone(key));
            }
        }
        let made = self
            .provider
            .generate_data_key(key_id, &context(table))
            .await?;
        let key = Arc::new(WriteKey {
            plaintext: made.plaintext,
            wrapped: made.wrapped,
            key_id: made.key_id,
            born: Instant::now(),
            uses: AtomicU64::new(0),
        });
        if self.limits.max_uses > 0 && !self.limits.max_age.is_zero() {
            self.write
                .lock()
                .expect("key cache")
                .insert(slot, Arc::clone(&key));
        }
        Ok(key)
    }

    /// The plaintext of `wrapped` (of `table`, under `key_id`): cached, or
    /// unwrapped by the provider.
    pub(crate) async fn read_key(
        &self,
        table: &str,
        key_id: &str,
        wrapped: &[u8],
    ) -> Result<Arc<Zeroizing<[u8; 32]>>, KeyError> {
        let mut cache_key = Vec::with_capacity(table.len() + wrapped.len() + 1);
        cache_key.extend_from_slice(table.as_bytes());
        cache_key.push(0);
        cache_key.extend_from_slice(wrapped);
        if let Some(key) = self.read.lock().expect("key cache").get(&cache_key) {
            if key.born.elapsed() < self.limits.max_age {
                return Ok(Arc::clone(&key.plaintext));
            }
        }
        let plaintext = Arc::new(
            self.provider
                .decrypt_data_key(key_id, wrapped, &context(table))
                .await?,
        );
        let max = self.limits.max_read_keys;
        if max > 0 && !self.limits.max_age.is_zero() {
            let mut read = self.read.lock().expect("key cache");
            let age = self.limits.max_age;
            read.retain(|_, k| k.born.elapsed() < age);
            while read.len() >= max {
                let oldest = read
                    .iter()
                    .min_by_key(|(_, k)| k.born)
                    .map(|(wrapped, _)| wrapped.clone());
                match oldest {
                    Some(oldest) => read.remove(&oldest),
                    None => break,
                };
            }
            read.insert(
                cache_key,
                ReadKey {
                    plaintext: Arc::clone(&plaintext),
                    born: Instant::now(),
                },
            );
        }
        Ok(plaintext)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encrypt::provider::DataKey;
    use crate::encrypt::LocalKeyProvider;
    use futures::future::BoxFuture;
    use std::sync::atomic::AtomicUsize;

    /// The local provider, counting what it is asked for.
    #[derive(Default)]
    struct Counting {
        inner: LocalKeyProvider,
        made: AtomicUsize,
        unwrapped: AtomicUsize,
    }

    impl KeyProvider for Counting {
        fn generate_data_key<'a>(
            &'a self,
            key_id: &'a str,
            context: &'a EncryptionContext,
        ) -> BoxFuture<'a, Result<DataKey, KeyError>> {
            self.made.fetch_add(1, Ordering::SeqCst);
            self.inner.generate_data_key(key_id, context)
        }

        fn decrypt_data_key<'a>(
            &'a self,
            key_id: &'a str,
            wrapped: &'a [u8],
            context: &'a EncryptionContext,
        ) -> BoxFuture<'a, Result<Zeroizing<[u8; 32]>, KeyError>> {
            self.unwrapped.fetch_add(1, Ordering::SeqCst);
            self.inner.decrypt_data_key(key_id, wrapped, context)
        }
    }

    fn crypto(limits: KeyCacheLimits) -> (Crypto, Arc<Counting>) {
        let provider = Arc::new(Counting {
            inner: LocalKeyProvider::new().with_random_key("k"),
            ..Counting::default()
        });
        (Crypto::new(provider.clone(), limits), provider)
    }

    #[tokio::test]
    async fn a_write_key_is_replaced_after_max_uses() {
        let limits = KeyCacheLimits {
            max_uses: 3,
            ..KeyCacheLimits::default()
        };
        let (crypto, provider) = crypto(limits);
        let first = crypto.write_key("t", "k").await.expect("key");
        for _ in 0..2 {
            first.used();
            let again = crypto.write_key("t", "k").await.expect("key");
            assert_eq!(again.wrapped, first.wrapped, "reused below max_uses");
        }
        first.used(); // the third sealed value
        let next = crypto.write_key("t", "k").await.expect("key");
        assert_ne!(next.wrapped, first.wrapped, "a new key after max_uses");
        assert_eq!(provider.made.load(Ordering::SeqCst), 2);
        // another table has a key of its own
        crypto.write_key("other", "k").await.expect("key");
        assert_eq!(provider.made.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn keys_expire_after_max_age() {
        let limits = KeyCacheLimits {
            // long enough that the four calls below fit on a loaded machine
            max_age: Duration::from_secs(1),
            ..KeyCacheLimits::default()
        };
        let (crypto, provider) = crypto(limits);
        let first = crypto.write_key("t", "k").await.expect("key");
        crypto
            .read_key("t", "k", &first.wrapped)
            .await
            .expect("read");
        assert_eq!(
            crypto.write_key("t", "k").await.expect("key").wrapped,
            first.wrapped
        );
        crypto
            .read_key("t", "k", &first.wrapped)
            .await
            .expect("read");
        assert_eq!(provider.made.load(Ordering::SeqCst), 1);
        assert_eq!(provider.unwrapped.load(Ordering::SeqCst), 1);
        // a sleep can only make the keys older than max_age
        tokio::time::sleep(Duration::from_millis(1_100)).await;
        let next = crypto.write_key("t", "k").await.expect("key");
        assert_ne!(next.wrapped, first.wrapped, "a new key after max_age");
        crypto
            .read_key("t", "k", &first.wrapped)
            .await
            .expect("read");
        assert_eq!(
            provider.unwrapped.load(Ordering::SeqCst),
            2,
            "unwrapped again"
        );
    }

    #[tokio::test]
    async fn the_oldest_read_key_goes_first() {
        let limits = KeyCacheLimits {
            max_uses: 0, // a new write key each time: distinct wrapped keys
            max_read_keys: 2,
            ..KeyCacheLimits::default()
        };
        let (crypto, provider) = crypto(limits);
        let mut wrapped = Vec::new();
        for _ in 0..3 {
            wrapped.push(
                crypto
                    .write_key("t", "k")
                    .await
                    .expect("key")
                    .wrapped
                    .clone(),
            );
        }
        let unwraps = || provider.unwrapped.load(Ordering::SeqCst);
        for w in &wrapped[..2] {
            crypto.read_key("t", "k", w).await.expect("read");
        }
        assert_eq!(unwraps(), 2);
        crypto.read_key("t", "k", &wrapped[1]).await.expect("read");
        assert_eq!(unwraps(), 2, "cached");
        // a third key evicts the oldest, the first
        crypto.read_key("t", "k", &wrapped[2]).await.expect("read");
        crypto.read_key("t", "k", &wrapped[1]).await.expect("read");
        assert_eq!(unwraps(), 3, "the second is still cached");
        crypto.read_key("t", "k", &wrapped[0]).await.expect("read");
        assert_eq!(unwraps(), 4, "the first was evicted");
    }
}
