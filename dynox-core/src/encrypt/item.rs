//! Encrypted attributes of whole items and of updates: sealed by every
//! write path before its request is rendered, opened by every read path
//! before its items are decoded.

use super::cache::{Crypto, WriteKey};
use super::envelope::{self, Binding, Envelope};
use super::{DecryptError, EncryptedAttribute, Mode};
use crate::model::TableSchema;
use crate::ops::update_expr::UpdateActions;
use crate::{AttributeValue, Dynox, Error, Item, Result};
use std::collections::HashMap;
use std::sync::Arc;

fn crypto(db: &Dynox, schema: &TableSchema) -> Result<Arc<Crypto>> {
    db.crypto_for(schema.table).ok_or_else(|| Error::Configuration {
        message: format!(
            "the model of table `{}` has encrypted fields ({}), and this client has no key provider; give it one with `db.with_key_provider(KmsKeyProvider::new(&config))` (or `LocalKeyProvider` for tests and the embedded engine)",
            schema.table,
            schema.encrypted.iter().map(|e| e.attribute).collect::<Vec<_>>().join(", ")
        ),
    })
}

/// The key attributes of `item`, in the schema's order, for the binding.
fn key_of<'a>(
    schema: &TableSchema,
    item: &'a Item,
) -> Option<[Option<(&'a str, &'a AttributeValue)>; 2]> {
    let pk = item.get_key_value(schema.partition_key.name)?;
    let sk = match schema.sort_key {
        Some(sk) => Some(item.get_key_value(sk.name)?),
        None => None,
    };
    Some([
        Some((pk.0.as_str(), pk.1)),
        sk.map(|(n, v)| (n.as_str(), v)),
    ])
}

/// Seals the encrypted attributes of one operation's writes of one
/// model's table, with one data key per master key for the whole
/// operation (asked for only when a value needs it).
pub(crate) struct Sealer<'a> {
    db: &'a Dynox,
    schema: &'static TableSchema,
    keys: HashMap<&'static str, Arc<WriteKey>>,
}

impl<'a> Sealer<'a> {
    pub(crate) fn new(db: &'a Dynox, schema: &'static TableSchema) -> Self {
        Sealer {
            db,
            schema,
            keys: HashMap::new(),
        }
    }

    /// Whether this sealer is for the model of `schema`.
    pub(crate) fn seals(&self, schema: &'static TableSchema) -> bool {
        std::ptr::eq(self.schema, schema)
    }

    /// The stored form of `value` of encrypted attribute `spec` in the
    /// item with key `key`.
    async fn seal(
        &mut self,
        spec: &EncryptedAttribute,
        key: [Option<(&str, &AttributeValue)>; 2],
        value: &AttributeValue,
    ) -> Result<AttributeValue> {
        let table = self.schema.table;
        match spec.mode {
            Mode::ReadOnly => {
                return Err(Error::Refused {
                    message: format!(
                        "`{}` of table `{table}` is encrypted read-only: this program may read it, not write it; leave the field unchanged",
                        spec.attribute
                    ),
                })
            }
            Mode::WriteOnly => {
                // a loaded value this program could not open goes back as it was
                if let Some(stored) = envelope::already_sealed(value) {
                    return Ok(AttributeValue::B(stored.into()));
                }
            }
            Mode::ReadWrite => {}
        }
        let data_key =
            match self.keys.get(spec.key) {
                Some(k) => Arc::clone(k),
                None => {
                    let crypto = crypto(self.db, self.schema)?;
                    let k = crypto.write_key(table, spec.key).await.map_err(|reason| {
                        Error::Encrypt {
                            table: table.to_owned(),
                            key_id: spec.key.to_owned(),
                            reason,
                        }
                    })?;
                    self.keys.insert(spec.key, Arc::clone(&k));
                    k
                }
            };
        let binding = Binding {
            table,
            key,
            attribute: spec.attribute,
        };
        let sealed = envelope::seal(value, &data_key.plaintext, &data_key.key_id, &data_key.wrapped, &binding)
            .ok_or_else(|| Error::Refused {
                message: format!(
                    "`{}` of table `{table}` cannot be encrypted: only text and bytes are, with a key id under 256 bytes and a wrapped key under 64 KiB",
                    spec.attribute
                ),
            })?;
        data_key.used();
        Ok(AttributeValue::B(sealed.into()))
    }

