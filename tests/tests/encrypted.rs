//! Encrypted fields on both backends, with the local key provider: every
//! write path seals and every read path opens; what is stored is
//! ciphertext bound to its item and attribute; one data key per
//! operation; the three modes; and every kind of bad value is its own
//! clear error. (tests/tests/encrypted_kms.rs runs KMS, served by moto.)

use aws_sdk_dynamodb::types::AttributeValue as Av;
use dynox_core::encrypt::{DecryptError, KeyCacheLimits, KeyError, LocalKeyProvider};
use dynox_core::prelude::*;
use dynox_core::ModelKey;
use dynox_tests::keys::{local_keys, Counting, KEY_ID};
use dynox_tests::{backend_tests, raw_get, raw_put};

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "vault")]
pub struct Secret {
    #[dyno(partition_key)]
    pub owner: String,
    #[dyno(sort_key)]
    pub name: String,
    #[dyno(encrypt(key = "alias/dynox-tests"))]
    pub text: String,
    #[dyno(encrypt(key = "alias/dynox-tests"))]
    pub blob: Vec<u8>,
    #[dyno(encrypt(key = "alias/dynox-tests"))]
    pub note: Option<String>,
    pub label: String,
}

/// The same table, as a service that may write secrets but not read them.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "vault")]
pub struct SecretWriter {
    #[dyno(partition_key)]
    pub owner: String,
    #[dyno(sort_key)]
    pub name: String,
    #[dyno(encrypt(key = "alias/dynox-tests", mode = "write_only"))]
    pub text: String,
    #[dyno(encrypt(key = "alias/dynox-tests", mode = "write_only"))]
    pub blob: Vec<u8>,
    pub label: String,
}

/// The same table, as a service that may read secrets but not write them.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "vault")]
pub struct SecretReader {
    #[dyno(partition_key)]
    pub owner: String,
    #[dyno(sort_key)]
    pub name: String,
    #[dyno(encrypt(key = "alias/dynox-tests", mode = "read_only"))]
    pub text: String,
    pub label: String,
}

fn secret(owner: &str, name: &str, text: &str) -> Secret {
    Secret {
        owner: owner.into(),
        name: name.into(),
        text: text.into(),
        blob: text.as_bytes().iter().rev().copied().collect(),
        note: Some(format!("note of {name}")),
        label: format!("label {name}"),
    }
}

async fn setup(db: &Dynox) -> Result<Dynox> {
    Secret::create_table(db).await?;
    Ok(db.with_key_provider(local_keys()))
}

async fn stored(db: &Dynox, s: &Secret) -> dynox_core::Item {
    raw_get(db, &db.table_name::<Secret>(), s.key().to_key_item()).await
}

