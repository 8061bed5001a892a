//! Encrypted fields: `#[dyno(encrypt(key = "alias/app"))]` on a `String`,
//! `Vec<u8>` or `Bytes` field (or an `Option` of one), sealed with
//! AES-256-GCM under a data key from a [`KeyProvider`] (envelope
//! encryption: KMS makes the data key and wraps it; dynox encrypts locally).
//!
//! ```
//! # use dynox_core::prelude::*;
//! use dynox_core::encrypt::LocalKeyProvider;
//!
//! #[derive(DynoModel, Debug, Clone, PartialEq)]
//! #[dyno(table = "patients")]
//! pub struct Patient {
//!     #[dyno(partition_key)]
//!     pub id: String,
//!     #[dyno(encrypt(key = "alias/records"))]
//!     pub diagnosis: String,
//! }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! // in production: `Dynox::from_env()` uses KMS; here a local master key
//! let db = Dynox::memory_with::<(Patient,)>()
//!     .with_key_provider(LocalKeyProvider::new().with_random_key("alias/records"));
//! let p = Patient { id: "P1".into(), diagnosis: "flu".into() };
//! p.save(&db).await?;
//! assert_eq!(Patient::get(&db, "P1").await?.map(|p| p.diagnosis.clone()), Some("flu".into()));
//! // the same table through a client with another master key: refused
//! let other = db.with_key_provider(LocalKeyProvider::new().with_random_key("alias/records"));
//! assert!(matches!(Patient::get(&other, "P1").await, Err(Error::Decrypt { .. })));
//! # Ok(())
//! # }
//! ```
//!
//! # What is stored
//!
//! Each value is stored as binary (B): the header `0xDC 0x45`, version 1,
//! the plaintext's type (S or B), the master key's id, the wrapped data key,
//! a random 96-bit nonce, then the AES-256-GCM ciphertext and tag (about
//! 250 bytes more than the plaintext with KMS, whose wrapped keys are
//! about 180 bytes; the size checks see the stored size).
//!
//! The ciphertext is bound to where it is stored: the associated data
//! holds the model's table name (before any client prefix), the item's key
//! and the attribute's name, and the data key's encryption context holds the
//! table name (`dynox:table`). So a value copied into another item or
//! attribute is [`Error::Decrypt`](crate::Error::Decrypt) with
//! [`DecryptError::Tampered`], and one copied into another table is
//! refused by the key provider ([`DecryptError::Key`]).
//!
//! # Data keys
//!
//! A write asks for at most one data key per table and master key, however
//! many items and fields it seals (a batch of 25 items makes one
//! `GenerateDataKey` call, or none while the client's cached key is fresh).
//! A client keeps its data key for writing for 5 minutes or 10,000 sealed
//! values, whichever comes first, and keeps up to 1,000 unwrapped keys for
//! reading, each for 5 minutes (`KeyCacheLimits`, set with
//! [`Dynox::with_key_cache_limits`](crate::Dynox::with_key_cache_limits)).
//! A read unwraps each distinct wrapped key once: items written by one
//! operation share a key; items written by many operations each cost one
//! `Decrypt` the first time they are read within the cache's lifetime.
//!
//! # Modes
//!
//! `mode = "read_write"` (the default), `"write_only"` (writes encrypt;
//! loads keep the stored ciphertext, as `dynox-sealed:<base64>` in a
//! string field or the envelope's bytes in a bytes field, and write it
//! back unchanged, so a service that may write secrets but not read them
//! needs only `kms:GenerateDataKey`), and `"read_only"` (loads decrypt; a
//! write that would store the field is [`Error::Refused`](crate::Error::Refused);
//! a smart save that leaves it unchanged sends nothing of it).
//!
//! # What is not encrypted, and other limits
//!
//! Keys and index keys cannot be encrypted (DynamoDB compares them), nor
//! version, TTL, generated or compressed fields. An encrypted field's
//! constant allows only `exists`, `not_exists` and (for an `Option`)
//! `remove`: a ciphertext cannot be compared. An encrypted field is
//! [`sensitive`](crate::Tracked): its value never shows in dynox's `Debug`
//! output, tracing or errors. Values stored before the field was encrypted
//! (not envelopes) read as they are, so a field can be encrypted on a
//! table that has data. Change streams and Lambda events carry the
//! ciphertext (reading such a value without opening it is
//! [`Error::Deserialize`](crate::Error::Deserialize) saying so). A save of a
//! versioned model that repeats an earlier save exactly is reported as a
//! version conflict, not recognised as done (each save's ciphertext
//! differs).

mod cache;
mod envelope;
pub(crate) mod item;
#[cfg(feature = "kms")]
mod kms;
mod local;
mod provider;

pub(crate) use cache::Crypto;
pub use cache::KeyCacheLimits;
#[cfg(feature = "kms")]
pub use kms::KmsKeyProvider;
pub use local::LocalKeyProvider;
pub use provider::{DataKey, EncryptionContext, KeyError, KeyProvider};

use crate::value::ValueError;
use crate::AttributeValue;
use std::marker::PhantomData;

