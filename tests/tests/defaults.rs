//! `#[dyno(default)]` and `#[dyno(default = "path")]`: a missing attribute
//! reads as `Default::default()` or as the function's value; a stored one
//! reads as stored. On both backends.

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_tests::models::Member;
use dynox_tests::{backend_tests, item, raw_put};

backend_tests! {
    async fn missing_attributes_read_as_their_defaults(db: Dynox) -> Result<()> {
        Member::create_table(&db).await?;
        raw_put(&db, &db.table_name::<Member>(), item([("id", AV::S("m".into()))])).await?;
        let m = Member::get(&db, "m").await?.expect("stored");
        assert_eq!(m.status, "active");
        assert_eq!(m.roles, ["reader"]);
        assert_eq!(m.visits, 0);
        assert_eq!(m.settings.get("notify"), Some(&true));

        // stored values win over the defaults
        raw_put(&db, &db.table_name::<Member>(), item([
            ("id", AV::S("n".into())),
            ("status", AV::S("banned".into())),
            ("roles", AV::L(vec![])),
            ("visits", AV::N("3".into())),
        ])).await?;
        let n = Member::get(&db, "n").await?.expect("stored");
        assert_eq!((n.status.as_str(), n.roles.len(), n.visits), ("banned", 0, 3));
        // a stored value of the wrong type is still an error, not the default
        raw_put(&db, &db.table_name::<Member>(), item([("id", AV::S("o".into())), ("status", AV::N("1".into()))])).await?;
        let r = Member::get(&db, "o").await;
        assert!(matches!(&r, Err(Error::Deserialize { field, .. }) if field == "status"), "{r:?}");
        Ok(())
    }
}
