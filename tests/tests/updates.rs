//! Every update action, on both backends, checked against the stored item.

use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::{Address, Doc};
use std::collections::BTreeSet;

async fn load(db: &Dynox, id: &str) -> Result<Doc> {
    Ok(Doc::get(db, id)
        .consistent_read(true)
        .await?
        .expect("stored")
        .into_inner())
}

backend_tests! {
    async fn set_remove_and_if_not_exists(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        Doc::sample("d").save(&db).await?;
        Doc::update_by_key(&db, "d")
            .set(Doc::TITLE, "New")
            .set(Doc::WEIRD, 9)
            .remove(Doc::STATE)
            .set_if_not_exists(Doc::AMOUNT, 99.0)
            .set(Doc::ADDRESS.field(Address::CITY), "Nice")
            .set(Doc::ATTRS.key("zip"), "10001")
            .set(Doc::LIST.index(1), "changed")
            .await?;
        let d = load(&db, "d").await?;
        assert_eq!((d.title.as_str(), d.weird, d.state.as_deref()), ("New", Some(9), None));
        assert_eq!(d.amount, Some(2.5), "if_not_exists keeps the existing value");
        assert_eq!(d.address.as_ref().map(|a| a.city.as_str()), Some("Nice"));
        assert_eq!(d.attrs.get("zip").map(String::as_str), Some("10001"));
        assert_eq!(d.list, ["first", "changed"]);

        Doc::update_by_key(&db, "d").remove(Doc::AMOUNT).await?;
        Doc::update_by_key(&db, "d").set_if_not_exists(Doc::AMOUNT, 99.0).await?;
        assert_eq!(load(&db, "d").await?.amount, Some(99.0), "if_not_exists sets a missing value");
        Ok(())
    }

    async fn numbers_add_increment_decrement(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        Doc::sample("d").save(&db).await?;
        Doc::update_by_key(&db, "d").increment(Doc::COUNTER, 3).await?;
        Doc::update_by_key(&db, "d").decrement(Doc::DOTTED, 4).await?;
        Doc::update_by_key(&db, "d").add(Doc::COUNTER, 10).await?;
        let d = load(&db, "d").await?;
        assert_eq!((d.counter, d.dotted), (18, 6));

        // on a missing attribute: ADD and increment start from 0
        Doc::update_by_key(&db, "d").remove(Doc::WEIRD).remove(Doc::AMOUNT).await?;
        Doc::update_by_key(&db, "d").add(Doc::WEIRD, 2).increment(Doc::AMOUNT, 1.5).await?;
        let d = load(&db, "d").await?;
        assert_eq!((d.weird, d.amount), (Some(2), Some(1.5)));
        // on a missing item too (UpdateItem creates it)
        Doc::update_by_key(&db, "new")
            .increment(Doc::COUNTER, 1)
            .set(Doc::TITLE, "t")
            .set(Doc::UNICODE, "u")
            .set(Doc::DOTTED, 0)
            .await?;
        assert_eq!(load(&db, "new").await?.counter, 1);
        Ok(())
    }

    async fn sets_add_and_delete_members(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        Doc::sample("d").save(&db).await?;
        Doc::update_by_key(&db, "d")
            .add(Doc::TAGS, BTreeSet::from(["new".to_owned()]))
            .delete(Doc::NUMS, BTreeSet::from([1]))
            .await?;
        let d = load(&db, "d").await?;
        assert_eq!(d.tags, BTreeSet::from(["new".to_owned(), "red".to_owned(), "vip".to_owned()]));
        assert_eq!(d.nums, BTreeSet::from([2]));
        // deleting the last member removes the attribute (sets are never empty)
        Doc::update_by_key(&db, "d").delete(Doc::NUMS, BTreeSet::from([2])).await?;
        assert!(load(&db, "d").await?.nums.is_empty());
        // adding to a missing set creates it
        Doc::update_by_key(&db, "d").add(Doc::NUMS, BTreeSet::from([7, 8])).await?;
        assert_eq!(load(&db, "d").await?.nums, BTreeSet::from([7, 8]));
        Ok(())
    }

    async fn lists_append_and_prepend(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        Doc::sample("d").save(&db).await?;
        Doc::update_by_key(&db, "d").append(Doc::LIST, vec!["last".to_owned()]).await?;
        Doc::update_by_key(&db, "d").prepend(Doc::LIST, vec!["zero".to_owned()]).await?;
        assert_eq!(load(&db, "d").await?.list, ["zero", "first", "second", "last"]);
        // appending to a missing list creates it
        Doc::update_by_key(&db, "d").remove(Doc::LIST).await?;
        Doc::update_by_key(&db, "d").append(Doc::LIST, vec!["only".to_owned()]).await?;
        assert_eq!(load(&db, "d").await?.list, ["only"]);
        Ok(())
    }

    async fn several_actions_in_one_request(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        Doc::sample("d").save(&db).await?;
        db.reset_metrics();
        Doc::update_by_key(&db, "d")
            .set(Doc::TITLE, "x")
            .increment(Doc::COUNTER, 1)
            .add(Doc::TAGS, BTreeSet::from(["t".to_owned()]))
            .delete(Doc::NUMS, BTreeSet::from([1]))
            .append(Doc::LIST, vec!["z".to_owned()])
            .remove(Doc::WEIRD)
            .await?;
        assert_eq!(db.metrics().requests, 1);
        let d = load(&db, "d").await?;
        assert_eq!((d.title.as_str(), d.counter, d.weird), ("x", 6, None));
        assert!(d.tags.contains("t") && !d.nums.contains(&1) && d.list.last().map(String::as_str) == Some("z"));
        Ok(())
    }

    async fn conflicting_paths_are_a_validation_error(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        Doc::sample("d").save(&db).await?;
        let r = Doc::update_by_key(&db, "d").set(Doc::TITLE, "a").set(Doc::TITLE, "b").await;
        assert!(matches!(r, Err(Error::Validation { .. })), "{r:?}");
        assert_eq!(load(&db, "d").await?.title, "Report", "nothing was written");
        Ok(())
    }

    async fn update_condition_refuses_missing_item(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        let r = Doc::update_by_key(&db, "ghost").set(Doc::TITLE, "x").condition(Doc::ID.exists()).await;
        assert!(matches!(r, Err(Error::ConditionalCheckFailed { item: None })), "{r:?}");
        assert!(Doc::get(&db, "ghost").await?.is_none());
        Ok(())
    }
}
