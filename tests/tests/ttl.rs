//! `#[dyno(ttl)]`: timestamps stored as epoch seconds, TTL enabled by
//! `create_table`, on both backends.

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_core::ModelKey;
use dynox_tests::models::Session;
use dynox_tests::{backend_tests, raw_get, raw_put};
use std::time::{Duration, UNIX_EPOCH};

backend_tests! {
    async fn ttl_timestamps_are_epoch_seconds(db: Dynox) -> Result<()> {
        // create_table also enables TTL on the attribute (UpdateTimeToLive)
        Session::create_table(&db).await?;
        assert_eq!(Session::SCHEMA.ttl_attribute, Some("expires"));
        let at = UNIX_EPOCH + Duration::from_secs(1_900_000_000);
        let s = Session { id: "s".into(), expires: Some(at) };
        s.save(&db).await?;
        let raw = raw_get(&db, &db.table_name::<Session>(), s.key().to_key_item()).await;
        assert_eq!(raw["expires"], AV::N("1900000000".into()));
        assert_eq!(Session::get(&db, "s").await?.expect("saved").into_inner(), s);

        // no expiry: no attribute
        let forever = Session { id: "f".into(), expires: None };
        forever.save(&db).await?;
        let raw = raw_get(&db, &db.table_name::<Session>(), forever.key().to_key_item()).await;
        assert!(!raw.contains_key("expires"));

        // smart save of a changed TTL writes epoch seconds too
        let mut t = Session::get(&db, "f").await?.expect("saved");
        t.expires = Some(at);
        t.save(&db).await?;
        let raw = raw_get(&db, &db.table_name::<Session>(), forever.key().to_key_item()).await;
        assert_eq!(raw["expires"], AV::N("1900000000".into()));

        // a TTL written as text by another tool is a clear error
        raw_put(&db, &db.table_name::<Session>(), dynox_tests::item([
            ("id", AV::S("bad".into())), ("expires", AV::S("tomorrow".into())),
        ])).await?;
        assert!(matches!(Session::get(&db, "bad").await, Err(Error::Deserialize { .. })));
        Ok(())
    }
}
