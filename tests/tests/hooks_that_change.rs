//! Hooks that change the item: what `before_save` and `before_update` change
//! is stored, on both backends; a hook that changes a key sends nothing.

use dynox_core::prelude::*;
use dynox_core::OperationKind;
use dynox_tests::backend_tests;
use dynox_tests::models::Stamped;

fn stamped(id: &str) -> Stamped {
    Stamped {
        id: id.into(),
        email: "Ann@Example.COM".into(),
        note: "n".into(),
        saves: 0,
        updates: 0,
    }
}

async fn stored(db: &Dynox, id: &str) -> Result<Stamped> {
    Ok(Stamped::get(db, id)
        .consistent_read(true)
        .await?
        .expect("stored")
        .into_inner())
}

backend_tests! {
    async fn a_plain_save_stores_what_the_hook_changed(db: Dynox) -> Result<()> {
        Stamped::create_table(&db).await?;
        let value = stamped("a");
        value.save(&db).await?;
        let s = stored(&db, "a").await?;
        assert_eq!((s.email.as_str(), s.saves), ("ann@example.com", 1));
        assert_eq!(value.email, "Ann@Example.COM", "the borrowed value is not changed");
        Ok(())
    }

    async fn a_smart_save_sends_the_fields_the_hook_changed(db: Dynox) -> Result<()> {
        Stamped::create_table(&db).await?;
        let mut t = Tracked::new(stamped("b"));
        t.save(&db).await?;
        assert_eq!((t.email.as_str(), t.saves), ("ann@example.com", 1), "a Tracked sees the hook's changes");

        // the caller changes only `note`; the hook stamps `saves` too
        let mut loaded = Stamped::get(&db, "b").consistent_read(true).await?.expect("stored");
        loaded.note = "changed".into();
        loaded.save(&db).await?;
        assert_eq!(db.last_operation().map(|o| o.kind), Some(OperationKind::UpdateItem));
        let s = stored(&db, "b").await?;
        assert_eq!((s.note.as_str(), s.saves), ("changed", 2), "the hook's field is in the UpdateItem");
        // a clean value runs no hook and sends nothing
        db.reset_metrics();
        loaded.save(&db).await?;
        assert_eq!(db.metrics().requests, 0);
        assert_eq!(stored(&db, "b").await?.saves, 2);
        Ok(())
    }

    async fn an_update_carries_the_fields_before_update_changed(db: Dynox) -> Result<()> {
        Stamped::create_table(&db).await?;
        stamped("c").save(&db).await?;
        let mut loaded = Stamped::get(&db, "c").consistent_read(true).await?.expect("stored");
        loaded.update(&db).set(Stamped::NOTE, "via update").await?;
        let s = stored(&db, "c").await?;
        assert_eq!((s.note.as_str(), s.updates), ("via update", 1));
        assert_eq!(loaded.updates, 1, "the value is the stored item");
        // an action of the caller's on the same field wins over the hook's
        loaded.update(&db).set(Stamped::UPDATES, 10u32).await?;
        assert_eq!(stored(&db, "c").await?.updates, 10);
        Ok(())
    }

    async fn a_hook_that_changes_a_key_sends_nothing(db: Dynox) -> Result<()> {
        Stamped::create_table(&db).await?;
        let mut value = stamped("d");
        value.note = "rekey".into();
        db.reset_metrics();
        let r = value.save(&db).await;
        assert!(matches!(&r, Err(Error::KeyChanged { field }) if field == "id"), "{r:?}");
        stamped("e").save(&db).await?;
        let mut loaded = Stamped::get(&db, "e").consistent_read(true).await?.expect("stored");
        loaded.note = "rekey".into();
        db.reset_metrics();
        let r = loaded.save(&db).await;
        assert!(matches!(r, Err(Error::KeyChanged { .. })), "{r:?}");
        assert_eq!(db.metrics().requests, 0, "nothing was sent");
        assert!(Stamped::get(&db, "e-moved").await?.is_none());
        Ok(())
    }
}
