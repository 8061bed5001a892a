//! A key provider that keeps its master keys in memory: for tests, the
//! embedded engine and local development, where there is no KMS.

use super::provider::{DataKey, EncryptionContext, KeyError, KeyProvider};
use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use futures::future::BoxFuture;
use futures::FutureExt;
use std::collections::HashMap;
use zeroize::Zeroizing;

/// Master keys held in memory, wrapping data keys with AES-256-GCM (the
/// encryption context as associated data, as KMS binds it).
///
/// The master keys are as secret as KMS's: whoever has them reads every
/// value. Use it where KMS is not there (tests, the embedded engine);
/// in production use [`KmsKeyProvider`](super::KmsKeyProvider).
///
/// ```
/// use dynox_core::encrypt::LocalKeyProvider;
/// let keys = LocalKeyProvider::new().with_key("alias/app", [7u8; 32]);
/// # let _ = keys;
/// ```
#[derive(Default)]
pub struct LocalKeyProvider {
    keys: HashMap<String, Zeroizing<[u8; 32]>>,
}

impl std::fmt::Debug for LocalKeyProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut ids: Vec<&String> = self.keys.keys().collect();
        ids.sort();
        f.debug_struct("LocalKeyProvider")
            .field("key_ids", &ids)
            .finish()
    }
}

impl LocalKeyProvider {
    /// A provider with no keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds master key `id` (what `#[dyno(encrypt(key = "..."))]` names).
    pub fn with_key(mut self, id: impl Into<String>, key: [u8; 32]) -> Self {
        self.keys.insert(id.into(), Zeroizing::new(key));
        self
    }

    /// Adds master key `id` with random bytes (values sealed under it open
    /// only in this process).
    pub fn with_random_key(self, id: impl Into<String>) -> Self {
        let mut key = [0u8; 32];
        fill_random(&mut key);
        self.with_key(id, key)
    }

    fn master(&self, id: &str) -> Result<LessSafeKey, KeyError> {
        let key = self.keys.get(id).ok_or_else(|| KeyError::NotFound {
            message: format!("the local key provider has no key `{id}`"),
        })?;
        Ok(LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM, key.as_ref()).expect("AES-256 takes a 32-byte key"),
        ))
    }
}

fn fill_random(out: &mut [u8]) {
    // aws-lc's generator fails only if the operating system's does
    aws_lc_rs::rand::fill(out).expect("the system's random generator failed");
}

/// The context as associated data: each pair, lengths first.
fn context_aad(context: &EncryptionContext) -> Vec<u8> {
    let mut aad = b"dynox-local-key/1\0".to_vec();
    for (k, v) in context {
        for s in [k, v] {
            aad.extend_from_slice(&(s.len() as u64).to_be_bytes());
            aad.extend_from_slice(s.as_bytes());
        }
    }
    aad
}

impl KeyProvider for LocalKeyProvider {
    fn generate_data_key<'a>(
        &'a self,
        key_id: &'a str,
        context: &'a EncryptionContext,
    ) -> BoxFuture<'a, Result<DataKey, KeyError>> {
        async move {
            let master = self.master(key_id)?;
            let mut plaintext = Zeroizing::new([0u8; 32]);
            fill_random(plaintext.as_mut());
            let mut nonce = [0u8; NONCE_LEN];
            fill_random(&mut nonce);
            let mut sealed = plaintext.to_vec();
            master
                .seal_in_place_append_tag(
                    Nonce::assume_unique_for_key(nonce),
                    Aad::from(context_aad(context)),
                    &mut sealed,
                )
                .map_err(|_| KeyError::Refused {
                    message: "AES-GCM refused to seal".to_owned(),
                })?;
            let mut wrapped = nonce.to_vec();
            wrapped.extend_from_slice(&sealed);
            Ok(DataKey {
                plaintext,
                wrapped,
                key_id: key_id.to_owned(),
            })
        }
        .boxed()
    }

    fn decrypt_data_key<'a>(
        &'a self,
        key_id: &'a str,
        wrapped: &'a [u8],
        context: &'a EncryptionContext,
    ) -> BoxFuture<'a, Result<Zeroizing<[u8; 32]>, KeyError>> {
        async move {
            let master = self.master(key_id)?;
            let refused = || KeyError::Refused {
                message: format!(
                    "the data key does not unwrap under `{key_id}` with this encryption context (another key, another table, or a changed value)"
                ),
            };
            if wrapped.len() < NONCE_LEN {
                return Err(refused());
            }
            let nonce: [u8; NONCE_LEN] = wrapped[..NONCE_LEN].try_into().map_err(|_| refused())?;
            let mut data = Zeroizing::new(wrapped[NONCE_LEN..].to_vec());
            let plain = master
                .open_in_place(
                    Nonce::assume_unique_for_key(nonce),
                    Aad::from(context_aad(context)),
                    &mut data,
                )
                .map_err(|_| refused())?;
            let key: [u8; 32] = (&*plain).try_into().map_err(|_| refused())?;
            Ok(Zeroizing::new(key))
        }
        .boxed()
    }
}
