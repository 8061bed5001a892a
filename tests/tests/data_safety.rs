//! Writes never bring back a deleted item, never lose a version, and read
//! the same on both transports: the adversarial cases of the correctness
//! review, each on both backends.

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_core::Number;
use dynox_tests::models::{Counter, Limited, Profile, Reading};
use dynox_tests::{backend_tests, item, raw_get, raw_put};

async fn profile(db: &Dynox, pk: &str) -> Result<Option<Tracked<Profile>>> {
    Profile::get(db, pk, "PROFILE").consistent_read(true).await
}

async fn counter(db: &Dynox, id: &str) -> Result<Tracked<Counter>> {
    Ok(Counter::get(db, id)
        .consistent_read(true)
        .await?
        .expect("stored"))
}

/// A counter as another tool stored it before the table adopted versioning.
async fn unversioned_counter(db: &Dynox, id: &str, count: u64) -> Result<()> {
    raw_put(
        db,
        &db.table_name::<Counter>(),
        item([
            ("id", AV::S(id.into())),
            ("count", AV::N(count.to_string())),
        ]),
    )
    .await
}

backend_tests! {
    async fn smart_save_of_an_item_deleted_meanwhile_writes_nothing(db: Dynox) -> Result<()> {
        Profile::create_table(&db).await?;
        Profile::new("U", 10).save(&db).await?;
        let mut loaded = profile(&db, "U").await?.expect("saved");
        Profile::delete_by_key(&db, "U", "PROFILE").await?;

        loaded.name = "changed".into();
        let r = loaded.save(&db).await;
        assert!(matches!(r, Err(Error::ItemDeleted)), "{r:?}");
        assert!(r.unwrap_err().to_string().contains("no longer exists"));
        let key = item([("pk", AV::S("U".into())), ("sk", AV::S("PROFILE".into()))]);
        assert!(raw_get(&db, &db.table_name::<Profile>(), key).await.is_empty(), "no fragment was created");
        assert!(profile(&db, "U").await?.is_none());

        // an update of the loaded item says the same
        let r = loaded.update(&db).set(Profile::PHONE, "1").await;
        assert!(matches!(r, Err(Error::ItemDeleted)), "{r:?}");

        // a full replace writes it again, on purpose
        loaded.save(&db).full_replace().await?;
        assert_eq!(profile(&db, "U").await?.expect("recreated").name, "changed");
        Ok(())
    }

    async fn versioned_smart_save_of_an_item_deleted_meanwhile_is_item_deleted(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        Counter { id: "c".into(), count: 0, note: None, version: 0 }.save(&db).await?;
        let mut loaded = counter(&db, "c").await?;
        Counter::delete_by_key(&db, "c").await?;
        loaded.count = 5;
        let r = loaded.save(&db).await;
        assert!(matches!(r, Err(Error::ItemDeleted)), "{r:?}");
        assert!(Counter::get(&db, "c").consistent_read(true).await?.is_none(), "nothing was written");
        Ok(())
    }

    async fn every_write_path_moves_the_version_on(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        Counter { id: "c".into(), count: 0, note: None, version: 0 }.save(&db).await?;
        let mut stale = counter(&db, "c").await?;
        assert_eq!(stale.version, 1);

        Counter::update_by_key(&db, "c").increment(Counter::COUNT, 1).await?;
        assert_eq!(counter(&db, "c").await?.version, 2, "update_by_key adds 1");
        db.transact_write()
            .update(dynox_tests::models::CounterKey { id: "c".into() }, |u| u.increment(Counter::COUNT, 1))
            .await?;
        assert_eq!(counter(&db, "c").await?.version, 3, "a transaction's update adds 1");

        // the copy loaded before them can no longer overwrite them
        stale.note = Some("stale".into());
        let r = stale.save(&db).await;
        assert!(matches!(r, Err(Error::VersionConflict { .. })), "{r:?}");
        let r = stale.save(&db).full_replace().await;
        assert!(matches!(r, Err(Error::VersionConflict { .. })), "{r:?}");
        let stored = counter(&db, "c").await?;
        assert_eq!((stored.count, stored.version, stored.note.clone()), (2, 3, None));

        // an update that sets the version itself keeps what it sets
        Counter::update_by_key(&db, "c").set(Counter::VERSION, 10u64).await?;
        assert_eq!(counter(&db, "c").await?.version, 10);
        // and update_by_key creates a missing item at version 1
        Counter::update_by_key(&db, "new").increment(Counter::COUNT, 1).await?;
        assert_eq!(counter(&db, "new").await?.version, 1);
        Ok(())
    }

    async fn an_item_without_a_version_attribute_saves_as_version_one(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        unversioned_counter(&db, "old", 7).await?;
        let mut a = counter(&db, "old").await?;
        let mut b = counter(&db, "old").await?;
        assert_eq!((a.count, a.version), (7, 0), "a missing version reads as 0");

        a.count += 1;
        a.save(&db).await?;
        assert_eq!(a.version, 1);
        let stored = counter(&db, "old").await?;
        assert_eq!((stored.count, stored.version), (8, 1));

        // the other copy, loaded without a version, is now stale
        b.note = Some("late".into());
        let r = b.save(&db).await;
        assert!(matches!(r, Err(Error::VersionConflict { .. })), "{r:?}");

        // a full replace of an unversioned item works too
        unversioned_counter(&db, "old2", 1).await?;
        let mut c = counter(&db, "old2").await?;
        c.count = 2;
        c.save(&db).full_replace().await?;
        assert_eq!(counter(&db, "old2").await?.version, 1);
        // and so does a loaded item's update
        unversioned_counter(&db, "old3", 1).await?;
        let mut d = counter(&db, "old3").await?;
        d.update(&db).increment(Counter::COUNT, 1).await?;
        assert_eq!((d.count, d.version), (2, 1));
        Ok(())
    }

    async fn a_plain_value_saved_twice_does_not_conflict_with_itself(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        let c = Counter { id: "c".into(), count: 0, note: None, version: 0 };
        c.save(&db).await?;
        c.save(&db).await?; // the same value again: the stored item already is it
        let stored = counter(&db, "c").await?;
        assert_eq!((stored.count, stored.version), (0, 1), "the second save wrote nothing");

        let loaded = stored.into_inner();
        loaded.save(&db).await?;
        loaded.save(&db).await?;
        assert_eq!(counter(&db, "c").await?.version, 2);

        // a value that differs from what is stored is a real conflict
        let changed = Counter { count: 5, ..loaded.clone() };
        let r = changed.save(&db).await;
        assert!(matches!(r, Err(Error::VersionConflict { .. })), "{r:?}");
        // and a condition of the caller's own is never taken as met
        let r = loaded.save(&db).condition(Counter::COUNT.eq(0)).await;
        assert!(matches!(r, Err(Error::VersionConflict { .. })), "{r:?}");

        // another value never loaded, for the same key: the key is taken
        let r = Counter { id: "c".into(), count: 9, note: None, version: 0 }.save(&db).await;
        match r {
            Err(e @ Error::AlreadyExists { item: Some(_) }) => {
                assert!(e.to_string().contains("already exists"), "{e}");
            }
            other => panic!("expected AlreadyExists, got {other:?}"),
        }
        let mut fresh = Tracked::new(Counter { id: "c".into(), count: 9, note: None, version: 0 });
        let r = fresh.save(&db).await;
        assert!(matches!(r, Err(Error::AlreadyExists { .. })), "{r:?}");

        // a Tracked value keeps its version in step, change after change
        let mut t = Tracked::new(Counter { id: "t".into(), count: 0, note: None, version: 0 });
        for n in 1..=3 {
            t.count = n;
            t.save(&db).await?;
        }
        assert_eq!((t.version, counter(&db, "t").await?.count), (3, 3));
        Ok(())
    }

    async fn update_by_key_refuses_a_value_over_max_size(db: Dynox) -> Result<()> {
        Limited::create_table(&db).await?;
        Limited { id: "l".into(), body: "small".into() }.save(&db).await?;
        let r = Limited::update_by_key(&db, "l").set(Limited::BODY, "x".repeat(5000)).await;
        assert!(matches!(r, Err(Error::ItemTooLarge { max: 1000, .. })), "{r:?}");
        let r = db.transact_write()
            .update(dynox_tests::models::LimitedKey { id: "l".into() }, |u| u.set(Limited::BODY, "x".repeat(5000)))
            .await;
        assert!(matches!(r, Err(Error::ItemTooLarge { max: 1000, .. })), "{r:?}");
        let stored = Limited::get(&db, "l").await?.expect("stored");
        assert_eq!(stored.body, "small", "nothing was sent");
        // a value that fits still goes through
        Limited::update_by_key(&db, "l").set(Limited::BODY, "y".repeat(500)).await?;
        Ok(())
    }

    async fn empty_key_values_are_the_same_error_on_both_backends(db: Dynox) -> Result<()> {
        Profile::create_table(&db).await?;
        let empty = |r: Result<()>, what: &str| match r {
            Err(Error::Validation { message }) => assert!(message.contains("empty"), "{what}: {message}"),
            other => panic!("{what}: expected a validation error, got {other:?}"),
        };
        empty(Profile::query(&db, "").all().await.map(|_| ()), "query");
        empty(Profile::get(&db, "", "PROFILE").await.map(|_| ()), "get");
        empty(Profile::get(&db, "U", "").await.map(|_| ()), "get with an empty sort key");
        empty(Profile::new("", 1).save(&db).await, "put");
        empty(Profile::delete_by_key(&db, "", "PROFILE").await, "delete");
        empty(Profile::update_by_key(&db, "", "PROFILE").set(Profile::NAME, "n").await, "update");
        empty(Profile::batch_get(&db, [dynox_tests::models::ProfileKey { pk: "".into(), sk: "PROFILE".into() }]).await.map(|_| ()), "batch get");
        empty(db.batch_write().put(&Profile::new("", 1)).await.map(|_| ()), "batch write");
        empty(db.transact_write().put(&Profile::new("", 1)).await, "transaction");
        Ok(())
    }

    async fn number_keys_compare_as_numbers_in_batches(db: Dynox) -> Result<()> {
        Reading::create_table(&db).await?;
        let report = db
            .batch_write()
            .put(&Reading { sensor: Number::new("2"), value: "first".into() })
            .put(&Reading { sensor: Number::new("2.0"), value: "second".into() })
            .await?;
        assert_eq!(report.coalesced, 1, "2 and 2.0 are one key");
        let all = Reading::scan(&db).all().await?;
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].value, "second", "the later write wins");

        Reading { sensor: Number::new("1"), value: "one".into() }.save(&db).await?;
        let read = Reading::batch_get(&db, [
            dynox_tests::models::ReadingKey { sensor: Number::new("1") },
            dynox_tests::models::ReadingKey { sensor: Number::new("1.0") },
            dynox_tests::models::ReadingKey { sensor: Number::new("10e-1") },
        ]).await?;
        assert_eq!(read.len(), 1, "1, 1.0 and 10e-1 are one key, read once");
        Ok(())
    }

    async fn a_permanent_error_in_a_batch_is_not_advice_to_retry(db: Dynox) -> Result<()> {
        // no table: DynamoDB's answer is the same on every retry
        let r = db.batch_write().put(&Profile::new("U", 1)).put(&Profile::new("V", 1)).await;
        match r {
            Err(e @ Error::BatchFailed { .. }) => {
                let Error::BatchFailed { unprocessed, cause, .. } = &e else { unreachable!() };
                assert_eq!(unprocessed.len(), 2, "both writes are listed as not done");
                assert!(matches!(**cause, Error::ResourceNotFound { .. }), "{cause:?}");
                assert!(!e.is_retryable());
                assert!(!e.to_string().contains("retry the requests"), "{e}");
            }
            other => panic!("expected BatchFailed, got {other:?}"),
        }
        let r = Profile::batch_get(&db, [dynox_tests::models::ProfileKey { pk: "U".into(), sk: "PROFILE".into() }]).await;
        assert!(matches!(r, Err(Error::BatchFailed { .. })), "{r:?}");
        Ok(())
    }
}