    /// Seals the encrypted attributes of a whole item (a put).
    pub(crate) async fn seal_item(&mut self, item: &mut Item) -> Result<()> {
        for spec in self.schema.encrypted {
            let Some(value) = item.get(spec.attribute) else {
                continue;
            };
            let key = key_of(self.schema, item).ok_or_else(|| missing_key(self.schema, spec))?;
            let sealed = self.seal(spec, key, value).await?;
            item.insert(spec.attribute.to_owned(), sealed);
        }
        Ok(())
    }

    /// Seals the values an update sets on encrypted attributes.
    pub(crate) async fn seal_update(
        &mut self,
        key: &Item,
        actions: &mut UpdateActions,
    ) -> Result<()> {
        let binding_key = key_of(self.schema, key);
        for spec in self.schema.encrypted {
            for value in actions.whole_values_mut(spec.attribute) {
                let key = binding_key.ok_or_else(|| missing_key(self.schema, spec))?;
                *value = self.seal(spec, key, value).await?;
            }
        }
        Ok(())
    }
}

fn missing_key(schema: &TableSchema, spec: &EncryptedAttribute) -> Error {
    Error::Decrypt {
        table: schema.table.to_owned(),
        attribute: spec.attribute.to_owned(),
        reason: DecryptError::MissingKey,
    }
}

/// Seals a whole item of `schema`'s table (one operation's data key).
pub(crate) async fn seal_item(
    db: &Dynox,
    schema: &'static TableSchema,
    item: &mut Item,
) -> Result<()> {
    if schema.encrypted.is_empty() {
        return Ok(());
    }
    Sealer::new(db, schema).seal_item(item).await
}

/// Opens the encrypted attributes of items read from `schema`'s table.
/// Values stored before the field was encrypted (not envelopes) are left
/// as they are; a write-only attribute keeps its envelope.
pub(crate) async fn open_items(
    db: &Dynox,
    schema: &'static TableSchema,
    items: &mut [Item],
) -> Result<()> {
    if schema.encrypted.is_empty() {
        return Ok(());
    }
    let mut opener = Opener::new(db);
    for item in items {
        opener.open(schema, item).await?;
    }
    Ok(())
}

/// [`open_items`] of one item.
pub(crate) async fn open_item(
    db: &Dynox,
    schema: &'static TableSchema,
    item: &mut Item,
) -> Result<()> {
    open_items(db, schema, std::slice::from_mut(item)).await
}

/// Opens the items of one read: each distinct wrapped data key is
/// unwrapped once for the whole read, whatever the client's cache keeps.
pub(crate) struct Opener<'a> {
    db: &'a Dynox,
    keys: HashMap<Vec<u8>, Arc<zeroize::Zeroizing<[u8; 32]>>>,
}

impl<'a> Opener<'a> {
    pub(crate) fn new(db: &'a Dynox) -> Self {
        Opener {
            db,
            keys: HashMap::new(),
        }
    }

    pub(crate) async fn open(
        &mut self,
        schema: &'static TableSchema,
        item: &mut Item,
    ) -> Result<()> {
        let table = schema.table;
        for spec in schema.encrypted {
            let Some(AttributeValue::B(stored)) = item.get(spec.attribute) else {
                continue;
            };
            let failed = |reason| Error::Decrypt {
                table: table.to_owned(),
                attribute: spec.attribute.to_owned(),
                reason,
            };
            let envelope = match Envelope::parse(stored.as_ref()) {
                None => continue,
                Some(parsed) => parsed.map_err(failed)?,
            };
            let opened = if spec.mode == Mode::WriteOnly {
                envelope.kept(stored.as_ref())
            } else {
                let data_key = match self.keys.get(envelope.wrapped) {
                    Some(k) => Arc::clone(k),
                    None => {
                        let k = crypto(self.db, schema)?
                            .read_key(table, envelope.key_id, envelope.wrapped)
                            .await
                            .map_err(|e| failed(DecryptError::Key(e)))?;
                        self.keys.insert(envelope.wrapped.to_vec(), Arc::clone(&k));
                        k
                    }
                };
                let key = key_of(schema, item).ok_or_else(|| failed(DecryptError::MissingKey))?;
                let binding = Binding {
                    table,
                    key,
                    attribute: spec.attribute,
                };
                envelope.open(&data_key, &binding).map_err(failed)?
            };
            item.insert(spec.attribute.to_owned(), opened);
        }
        Ok(())
    }
}
