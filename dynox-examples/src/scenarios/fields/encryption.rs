//! A field encrypted client-side with a data key from KMS (envelope
//! encryption): DynamoDB holds only ciphertext bound to its item, and a
//! copy of it into another item does not decrypt.
//!
//! With `AWS_ENDPOINT_URL_KMS` set (the test script points it at moto's
//! server) the data keys come from KMS there; otherwise from a local
//! master key, as on the embedded engine without AWS.

use dynox_core::encrypt::{DecryptError, KmsKeyProvider, LocalKeyProvider};
use dynox_core::prelude::*;
use dynox_core::AttributeValue;

/// A patient record whose diagnosis only holders of the key can read.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "ex_patients")]
pub struct Patient {
    #[dyno(partition_key)]
    pub id: String,
    pub name: String,
    #[dyno(encrypt(key = "alias/ex-records"))]
    pub diagnosis: String,
}

const KEY: &str = "alias/ex-records";

/// The client with a key provider: KMS where an endpoint is set, else a
/// local key.
async fn with_keys(db: &Dynox) -> Dynox {
    if std::env::var_os("AWS_ENDPOINT_URL_KMS").is_none() {
        println!("AWS_ENDPOINT_URL_KMS is not set: using a local master key instead of KMS");
        return db.with_key_provider(LocalKeyProvider::new().with_random_key(KEY));
    }
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let kms = aws_sdk_kms::Client::new(&config);
    // a KMS emulator starts empty: make the example's key once
    let aliases = kms.list_aliases().send().await.expect("KMS ListAliases");
    if !aliases
        .aliases()
        .iter()
        .any(|a| a.alias_name() == Some(KEY))
    {
        let key = kms.create_key().send().await.expect("KMS CreateKey");
        let id = key.key_metadata().expect("metadata").key_id().to_owned();
        kms.create_alias()
            .alias_name(KEY)
            .target_key_id(id)
            .send()
            .await
            .expect("KMS CreateAlias");
    }
    println!("data keys from KMS at the configured endpoint");
    db.with_key_provider(KmsKeyProvider::new(&config))
}

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Patient::create_table(db).if_not_exists().await?;
    let db = with_keys(db).await;
    let ann = Patient {
        id: "p1".into(),
        name: "Ann".into(),
        diagnosis: "seasonal allergy".into(),
    };
    let bob = Patient {
        id: "p2".into(),
        name: "Bob".into(),
        diagnosis: "sprained ankle".into(),
    };
    db.batch_write().put(&ann).put(&bob).await?;
    let loaded = Patient::get(&db, "p1").await?.expect("saved");
    assert_eq!(loaded.diagnosis, "seasonal allergy");
    // the tracked value's Debug hides the field
    println!("loaded: {loaded:?}");
    assert!(!format!("{loaded:?}").contains("allergy"));

    // what DynamoDB holds, read without the model: ciphertext
    let table = db.table_name::<Patient>();
    let raw = db
        .statement(format!("SELECT diagnosis FROM \"{table}\" WHERE id = ?"))
        .bind("p1")
        .page()
        .await?;
    let stored = raw.items[0]["diagnosis"].clone();
    let AttributeValue::B(bytes) = &stored else {
        panic!("stored as binary: {stored:?}")
    };
    println!("stored: {} bytes of ciphertext", bytes.as_ref().len());
    // Ann's ciphertext pasted into Bob's item, as a tool with table access
    // might: it is bound to Ann's key and does not decrypt
    db.statement(format!("UPDATE \"{table}\" SET diagnosis = ? WHERE id = ?"))
        .bind(stored)
        .bind("p2")
        .page()
        .await?;
    match Patient::get(&db, "p2").await {
        Err(Error::Decrypt {
            reason: DecryptError::Tampered,
            ..
        }) => println!("a ciphertext moved to another item is refused"),
        other => panic!("expected a refused copy, got {other:?}"),
    }
    Patient::delete_by_key(&db, "p1").await?;
    Patient::delete_by_key(&db, "p2").await?;
    Ok(())
}
