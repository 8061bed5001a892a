//! Basic operations on both backends: tables, save, get, delete, update by key.

use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::User;

backend_tests! {
    async fn create_table_then_exists(db: Dynox) -> Result<()> {
        assert!(!User::table_exists(&db).await?);
        let description = User::create_table(&db).await?;
        assert_eq!(description.table_name(), Some(db.table_name::<User>().as_ref()));
        assert!(User::table_exists(&db).await?);
        // a second create fails clearly, unless asked to accept an existing table
        let again = User::create_table(&db).await;
        assert!(matches!(again, Err(Error::ResourceInUse { .. })), "{again:?}");
        User::create_table(&db).if_not_exists().await?;
        User::delete_table(&db).await?;
        assert!(!User::table_exists(&db).await?);
        Ok(())
    }

    async fn create_table_uses_model_schema(db: Dynox) -> Result<()> {
        let t = User::create_table(&db).await?;
        let keys: Vec<(String, String)> = t
            .key_schema()
            .iter()
            .map(|k| (k.attribute_name().to_owned(), k.key_type().as_str().to_owned()))
            .collect();
        assert_eq!(keys, [("pk".to_owned(), "HASH".to_owned()), ("sk".to_owned(), "RANGE".to_owned())]);
        let described = User::describe_table(&db).await?;
        assert_eq!(
            described.billing_mode_summary().and_then(|b| b.billing_mode()).map(|b| b.as_str()),
            Some("PAY_PER_REQUEST")
        );
        Ok(())
    }

    async fn save_then_get(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let mut user = User::new("USER#1", "PROFILE", "John");
        user.email = Some("john@example.com".into());
        user.age = 30;
        user.tags = ["a".to_owned(), "b".to_owned()].into();
        user.save(&db).await?;

        let loaded = User::get(&db, "USER#1", "PROFILE").await?.map(Tracked::into_inner);
        assert_eq!(loaded.as_ref(), Some(&user));
        let strong = User::get(&db, "USER#1", "PROFILE").consistent_read(true).await?;
        assert_eq!(strong.map(Tracked::into_inner), Some(user.clone()));
        assert!(User::get(&db, "USER#1", "OTHER").await?.is_none());
        assert!(User::get(&db, "USER#2".to_owned(), "PROFILE").await?.is_none());
        Ok(())
    }

    async fn save_replaces_whole_item(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let mut user = User::new("U", "P", "John");
        user.email = Some("x@y".into());
        user.save(&db).await?;
        user.email = None;
        user.name = "Jane".into();
        user.save(&db).await?;
        let loaded = User::get(&db, "U", "P").await?.expect("saved");
        assert_eq!(loaded.email, None);
        assert_eq!(loaded.name, "Jane");
        Ok(())
    }

    async fn delete_and_delete_by_key(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let a = User::new("A", "1", "a");
        let b = User::new("B", "1", "b");
        a.save(&db).await?;
        b.save(&db).await?;
        a.delete(&db).await?;
        assert!(User::get(&db, "A", "1").await?.is_none());
        User::delete_by_key(&db, "B", "1").await?;
        assert!(User::get(&db, "B", "1").await?.is_none());
        // deleting what is not there is not an error, as in DynamoDB
        User::delete_by_key(&db, "B", "1").await?;
        Ok(())
    }

    async fn update_by_key_sets_and_removes(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let mut user = User::new("U", "P", "John");
        user.email = Some("old@example.com".into());
        user.tags = ["t".to_owned()].into();
        user.save(&db).await?;

        User::update_by_key(&db, "U", "P")
            .set(User::NAME, "Ann")
            .set(User::AGE, 41)
            .set(User::STATUS, String::from("name with #:. and spaces"))
            .remove(User::EMAIL)
            .await?;
        let loaded = User::get(&db, "U", "P").await?.expect("exists");
        assert_eq!(loaded.name, "Ann");
        assert_eq!(loaded.age, 41);
        assert_eq!(loaded.status, "name with #:. and spaces");
        assert_eq!(loaded.email, None);
        assert_eq!(loaded.tags, user.tags);

        // setting an empty set or None removes the attribute instead of storing NULL
        User::update_by_key(&db, "U", "P")
            .set(User::TAGS, std::collections::BTreeSet::new())
            .set(User::EMAIL, Some("new@example.com".to_owned()))
            .await?;
        let raw = dynox_tests::raw_get(&db, &db.table_name::<User>(), User::new("U", "P", "").key_item()).await;
        assert!(!raw.contains_key("tags"), "{raw:?}");
        assert_eq!(raw.get("email").and_then(|v| v.as_s().ok()).map(String::as_str), Some("new@example.com"));
        Ok(())
    }

    async fn update_by_key_creates_missing_item(db: Dynox) -> Result<()> {
        // DynamoDB's UpdateItem is an upsert; dynox keeps that meaning
        User::create_table(&db).await?;
        User::update_by_key(&db, "NEW", "P").set(User::NAME, "n").set(User::STATUS, "s").await?;
        let loaded = User::get(&db, "NEW", "P").await?.expect("created");
        assert_eq!((loaded.name.as_str(), loaded.age), ("n", 0));
        Ok(())
    }

    async fn update_without_actions_is_refused(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let r = User::update_by_key(&db, "U", "P").await;
        assert!(matches!(r, Err(Error::Refused { .. })), "{r:?}");
        assert_eq!(db.metrics().requests, 2, "create + describe only; the empty update sent nothing");
        Ok(())
    }

    async fn table_prefix_separates_tables(db: Dynox) -> Result<()> {
        let other = db.with_table_prefix(format!("{}x_", db.table_prefix()));
        User::create_table(&db).await?;
        User::create_table(&other).await?;
        User::new("U", "P", "mine").save(&db).await?;
        assert!(User::get(&other, "U", "P").await?.is_none());
        assert_eq!(User::get(&db, "U", "P").await?.map(|u| u.into_inner().name), Some("mine".to_owned()));
        Ok(())
    }
}

trait KeyItem {
    fn key_item(&self) -> Item;
}

impl KeyItem for User {
    fn key_item(&self) -> Item {
        use dynox_core::ModelKey;
        self.key().to_key_item()
    }
}
