//! `#[dyno(sensitive)]` values never appear in dynox's errors or in the
//! `Debug` of `Tracked` and of failed-condition items, on both backends.

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_tests::models::{Account, AccountKey};
use dynox_tests::secrets::{account, assert_hidden, SECRET};
use dynox_tests::{backend_tests, item, raw_put};

backend_tests! {
    async fn tracked_debug_redacts_sensitive_fields(db: Dynox) -> Result<()> {
        Account::create_table(&db).await?;
        account().save(&db).await?;
        let loaded = Account::get(&db, "A").await?.expect("stored");
        let shown = format!("{loaded:?}");
        assert_hidden("Debug of Tracked", &shown);
        assert!(shown.contains("Ann") && shown.contains("<redacted>"), "{shown}");
        // the program itself still reads the value
        assert_eq!(loaded.password, SECRET);
        Ok(())
    }

    async fn failed_conditions_show_items_by_shape(db: Dynox) -> Result<()> {
        Account::create_table(&db).await?;
        account().save(&db).await?;
        let err = account().save(&db).condition(Account::ID.not_exists()).await.unwrap_err();
        let Error::ConditionalCheckFailed { item: Some(stored) } = &err else {
            panic!("expected the stored item: {err:?}");
        };
        assert_eq!(stored.get("password"), Some(&AV::S(SECRET.into())), "the value is there for the program");
        assert_hidden("Debug of the error", &format!("{err:?}"));
        assert_hidden("Display of the error", &err.to_string());
        assert!(format!("{err:?}").contains(r#""password": S(28 bytes)"#), "{err:?}");

        let err = db
            .transact_write()
            .check(AccountKey { id: "A".into() }, Account::NAME.eq("Bob"))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::TransactionCanceled { .. }), "{err:?}");
        assert_hidden("Debug of a cancelled transaction", &format!("{err:?}"));
        assert_hidden("Display of a cancelled transaction", &err.to_string());
        Ok(())
    }

    async fn read_errors_of_sensitive_fields_hide_the_value(db: Dynox) -> Result<()> {
        Account::create_table(&db).await?;
        // a pin beyond u32, written by another tool
        raw_put(&db, &db.table_name::<Account>(), item([
            ("id", AV::S("A".into())), ("name", AV::S("Ann".into())),
            ("password", AV::S(SECRET.into())), ("pin", AV::N("98765400000".into())),
        ])).await?;
        let err = Account::get(&db, "A").await.unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(matches!(&err, Error::Deserialize { field, .. } if field == "pin"), "{err:?}");
        assert!(!shown.contains("98765400000"), "{shown}");
        assert!(shown.contains("value hidden"), "{shown}");
        Ok(())
    }
}
