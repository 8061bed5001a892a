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
