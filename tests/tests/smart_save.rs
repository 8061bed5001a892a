//! Smart save and the model lifecycle, on both backends.

use dynox_core::prelude::*;
use dynox_core::OperationKind;
use dynox_tests::backend_tests;
use dynox_tests::models::{Counter, Hooked, Limited, Profile};

async fn load(db: &Dynox, pk: &str) -> Result<Tracked<Profile>> {
    Ok(Profile::get(db, pk, "PROFILE")
        .consistent_read(true)
        .await?
        .expect("stored"))
}

backend_tests! {
    async fn one_request_for_a_change_none_when_clean(db: Dynox) -> Result<()> {
        Profile::create_table(&db).await?;
        Profile::new("U", 100).save(&db).await?;
        let mut p = load(&db, "U").await?;
        assert!(!p.is_dirty());
        assert!(p.changed_fields().is_empty());

        db.reset_metrics();
        p.save(&db).await?;
        assert_eq!(db.metrics().requests, 0, "a clean item sends nothing");

        p.name = "Jane".into();
        assert!(p.is_dirty());
        assert_eq!(p.changed_fields(), ["name"]);
        p.email = None;
        p.logins += 1;
        assert_eq!(p.changed_fields(), ["name", "email", "logins"], "declaration order");
        p.save(&db).await?;
        assert_eq!(db.metrics().requests, 1);
        assert_eq!(db.last_operation().map(|o| o.kind), Some(OperationKind::UpdateItem));
        assert!(!p.is_dirty(), "after a save the snapshot is what is stored");

        let stored = load(&db, "U").await?;
        assert_eq!(stored.into_inner(), p.clone().into_inner());
        p.save(&db).await?;
        assert_eq!(db.metrics().requests, 2, "the consistent get only; the clean save sent nothing");
        Ok(())
    }

    async fn smart_save_sends_a_quarter_of_a_full_put(db: Dynox) -> Result<()> {
        Profile::create_table(&db).await?;
        Profile::new("U", 4000).save(&db).await?;
        let mut p = load(&db, "U").await?;
        p.name = "Jane Doe".into();
        p.save(&db).await?;
        let smart = db.last_operation().expect("recorded");
        p.name = "Bob Smith".into();
        p.save(&db).full_replace().await?;
        let full = db.last_operation().expect("recorded");
        assert_eq!((smart.kind, full.kind), (OperationKind::UpdateItem, OperationKind::PutItem));
        assert!(
            smart.bytes_sent * 4 <= full.bytes_sent,
            "smart save {} bytes, full put {} bytes",
            smart.bytes_sent,
            full.bytes_sent
        );
        // DynamoDB bills an update by the larger of the item before and after:
        // both writes of this ~4.1 KB item cost 5 write units
        assert_eq!((smart.wcu, full.wcu), (5.0, 5.0));
        Ok(())
    }

    async fn new_items_put_first_then_update(db: Dynox) -> Result<()> {
        Profile::create_table(&db).await?;
        let mut p = Tracked::new(Profile::new("N", 10));
        assert!(p.is_dirty() && !p.is_stored());
        p.save(&db).await?;
        assert_eq!(db.last_operation().map(|o| o.kind), Some(OperationKind::PutItem));
        assert!(!p.is_dirty());
        p.name = "Jane".into();
        p.save(&db).await?;
        assert_eq!(db.last_operation().map(|o| o.kind), Some(OperationKind::UpdateItem));
        assert_eq!(load(&db, "N").await?.name, "Jane");
        p.delete(&db).await?;
        assert!(Profile::get(&db, "N", "PROFILE").await?.is_none());
        Ok(())
    }

    async fn changed_key_is_an_error_not_a_new_item(db: Dynox) -> Result<()> {
        Profile::create_table(&db).await?;
        Profile::new("K", 10).save(&db).await?;
        let mut p = load(&db, "K").await?;
        p.pk = "OTHER".into();
        let requests = db.metrics().requests;
        let r = p.save(&db).await;
        assert!(matches!(&r, Err(Error::KeyChanged { field }) if field == "pk"), "{r:?}");
        assert_eq!(db.metrics().requests, requests, "nothing was sent");
        assert!(Profile::get(&db, "OTHER", "PROFILE").await?.is_none());
        Ok(())
    }

    async fn conditions_on_both_save_paths(db: Dynox) -> Result<()> {
        Profile::create_table(&db).await?;
        Profile::new("C", 10).save(&db).await?;
        let mut p = load(&db, "C").await?;
        p.name = "x".into();
        let r = p.save(&db).condition(Profile::COMPANY.eq("Other")).await;
        assert!(matches!(r, Err(Error::ConditionalCheckFailed { item: Some(_) })), "{r:?}");
        assert!(p.is_dirty(), "a failed save keeps the change pending");
        p.save(&db).condition(Profile::COMPANY.eq("Acme Corp")).await?;
        let r = p.save(&db).full_replace().condition(Profile::COMPANY.eq("Other")).await;
        assert!(matches!(r, Err(Error::ConditionalCheckFailed { .. })), "{r:?}");
        assert_eq!(load(&db, "C").await?.name, "x");
        Ok(())
    }

    async fn instance_update_refreshes_the_local_value(db: Dynox) -> Result<()> {
        Profile::create_table(&db).await?;
        Profile::new("I", 10).save(&db).await?;
        let mut p = load(&db, "I").await?;
        // another writer changes a field meanwhile
        Profile::update_by_key(&db, "I", "PROFILE").set(Profile::PHONE, "555").await?;
        p.update(&db).set(Profile::NAME, "Ann").increment(Profile::LOGINS, 2).remove(Profile::EMAIL).await?;
        assert_eq!((p.name.as_str(), p.logins, p.email.as_deref()), ("Ann", 2, None));
        assert_eq!(p.phone, "555", "the local value is the stored item (ALL_NEW)");
        assert!(!p.is_dirty());
        Ok(())
    }

    async fn concurrent_writers_of_different_fields(db: Dynox) -> Result<()> {
        Profile::create_table(&db).await?;
        Profile::new("W", 10).save(&db).await?;
        // smart save: both changes persist
        let mut a = load(&db, "W").await?;
        let mut b = load(&db, "W").await?;
        a.name = "from a".into();
        b.phone = "from b".into();
        a.save(&db).await?;
        b.save(&db).await?;
        let stored = load(&db, "W").await?;
        assert_eq!((stored.name.as_str(), stored.phone.as_str()), ("from a", "from b"));

        // full replace: the second writer silently undoes the first (the lost
        // update smart save avoids)
        let mut a = load(&db, "W").await?;
        let mut b = load(&db, "W").await?;
        a.name = "a again".into();
        b.phone = "b again".into();
        a.save(&db).full_replace().await?;
        b.save(&db).full_replace().await?;
        let stored = load(&db, "W").await?;
        assert_eq!((stored.name.as_str(), stored.phone.as_str()), ("from a", "b again"));
        Ok(())
    }

    async fn versions_lock_optimistically(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        let mut c = Tracked::new(Counter { id: "c".into(), count: 0, note: None, version: 0 });
        c.save(&db).await?;
        assert_eq!(c.version, 1, "the first save writes version 1");
        // a second value that was never loaded cannot create it again
        let mut dup = Tracked::new(Counter { id: "c".into(), count: 9, note: None, version: 0 });
        assert!(matches!(dup.save(&db).await, Err(Error::AlreadyExists { .. })));

        let mut a = Counter::get(&db, "c").await?.expect("saved");
        let mut b = Counter::get(&db, "c").await?.expect("saved");
        a.count += 1;
        a.save(&db).await?;
        assert_eq!(a.version, 2);
        b.note = Some("late".into());
        match b.save(&db).await {
            Err(Error::VersionConflict { item: Some(item) }) => {
                assert_eq!(Counter::from_item(*item)?.version, 2, "the stored item comes back");
            }
            other => panic!("expected a version conflict, got {other:?}"),
        }
        // user conditions are ANDed with the version check
        let r = a.save(&db).full_replace().condition(Counter::COUNT.eq(99)).await;
        assert!(matches!(r, Err(Error::ConditionalCheckFailed { .. })), "{r:?}");
        a.update(&db).increment(Counter::COUNT, 10).await?;
        assert_eq!((a.count, a.version), (11, 3));
        assert!(matches!(b.delete(&db).await, Err(Error::VersionConflict { .. })));
        a.delete(&db).await?;
        assert!(Counter::get(&db, "c").await?.is_none());
        Ok(())
    }

    async fn concurrent_versioned_increments_lose_nothing(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        Tracked::new(Counter { id: "n".into(), count: 0, note: None, version: 0 }).save(&db).await?;
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    let mut successes = 0u64;
                    for _ in 0..5 {
                        loop {
                            let mut c = Counter::get(&db, "n").consistent_read(true).await?.expect("exists");
                            c.count += 1;
                            match c.save(&db).await {
                                Ok(()) => {
                                    successes += 1;
                                    break;
                                }
                                Err(Error::VersionConflict { .. }) => continue,
                                Err(e) => return Err(e),
                            }
                        }
                    }
                    Ok::<u64, Error>(successes)
                })
            })
            .collect();
        let mut total = 0;
        for t in tasks {
            total += t.await.expect("task ran")?;
        }
        let c = Counter::get(&db, "n").consistent_read(true).await?.expect("exists");
        assert_eq!(total, 80);
        assert_eq!(c.count, total, "every successful save counted exactly once");
        assert_eq!(c.version, total + 1);
        Ok(())
    }

    async fn hooks_run_and_can_abort(db: Dynox) -> Result<()> {
        Hooked::create_table(&db).await?;
        let before = db.metrics().requests;
        let bad = Hooked { id: "h".into(), name: String::new(), loaded: false };
        assert!(matches!(bad.save(&db).await, Err(Error::Hook(_))));
        assert_eq!(db.metrics().requests, before, "a failing before_save sends nothing");
        assert!(Hooked::get(&db, "h").await?.is_none());
        bad.save(&db).skip_hooks().await?;

        let mut h = Hooked::get(&db, "h").await?.expect("saved");
        assert!(h.loaded, "after_load ran");
        assert!(!Hooked::get(&db, "h").skip_hooks().await?.expect("saved").loaded);
        assert!(matches!(h.update(&db).set(Hooked::NAME, "x").await, Err(Error::Hook(_))));
        h.name = "protected".into();
        h.save(&db).await?;
        assert!(matches!(h.delete(&db).await, Err(Error::Hook(_))));
        assert!(Hooked::get(&db, "h").await?.is_some());
        // by-key operations run no hooks
        Hooked::delete_by_key(&db, "h").await?;
        assert!(Hooked::get(&db, "h").await?.is_none());
        Ok(())
    }

    async fn max_size_and_estimates(db: Dynox) -> Result<()> {
        Limited::create_table(&db).await?;
        let small = Limited { id: "s".into(), body: "x".repeat(500) };
        assert_eq!(small.item_size(), 2 + 1 + 4 + 500);
        assert_eq!(small.estimated_wcu(), 1.0);
        assert_eq!(small.estimated_rcu(), 1.0, "consistent_read model: full read units");
        small.save(&db).await?;
        assert_eq!(db.last_operation().map(|o| o.wcu), Some(small.estimated_wcu()));
        Limited::get(&db, "s").await?;
        assert_eq!(db.last_operation().map(|o| o.rcu), Some(1.0), "the model reads consistently");

        let requests = db.metrics().requests;
        let big = Limited { id: "b".into(), body: "x".repeat(2000) };
        match big.save(&db).await {
            Err(Error::ItemTooLarge { size, max }) => assert_eq!((size, max), (2007, 1000)),
            other => panic!("expected ItemTooLarge, got {other:?}"),
        }
        assert_eq!(db.metrics().requests, requests, "refused before any request");

        let p = Profile::new("E", 3000);
        assert_eq!(p.estimated_wcu(), 4.0);
        Profile::create_table(&db).await?;
        p.save(&db).await?;
        assert_eq!(db.last_operation().map(|o| o.wcu), Some(4.0));
        Ok(())
    }
}