fn bytes(v: Option<&Av>) -> Vec<u8> {
    match v {
        Some(Av::B(b)) => b.as_ref().to_vec(),
        other => panic!("expected B, found {other:?}"),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

backend_tests! {
    async fn values_are_stored_as_ciphertext_and_read_back(db: Dynox) -> Result<()> {
        let db = setup(&db).await?;
        let s = secret("ann", "pin", "correct horse battery staple");
        s.save(&db).await?;
        let raw = stored(&db, &s).await;
        for name in ["text", "blob", "note"] {
            let b = bytes(raw.get(name));
            assert_eq!(&b[..3], &[0xDC, 0x45, 1], "{name} has the envelope header");
            assert!(!contains(&b, b"horse"), "{name} holds no plaintext");
        }
        // an unencrypted field is stored as it is
        assert_eq!(raw.get("label"), Some(&Av::S("label pin".into())));
        assert_eq!(*Secret::get(&db, "ann", "pin").await?.expect("stored"), s);
        // two saves of one value store different ciphertexts (random nonces)
        s.save(&db).await?;
        assert_ne!(bytes(stored(&db, &s).await.get("text")), bytes(raw.get("text")));
        Ok(())
    }

    async fn every_write_path_seals_and_every_read_path_opens(db: Dynox) -> Result<()> {
        let db = setup(&db).await?;
        // smart save of a new value, then of a change to an encrypted field
        let mut t = Tracked::new(secret("bob", "a", "first"));
        t.save(&db).await?;
        t.text = "second".into();
        t.save(&db).await?;
        assert!(!contains(&bytes(stored(&db, &t).await.get("text")), b"second"));
        // a smart save of another field leaves the ciphertext as it was
        let before = bytes(stored(&db, &t).await.get("text"));
        t.label = "relabelled".into();
        t.save(&db).await?;
        assert_eq!(bytes(stored(&db, &t).await.get("text")), before);
        // removing an optional encrypted field through an update
        Secret::update_by_key(&db, "bob", "a").remove(Secret::NOTE).await?;
        let got = Secret::get(&db, "bob", "a").await?.expect("stored");
        assert_eq!((got.text.as_str(), got.note.as_deref()), ("second", None));
        // batch write, transaction put, then batch get, transact get, query,
        // scan and PartiQL
        let batch: Vec<Secret> = (0..30).map(|i| secret("bob", &format!("b{i:02}"), &format!("batch {i}"))).collect();
        db.batch_write().put_all(&batch).await?;
        let tx = secret("bob", "tx", "in a transaction");
        db.transact_write().put(&tx).await?;
        assert!(!contains(&bytes(stored(&db, &tx).await.get("text")), b"transaction"));
        let keys: Vec<_> = batch.iter().map(|s| s.key()).collect();
        let mut got: Vec<Secret> = Secret::batch_get(&db, keys).await?.into_iter().map(Tracked::into_inner).collect();
        got.sort_by(|a, b| a.name.cmp(&b.name));
        assert_eq!(got, batch);
        let read = db.transact_get().get(tx.key()).await?;
        assert_eq!(read.get::<Secret>(0)?.map(Tracked::into_inner), Some(tx.clone()));
        let queried: Vec<Secret> = Secret::query(&db, "bob").all().await?.into_iter().map(Tracked::into_inner).collect();
        assert_eq!(queried.len(), 32);
        assert!(queried.contains(&tx) && queried.iter().any(|s| s.text == "second"));
        let scanned = Secret::scan(&db).all().await?;
        assert_eq!(scanned.len(), 32);
        let table = db.table_name::<Secret>();
        let rows = db
            .statement(format!("SELECT * FROM \"{table}\" WHERE owner = ? AND name = ?"))
            .bind("bob")
            .bind("tx")
            .model::<Secret>()
            .page()
            .await?;
        assert_eq!(rows.items.into_iter().map(Tracked::into_inner).collect::<Vec<_>>(), vec![tx]);
        Ok(())
    }

    async fn a_value_moved_or_broken_is_its_own_error(db: Dynox) -> Result<()> {
        let db = setup(&db).await?;
        let a = secret("cat", "a", "alpha");
        let b = secret("cat", "b", "beta");
        a.save(&db).await?;
        b.save(&db).await?;
        let table = db.table_name::<Secret>();
        let raw_a = stored(&db, &a).await;
        let decrypt_error = |r: Result<Option<Tracked<Secret>>>| match r {
            Err(Error::Decrypt { attribute, reason, .. }) => (attribute, reason),
            other => panic!("expected Error::Decrypt, got {other:?}"),
        };
        // a's ciphertext copied into b: bound to a's key
        let mut moved = stored(&db, &b).await;
        moved.insert("text".into(), raw_a["text"].clone());
        raw_put(&db, &table, moved).await?;
        let (attribute, reason) = decrypt_error(Secret::get(&db, "cat", "b").await);
        assert_eq!((attribute.as_str(), reason), ("text", DecryptError::Tampered));
        // a's text copied into a's note: bound to its attribute
        let mut swapped = raw_a.clone();
        swapped.insert("note".into(), raw_a["text"].clone());
        raw_put(&db, &table, swapped).await?;
        let (attribute, reason) = decrypt_error(Secret::get(&db, "cat", "a").await);
        assert_eq!((attribute.as_str(), reason), ("note", DecryptError::Tampered));
        // truncated, and one bit flipped
        let text = bytes(raw_a.get("text"));
        let mut truncated = raw_a.clone();
        truncated.insert("text".into(), Av::B(text[..text.len() / 2].to_vec().into()));
        raw_put(&db, &table, truncated).await?;
        let (_, reason) = decrypt_error(Secret::get(&db, "cat", "a").await);
        assert!(matches!(reason, DecryptError::Malformed(_) | DecryptError::Tampered), "{reason:?}");
        let mut flipped = raw_a.clone();
        let mut bad = text.clone();
        *bad.last_mut().expect("not empty") ^= 1;
        flipped.insert("text".into(), Av::B(bad.into()));
        raw_put(&db, &table, flipped).await?;
        assert_eq!(decrypt_error(Secret::get(&db, "cat", "a").await).1, DecryptError::Tampered);
        let mut truncated_header = raw_a.clone();
        truncated_header.insert("text".into(), Av::B(text[..6].to_vec().into()));
        raw_put(&db, &table, truncated_header).await?;
        assert!(matches!(decrypt_error(Secret::get(&db, "cat", "a").await).1, DecryptError::Malformed(_)));
        // the original, through a client with another master key, or none
        raw_put(&db, &table, raw_a).await?;
        let other = db.with_key_provider(LocalKeyProvider::new().with_key(KEY_ID, [9u8; 32]));
        let (_, reason) = decrypt_error(Secret::get(&other, "cat", "a").await);
        assert!(matches!(reason, DecryptError::Key(KeyError::Refused { .. })), "{reason:?}");
        let unknown = db.with_key_provider(LocalKeyProvider::new());
        let (_, reason) = decrypt_error(Secret::get(&unknown, "cat", "a").await);
        assert!(matches!(reason, DecryptError::Key(KeyError::NotFound { .. })), "{reason:?}");
        let plain = Dynox::from_transport(db.transport().clone()).with_table_prefix(db.table_prefix());
        assert!(matches!(Secret::get(&plain, "cat", "a").await, Err(Error::Configuration { .. })));
        let refused = secret("cat", "c", "never stored").save(&plain).await;
        assert!(matches!(refused, Err(Error::Configuration { .. })), "{refused:?}");
        let refused = secret("cat", "c", "never stored").save(&unknown).await;
        assert!(matches!(refused, Err(Error::Encrypt { reason: KeyError::NotFound { .. }, .. })), "{refused:?}");
        assert!(Secret::get(&db, "cat", "c").await?.is_none(), "nothing half-written");
        // and the original still reads
        assert_eq!(Secret::get(&db, "cat", "a").await?.map(Tracked::into_inner), Some(a));
        Ok(())
    }

    async fn one_data_key_per_operation_and_one_unwrap_per_key(db: Dynox) -> Result<()> {
        Secret::create_table(&db).await?;
        let keys = Counting::new(local_keys());
        let uncached = db.with_key_provider(keys.clone()).with_key_cache_limits(KeyCacheLimits::none());
        // 25 items of three encrypted fields in one batch: one data key
        let batch: Vec<Secret> = (0..25).map(|i| secret("dan", &format!("{i:02}"), "x")).collect();
        uncached.batch_write().put_all(&batch).await?;
        assert_eq!(keys.generated(), 1);
        // reading them back unwraps that key once, not 75 times
        assert_eq!(Secret::query(&uncached, "dan").all().await?.len(), 25);
        assert_eq!(keys.decrypted(), 1);
        // three saves without the cache: three keys, and three unwraps to read
        for i in 0..3 {
            secret("eve", &i.to_string(), "y").save(&uncached).await?;
        }
        assert_eq!(keys.generated(), 4);
        assert_eq!(Secret::query(&uncached, "eve").all().await?.len(), 3);
        assert_eq!(keys.decrypted(), 4);
        // with the cache (the default): one key for many saves, and reads
        // of its values unwrap nothing more
        let cached = db.with_key_provider(keys.clone());
        for i in 0..10 {
            secret("fay", &i.to_string(), "z").save(&cached).await?;
        }
        assert_eq!(keys.generated(), 5);
        assert_eq!(Secret::query(&cached, "fay").all().await?.len(), 10);
        assert_eq!(Secret::query(&cached, "fay").all().await?.len(), 10);
        assert_eq!(keys.decrypted(), 5);
        // a model without encrypted fields never asks
        let before = (keys.generated(), keys.decrypted());
        Secret::update_by_key(&cached, "fay", "0").set(Secret::LABEL, "plain").await?;
        assert_eq!((keys.generated(), keys.decrypted()), before);
        Ok(())
    }

    async fn write_only_keeps_ciphertext_and_read_only_refuses_writes(db: Dynox) -> Result<()> {
        let db = setup(&db).await?;
        let s = secret("gil", "a", "classified");
        s.save(&db).await?;
        let raw = stored(&db, &s).await;
        // the writer loads the ciphertext, never the plaintext, and needs no unwrap
        let keys = Counting::new(local_keys());
        let writer_db = db.with_key_provider(keys.clone());
        let mut w = SecretWriter::get(&writer_db, "gil", "a").await?.expect("stored");
        assert!(w.text.starts_with("dynox-sealed:"), "{}", w.text);
        assert_eq!(w.blob, bytes(raw.get("blob")));
        assert_eq!(keys.decrypted(), 0);
        // written back whole, unchanged values stay the stored ciphertext
        SecretWriter { label: "moved".into(), ..w.clone().into_inner() }.save(&writer_db).await?;
        let after = stored(&db, &s).await;
        assert_eq!(after.get("text"), raw.get("text"));
        assert_eq!(after.get("blob"), raw.get("blob"));
        assert_eq!(Secret::get(&db, "gil", "a").await?.expect("stored").text, "classified");
        // a new secret from the writer is sealed, and the full model reads it
        w.text = "rotated".into();
        w.save(&writer_db).await?;
        assert_eq!(Secret::get(&db, "gil", "a").await?.expect("stored").text, "rotated");
        // the reader reads it, may change other fields, and may not write it
        let mut r = SecretReader::get(&db, "gil", "a").await?.expect("stored");
        assert_eq!(r.text, "rotated");
        r.label = "read".into();
        r.save(&db).await?;
        r.text = "forged".into();
        assert!(matches!(r.save(&db).await, Err(Error::Refused { .. })));
        let whole = SecretReader { owner: "gil".into(), name: "b".into(), text: "x".into(), label: "l".into() };
        assert!(matches!(whole.save(&db).await, Err(Error::Refused { .. })));
        assert_eq!(Secret::get(&db, "gil", "a").await?.expect("stored").text, "rotated");
        Ok(())
    }

    async fn values_stored_before_encryption_still_read(db: Dynox) -> Result<()> {
        let db = setup(&db).await?;
        let table = db.table_name::<Secret>();
        raw_put(&db, &table, dynox_tests::item([
            ("owner", Av::S("hal".into())),
            ("name", Av::S("old".into())),
            ("text", Av::S("plain before".into())),
            ("blob", Av::B(vec![1, 2, 3].into())),
            ("label", Av::S("l".into())),
        ])).await?;
        let mut old = Secret::get(&db, "hal", "old").await?.expect("stored");
        assert_eq!((old.text.as_str(), old.blob.as_slice()), ("plain before", &[1u8, 2, 3][..]));
        // the next write of the field encrypts it
        old.text = "now sealed".into();
        old.save(&db).await?;
        assert!(matches!(stored(&db, &old).await.get("text"), Some(Av::B(_))));
        assert_eq!(Secret::get(&db, "hal", "old").await?.expect("stored").text, "now sealed");
        Ok(())
    }

    async fn plaintext_never_reaches_debug_or_errors(db: Dynox) -> Result<()> {
        let db = setup(&db).await?;
        let s = secret("ivy", "a", "hunter2-plaintext");
        s.save(&db).await?;
        let loaded = Secret::get(&db, "ivy", "a").await?.expect("stored");
        let shown = format!("{loaded:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        // a failed condition returns the stored item: ciphertext, shown by shape
        let failed = s.save(&db).condition(Secret::OWNER.not_exists()).await;
        let shown = format!("{failed:?} {}", failed.as_ref().map(|_| String::new()).unwrap_or_else(|e| e.to_string()));
        assert!(matches!(failed, Err(Error::ConditionalCheckFailed { .. })));
        assert!(!shown.contains("hunter2"), "{shown}");
        // an encrypted field may only be tested for existence
        secret("ivy", "b", "x").save(&db).condition(Secret::TEXT.not_exists()).await?;
        Ok(())
    }
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "small_vault", max_size = 600)]
pub struct Small {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(encrypt(key = "alias/dynox-tests"))]
    pub text: String,
}

backend_tests! {
    async fn the_size_limit_sees_the_ciphertext(db: Dynox) -> Result<()> {
        Small::create_table(&db).await?;
        let db = db.with_key_provider(local_keys());
        // 500 bytes of text fit the 600-byte limit; sealed (about 80 bytes
        // more with the local provider), they do not
        let s = Small { id: "s".into(), text: "x".repeat(500) };
        assert!(dynox_core::item_size(&s.to_item()) < 600);
        match s.save(&db).await {
            Err(Error::ItemTooLarge { size, max: 600 }) => assert!(size > 600),
            other => panic!("expected ItemTooLarge, got {other:?}"),
        }
        assert!(Small::get(&db, "s").await?.is_none());
        Small { id: "s".into(), text: "x".repeat(400) }.save(&db).await?;
        Ok(())
    }
}
