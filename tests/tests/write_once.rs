//! `#[dyno(write_once)]` fields on both backends: no write changes a
//! stored value, whether a save or a replace of an existing item, a smart
//! save, an update by key or a transaction; a batch write, which cannot
//! keep them, is refused.

use dynox_core::prelude::*;
use dynox_tests::backend_tests;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "once_docs")]
pub struct Doc {
    #[dyno(partition_key)]
    pub id: String,
    pub title: String,
    pub note: Option<String>,
    #[dyno(write_once, generate = "rfc3339")]
    pub created_at: String,
    #[dyno(generate = "epoch_millis", on = "write")]
    pub updated_at: u64,
}

fn doc(id: &str, title: &str, created_at: &str) -> Doc {
    Doc {
        id: id.into(),
        title: title.into(),
        note: Some("n".into()),
        created_at: created_at.into(),
        updated_at: 0,
    }
}

async fn stored(db: &Dynox, id: &str) -> Result<Doc> {
    Ok(Doc::get(db, id)
        .consistent_read(true)
        .await?
        .expect("stored")
        .into_inner())
}

backend_tests! {
    async fn a_replace_of_an_existing_item_keeps_the_stored_value(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        let mut first = Tracked::new(doc("d1", "First", ""));
        first.save(&db).await?;
        let created = first.created_at.clone();
        assert!(!created.is_empty(), "generated");

        // a new value with the same key: the item is replaced, but for it
        Tracked::new(Doc { note: None, ..doc("d1", "Second", "2000-01-01T00:00:00.000Z") })
            .save(&db)
            .await?;
        let s = stored(&db, "d1").await?;
        assert_eq!((s.title.as_str(), s.note.as_deref()), ("Second", None), "replaced");
        assert_eq!(s.created_at, created, "kept");

        // a borrowed value's save, and a transaction's put, the same
        doc("d1", "Third", "1999-01-01T00:00:00.000Z").save(&db).await?;
        db.transact_write().put(&doc("d1", "Fourth", "1998-01-01T00:00:00.000Z")).await?;
        let s = stored(&db, "d1").await?;
        assert_eq!((s.title.as_str(), s.created_at.as_str()), ("Fourth", created.as_str()));

        // a full replace of a loaded value whose field was changed
        let mut loaded = Doc::get(&db, "d1").consistent_read(true).await?.expect("stored");
        loaded.created_at = "1997-01-01T00:00:00.000Z".into();
        loaded.title = "Fifth".into();
        loaded.save(&db).full_replace().await?;
        let s = stored(&db, "d1").await?;
        assert_eq!((s.title.as_str(), s.created_at.as_str()), ("Fifth", created.as_str()));
        Ok(())
    }

    async fn updates_set_it_only_where_it_is_missing(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        let mut d = Tracked::new(doc("d2", "First", ""));
        d.save(&db).await?;
        let created = d.created_at.clone();

        // a smart save that changed it
        let mut loaded = Doc::get(&db, "d2").consistent_read(true).await?.expect("stored");
        loaded.created_at = "1997-01-01T00:00:00.000Z".into();
        loaded.save(&db).await?;
        assert_eq!(stored(&db, "d2").await?.created_at, created);

        // an update by key, and one in a transaction
        Doc::update_by_key(&db, "d2").set(Doc::CREATED_AT, "1996-01-01T00:00:00.000Z").await?;
        db.transact_write()
            .update(DocKey { id: "d2".into() }, |u| u.set(Doc::CREATED_AT, "1995-01-01T00:00:00.000Z"))
            .await?;
        assert_eq!(stored(&db, "d2").await?.created_at, created);

        // on an item that has none, an update sets it
        Doc::update_by_key(&db, "d3")
            .set(Doc::TITLE, "New")
            .set(Doc::CREATED_AT, "2001-01-01T00:00:00.000Z")
            .await?;
        let s = Doc::get(&db, "d3").consistent_read(true).await?.expect("created by the update");
        assert_eq!(s.created_at, "2001-01-01T00:00:00.000Z");
        Ok(())
    }

    async fn a_batch_write_that_cannot_keep_it_is_refused(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        match db.batch_write().put(&doc("d4", "Batched", "")).await {
            Err(Error::Refused { message }) => assert!(message.contains("write-once"), "{message}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(Doc::get(&db, "d4").consistent_read(true).await?.is_none(), "nothing written");
        Ok(())
    }
}
