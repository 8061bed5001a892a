//! Encrypted fields with data keys from KMS, served by moto's server
//! (started by the README's test command, like DynamoDB Local; a missing
//! moto fails these tests), on both DynamoDB transports.
#![cfg(feature = "dynamodb-local")]

use aws_sdk_dynamodb::types::AttributeValue as Av;
use dynox_core::encrypt::{DecryptError, KeyError, KmsKeyProvider};
use dynox_core::prelude::*;
use dynox_core::ModelKey;
use dynox_tests::keys::{moto_config, moto_key, Counting};
use dynox_tests::{backend_tests, raw_get, raw_put};

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "kms_vault")]
pub struct Card {
    #[dyno(partition_key)]
    pub holder: String,
    #[dyno(encrypt(key = "alias/dynox-tests"))]
    pub number: String,
    #[dyno(encrypt(key = "alias/dynox-tests"))]
    pub cvv: Option<String>,
}

/// Another table with the same attributes, to copy a value into.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "kms_vault_copy")]
pub struct CardCopy {
    #[dyno(partition_key)]
    pub holder: String,
    #[dyno(encrypt(key = "alias/dynox-tests"))]
    pub number: String,
    #[dyno(encrypt(key = "alias/dynox-tests"))]
    pub cvv: Option<String>,
}

/// A field naming a master key KMS does not have.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "kms_vault")]
pub struct Unkeyed {
    #[dyno(partition_key)]
    pub holder: String,
    #[dyno(encrypt(key = "alias/no-such-key"))]
    pub number: String,
}

fn card(holder: &str) -> Card {
    Card {
        holder: holder.into(),
        number: format!("4111-1111-1111-{holder}"),
        cvv: Some("123".into()),
    }
}

async fn kms(db: &Dynox) -> Result<(Dynox, Counting<KmsKeyProvider>)> {
    Card::create_table(db).await?;
    let config = moto_config();
    moto_key(&config).await;
    let keys = Counting::new(KmsKeyProvider::new(&config));
    Ok((db.with_key_provider(keys.clone()), keys))
}

backend_tests! {
    async fn kms_data_keys_seal_and_open(db: Dynox) -> Result<()> {
        let (db, keys) = kms(&db).await?;
        let cards: Vec<Card> = (0..25).map(|i| card(&format!("{i:04}"))).collect();
        db.batch_write().put_all(&cards).await?;
        // one GenerateDataKey for 50 values
        assert_eq!(keys.generated(), 1);
        let raw = raw_get(&db, &db.table_name::<Card>(), cards[0].key().to_key_item()).await;
        let Some(Av::B(stored)) = raw.get("number") else { panic!("number stored as B: {raw:?}") };
        assert_eq!(&stored.as_ref()[..2], &[0xDC, 0x45]);
        assert!(!stored.as_ref().windows(4).any(|w| w == b"4111"));
        // read by a new client (no cached keys): one Decrypt for the batch's key
        let config = moto_config();
        let fresh_keys = Counting::new(KmsKeyProvider::new(&config));
        let fresh = db.with_key_provider(fresh_keys.clone());
        let mut read: Vec<Card> = Card::scan(&fresh).all().await?.into_iter().map(Tracked::into_inner).collect();
        read.sort_by(|a, b| a.holder.cmp(&b.holder));
        assert_eq!(read, cards);
        assert_eq!(fresh_keys.decrypted(), 1);
        // a smart save of a changed secret, read back through KMS
        let mut t = Card::get(&fresh, "0003").await?.expect("stored");
        t.number = "5500-0000-0000-0004".into();
        t.save(&fresh).await?;
        let again = db.with_key_provider(KmsKeyProvider::new(&config));
        assert_eq!(Card::get(&again, "0003").await?.expect("stored").number, "5500-0000-0000-0004");
        Ok(())
    }

    async fn kms_refuses_a_value_copied_to_another_table_and_an_unknown_key(db: Dynox) -> Result<()> {
        let (db, _) = kms(&db).await?;
        CardCopy::create_table(&db).await?;
        let c = card("9999");
        c.save(&db).await?;
        // the same bytes under the same key attributes in another table: the
        // data key is bound to the table by its encryption context
        let raw = raw_get(&db, &db.table_name::<Card>(), c.key().to_key_item()).await;
        raw_put(&db, &db.table_name::<CardCopy>(), raw).await?;
        match CardCopy::get(&db, "9999").await {
            Err(Error::Decrypt { attribute, reason: DecryptError::Key(KeyError::Refused { message }), .. }) => {
                assert!(["number", "cvv"].contains(&attribute.as_str()), "{attribute}");
                assert!(message.contains("InvalidCiphertext"), "{message}");
            }
            other => panic!("expected a refused data key, got {other:?}"),
        }
        // a field naming a key KMS does not have: nothing is written
        let refused = Unkeyed { holder: "u".into(), number: "1".into() }.save(&db).await;
        assert!(
            matches!(refused, Err(Error::Encrypt { reason: KeyError::NotFound { .. }, .. })),
            "{refused:?}"
        );
        assert!(Card::get(&db, "u").await?.is_none());
        Ok(())
    }
}
