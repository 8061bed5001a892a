//! A table written by pydynox 1.8 moves to dynox: its set attributes
//! (stored as lists) read into set fields, and its timestamp keys are found
//! by exact key with the `Isoformat` field type. On both backends, with the
//! items written as pydynox writes them (`interop_pydynox.rs` runs pydynox
//! itself against DynamoDB Local).

use aws_sdk_dynamodb::types::AttributeValue as AV;
use chrono::{DateTime, Utc};
use dynox_core::prelude::*;
use dynox_core::timestamp::Isoformat;
use dynox_tests::models::Event;
use dynox_tests::{backend_tests, item, raw_get, raw_put};
use std::collections::BTreeSet;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("a time")
}

/// An item as pydynox 1.8 writes it: sets as lists, `+00:00` timestamps.
fn pydynox_item(at: &str, tags: Vec<AV>) -> dynox_core::Item {
    item([
        ("stream", AV::S("s".into())),
        ("at", AV::S(at.into())),
        ("tags", AV::L(tags)),
        // pydynox writes a number set as a list of number texts
        ("codes", AV::L(vec![AV::S("3".into()), AV::S("1".into())])),
    ])
}

backend_tests! {
    async fn lists_of_distinct_members_read_as_sets(db: Dynox) -> Result<()> {
        Event::create_table(&db).await?;
        let table = db.table_name::<Event>();
        raw_put(&db, &table, pydynox_item("2026-01-15T10:30:00.123456+00:00", vec![AV::S("b".into()), AV::S("a".into())])).await?;
        let e = Event::get(&db, "s", Isoformat(at("2026-01-15T10:30:00.123456Z"))).await?.expect("found by exact key");
        assert_eq!(e.tags, BTreeSet::from(["a".to_owned(), "b".to_owned()]));
        assert_eq!(e.codes, BTreeSet::from([1, 3]));

        // saved back by dynox, they become real sets
        let mut e = e;
        e.tags.insert("c".into());
        e.save(&db).await?;
        let key = item([("stream", AV::S("s".into())), ("at", AV::S("2026-01-15T10:30:00.123456+00:00".into()))]);
        let stored = raw_get(&db, &table, key).await;
        assert!(matches!(stored.get("tags"), Some(AV::Ss(s)) if s.len() == 3), "{stored:?}");

        // a list with a repeated member is not a set: reading it would lose one
        raw_put(&db, &table, pydynox_item("2026-01-16T00:00:00+00:00", vec![AV::S("a".into()), AV::S("a".into())])).await?;
        let r = Event::get(&db, "s", Isoformat(at("2026-01-16T00:00:00Z"))).await;
        match r {
            Err(Error::Deserialize { field, found, .. }) => {
                assert_eq!(field, "tags[1]");
                assert!(found.contains("repeated"), "{found}");
            }
            other => panic!("expected a Deserialize error, got {other:?}"),
        }
        // and a list of another type is a type error
        raw_put(&db, &table, pydynox_item("2026-01-17T00:00:00+00:00", vec![AV::N("1".into())])).await?;
        let r = Event::get(&db, "s", Isoformat(at("2026-01-17T00:00:00Z"))).await;
        assert!(matches!(&r, Err(Error::Deserialize { field, .. }) if field == "tags[0]"), "{r:?}");
        Ok(())
    }

    async fn timestamp_keys_are_found_whichever_library_wrote_them(db: Dynox) -> Result<()> {
        Event::create_table(&db).await?;
        let table = db.table_name::<Event>();
        // pydynox's text, with and without microseconds
        raw_put(&db, &table, pydynox_item("2026-01-15T10:30:00.123456+00:00", vec![AV::S("x".into())])).await?;
        raw_put(&db, &table, pydynox_item("2026-01-15T11:00:00+00:00", vec![AV::S("y".into())])).await?;
        assert!(Event::get(&db, "s", Isoformat(at("2026-01-15T10:30:00.123456Z"))).await?.is_some());
        assert!(Event::get(&db, "s", Isoformat(at("2026-01-15T11:00:00Z"))).await?.is_some());

        // dynox writes the same text, so pydynox finds dynox's items too
        let written = Event { stream: "s".into(), at: Isoformat(at("2026-01-15T12:00:00.5Z")), tags: BTreeSet::from(["z".to_owned()]), codes: BTreeSet::new() };
        written.save(&db).await?;
        let key = item([("stream", AV::S("s".into())), ("at", AV::S("2026-01-15T12:00:00.500000+00:00".into()))]);
        assert!(!raw_get(&db, &table, key).await.is_empty(), "stored under Python's text");

        // and time ranges on the sort key work on the mixed texts
        let found = Event::query(&db, "s").sort_key_between(at("2026-01-15T10:00:00Z"), at("2026-01-15T11:30:00Z")).all().await?;
        assert_eq!(found.len(), 2);
        Ok(())
    }
}
