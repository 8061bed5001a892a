//! Where data keys come from: the [`KeyProvider`] trait, and what it
//! answers and fails with.

use futures::future::BoxFuture;
use std::collections::BTreeMap;
use zeroize::Zeroizing;

/// The encryption context of a data key: string pairs that the key
/// provider binds the wrapped key to (KMS's `EncryptionContext`). dynox
/// sets `dynox:table` to the model's table name.
pub type EncryptionContext = BTreeMap<String, String>;

/// A new data key: its plaintext, used for AES-256-GCM and wiped when
/// dropped, and the same key wrapped by the master key, stored with every
/// value it seals.
pub struct DataKey {
    /// The key itself.
    pub plaintext: Zeroizing<[u8; 32]>,
    /// The key wrapped by the master key (KMS's `CiphertextBlob`), at most
    /// 65,535 bytes.
    pub wrapped: Vec<u8>,
    /// The master key's full id as the provider names it (KMS answers with
    /// the key's ARN for an alias), stored to unwrap the key later.
    pub key_id: String,
}

impl std::fmt::Debug for DataKey {
    // the plaintext never reaches a log
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataKey")
            .field("key_id", &self.key_id)
            .field("wrapped_len", &self.wrapped.len())
            .finish_non_exhaustive()
    }
}

/// Makes and unwraps data keys: [`KmsKeyProvider`](super::KmsKeyProvider)
/// in production, [`LocalKeyProvider`](super::LocalKeyProvider) in tests and
/// on the embedded engine.
///
/// dynox asks for one data key per operation, table and master key (fewer
/// with the cache: see [`KeyCacheLimits`](super::KeyCacheLimits)), and
/// unwraps each distinct wrapped key it reads once per cache lifetime.
pub trait KeyProvider: Send + Sync + 'static {
    /// A new data key under the master key `key_id`, bound to `context`.
    fn generate_data_key<'a>(
        &'a self,
        key_id: &'a str,
        context: &'a EncryptionContext,
    ) -> BoxFuture<'a, Result<DataKey, KeyError>>;

    /// The plaintext of `wrapped`, which `generate_data_key` made under
    /// `key_id` with `context`.
    fn decrypt_data_key<'a>(
        &'a self,
        key_id: &'a str,
        wrapped: &'a [u8],
        context: &'a EncryptionContext,
    ) -> BoxFuture<'a, Result<Zeroizing<[u8; 32]>, KeyError>>;
}

/// Why a key provider could not make or unwrap a data key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The provider has no master key of that id (KMS: `NotFoundException`).
    NotFound {
        /// The provider's words.
        message: String,
    },
    /// The provider refused: a wrapped key made under another master key or
    /// with another encryption context (another table), a disabled key, or
    /// no permission (KMS: `InvalidCiphertextException`,
    /// `IncorrectKeyException`, `DisabledException`, `AccessDeniedException`).
    Refused {
        /// The provider's words.
        message: String,
    },
    /// The provider could not be reached (network, timeout, throttling
    /// after the SDK's retries).
    Unreachable {
        /// The provider's words.
        message: String,
    },
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyError::NotFound { message } => write!(f, "no such master key: {message}"),
            KeyError::Refused { message } => write!(f, "the key provider refused: {message}"),
            KeyError::Unreachable { message } => {
                write!(f, "the key provider could not be reached: {message}")
            }
        }
    }
}

impl std::error::Error for KeyError {}