/// What a program may do with an encrypted field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Writes encrypt, loads decrypt (the default).
    ReadWrite,
    /// Writes encrypt; loads keep the ciphertext.
    WriteOnly,
    /// Loads decrypt; writes of the field are refused.
    ReadOnly,
}

/// One encrypted attribute of a model (in
/// [`TableSchema::encrypted`](crate::TableSchema)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncryptedAttribute {
    /// The stored attribute name.
    pub attribute: &'static str,
    /// The master key's id, as the key provider knows it (a KMS key id,
    /// ARN or alias).
    pub key: &'static str,
    /// What this program may do with it.
    pub mode: Mode,
}

/// Why an encrypted value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecryptError {
    /// The stored bytes are not a whole envelope: truncated, or of a
    /// format this version does not read.
    Malformed(String),
    /// The value does not decrypt for this item and attribute: it was
    /// copied from another item or attribute, or changed.
    Tampered,
    /// The key provider could not unwrap the data key (another master
    /// key, another table, no permission, or not reachable).
    Key(KeyError),
    /// The item's key attributes were not read with it (a projection
    /// without them), and the value is bound to them.
    MissingKey,
}

impl std::fmt::Display for DecryptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecryptError::Malformed(what) => write!(f, "the stored value is not a whole encrypted value ({what})"),
            DecryptError::Tampered => f.write_str(
                "the value does not decrypt for this item and attribute: it was copied from another item or attribute, or changed",
            ),
            DecryptError::Key(e) => write!(f, "{e}"),
            DecryptError::MissingKey => f.write_str(
                "the item's key attributes were not read with it, and an encrypted value is bound to them; include them in the projection",
            ),
        }
    }
}

/// The type in conditions and updates of a field stored in a form that
/// cannot be compared with a value (an encrypted field, an S3 object):
/// `User::SSN` is an `Attr<User, Sealed<String>>`, which has `exists`,
/// `not_exists` and `remove` but no comparison and no `set`.
#[derive(Debug)]
pub struct Sealed<T>(PhantomData<fn() -> T>);

impl<T: crate::Removable> crate::Removable for Sealed<T> {}

/// The types an encrypted field may have: text and bytes, and their
/// `Option`s.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(encrypt)]` field",
    label = "encryption takes `String`, `Vec<u8>`, `bytes::Bytes` or an `Option` of one"
)]
pub trait Encryptable: Sized {}

impl Encryptable for String {}
impl Encryptable for Vec<u8> {}
impl Encryptable for bytes::Bytes {}
impl<T: Encryptable> Encryptable for Option<T> {}

/// Reads an encrypted field's stored value: what a read path opened, or a
/// value stored before the field was encrypted. An envelope no client
/// opened (an item from a stream, `from_item` called directly) is an error
/// that says so. (A write-only field reads envelopes as they are.)
pub(crate) fn read_field<T: crate::DynoValue>(
    value: Option<AttributeValue>,
) -> Result<T, ValueError> {
    if let Some(AttributeValue::B(b)) = &value {
        if envelope::Envelope::parse(b.as_ref()).is_some() {
            return Err(ValueError::custom(
                "a decrypted value",
                "an encrypted value that was not decrypted (read it through a client with a key provider)",
            ));
        }
    }
    T::from_attribute_value(value)
}

/// For the fuzz targets: parses `stored` as an encrypted value and opens it
/// with a fixed key and binding. `None` when it is no envelope.
#[doc(hidden)]
pub fn __fuzz_open(stored: &[u8]) -> Option<Result<AttributeValue, DecryptError>> {
    let parsed = envelope::Envelope::parse(stored)?;
    Some(parsed.and_then(|e| e.open(&FUZZ_KEY, &fuzz_binding(&FUZZ_PK))))
}

/// For the fuzz targets: seals `plain` with a fixed key and binding, xors
/// each edit's byte in at its position (modulo the length), keeps the first
/// `keep` bytes, and opens the result. Answers whether the stored bytes
/// changed, and what opening gave.
#[doc(hidden)]
pub fn __fuzz_seal_and_open(
    plain: &[u8],
    edits: &[(u16, u8)],
    keep: Option<u16>,
) -> (bool, Option<Result<AttributeValue, DecryptError>>) {
    let value = AttributeValue::B(plain.to_vec().into());
    let binding = fuzz_binding(&FUZZ_PK);
    let sealed = envelope::seal(&value, &FUZZ_KEY, "fuzz", &[7; 40], &binding)
        .expect("a short key id and wrapped key seal");
    let mut stored = sealed.clone();
    for &(at, xor) in edits {
        let at = usize::from(at) % stored.len();
        stored[at] ^= xor;
    }
    if let Some(keep) = keep {
        stored.truncate(usize::from(keep));
    }
    (stored != sealed, __fuzz_open(&stored))
}

const FUZZ_KEY: [u8; 32] = [3; 32];
const FUZZ_PK: AttributeValue = AttributeValue::Null(true);

fn fuzz_binding(pk: &AttributeValue) -> envelope::Binding<'_> {
    envelope::Binding {
        table: "fuzz",
        key: [Some(("pk", pk)), None],
        attribute: "secret",
    }
}
