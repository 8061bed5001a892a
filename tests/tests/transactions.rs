//! Transactions on both backends: all or nothing, with the reason per item.

use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::{Counter, CounterKey, Order, OrderKey, User, UserKey};

fn order(id: &str, total: u64) -> Order {
    Order {
        customer: "c".into(),
        order_id: id.into(),
        status: "open".into(),
        total,
        coupon: None,
        body: String::new(),
    }
}

backend_tests! {
    async fn every_action_applies_together(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        Order::create_table(&db).await?;
        let mut payer = User::new("U", "1", "payer");
        payer.age = 10;
        payer.save(&db).await?;
        order("gone", 1).save(&db).await?;
        order("kept", 2).save(&db).await?;

        db.transact_write()
            .put(&order("new", 3))
            .update(payer.key(), |u| u.add(User::AGE, 5).set(User::STATUS, "paid"))
            .delete(OrderKey { customer: "c".into(), order_id: "gone".into() })
            .check(OrderKey { customer: "c".into(), order_id: "kept".into() }, Order::TOTAL.eq(2))
            .await?;

        let payer = User::get(&db, "U", "1").await?.expect("payer");
        assert_eq!((payer.age, payer.status.as_str()), (15, "paid"));
        assert!(Order::get(&db, "c", "new").await?.is_some());
        assert!(Order::get(&db, "c", "gone").await?.is_none());
        let op = db.last_operation().expect("a record");
        assert_eq!(op.kind.as_str(), "GetItem");
        Ok(())
    }

    async fn a_failing_condition_writes_nothing_and_names_the_item(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        Order::create_table(&db).await?;
        let mut payer = User::new("U", "1", "payer");
        payer.age = 3;
        payer.save(&db).await?;

        let err = db
            .transact_write()
            .put(&order("o1", 10))
            .update(payer.key(), |u| u.decrement(User::AGE, 10).condition(User::AGE.ge(10)))
            .delete(UserKey { pk: "U".into(), sk: "2".into() })
            .await
            .unwrap_err();
        let Error::TransactionCanceled { reasons } = &err else {
            panic!("expected TransactionCanceled, got {err:?}");
        };
        assert_eq!(reasons.len(), 3, "one reason per action: {reasons:?}");
        assert!(reasons[0].is_none() && reasons[2].is_none(), "{reasons:?}");
        let failed = reasons[1].as_ref().expect("the update failed");
        assert_eq!(failed.code, "ConditionalCheckFailed");
        let stored = failed.item.clone().map(User::from_item).transpose()?;
        assert_eq!(stored, Some(payer.clone()), "the stored item comes with the reason");
        assert!(err.to_string().contains("item 1: ConditionalCheckFailed"), "{err}");

        // nothing was written
        assert!(Order::get(&db, "c", "o1").await?.is_none());
        assert_eq!(User::get(&db, "U", "1").await?.map(|u| u.age), Some(3));
        Ok(())
    }

    async fn versioned_puts_check_and_advance_the_version(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        let fresh = Counter { id: "a".into(), count: 1, note: None, version: 0 };
        db.transact_write().put(&fresh).await?;
        let loaded = Counter::get(&db, "a").await?.expect("stored").into_inner();
        assert_eq!(loaded.version, 1);

        // a stale copy (version 0 says "must not exist") cancels the transaction
        let err = db.transact_write().put(&fresh).await.unwrap_err();
        match &err {
            Error::TransactionCanceled { reasons } => {
                assert_eq!(reasons[0].as_ref().map(|r| r.code.as_str()), Some("ConditionalCheckFailed"))
            }
            other => panic!("{other:?}"),
        }
        let mut next = loaded.clone();
        next.count = 2;
        db.transact_write().put(&next).await?;
        assert_eq!(Counter::get(&db, "a").await?.map(|c| (c.count, c.version)), Some((2, 2)));

        // delete_value checks the version too
        let err = db.transact_write().delete_value(&loaded).await.unwrap_err();
        assert!(matches!(err, Error::TransactionCanceled { .. }), "{err:?}");
        next.version = 2;
        db.transact_write().delete_value(&next).await?;
        assert!(Counter::get(&db, "a").await?.is_none());
        Ok(())
    }

    async fn an_idempotency_token_applies_a_retried_transaction_once(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        Counter { id: "k".into(), count: 0, note: None, version: 0 }.save(&db).await?;
        let key = CounterKey { id: "k".into() };
        // tokens are account-wide for 10 minutes: each test run needs its own
        let token = |n: u32| format!("{}token-{n}", db.table_prefix());
        for _ in 0..3 {
            db.transact_write()
                .update(key.clone(), |u| u.add(Counter::COUNT, 1))
                .idempotency_token(token(1))
                .await?;
        }
        assert_eq!(Counter::get(&db, "k").await?.map(|c| c.count), Some(1));
        db.transact_write()
            .update(key.clone(), |u| u.add(Counter::COUNT, 1))
            .idempotency_token(token(2))
            .await?;
        assert_eq!(Counter::get(&db, "k").await?.map(|c| c.count), Some(2));
        // a token reused for a different transaction is refused, with DynamoDB's code
        let err = db
            .transact_write()
            .update(key, |u| u.add(Counter::COUNT, 5))
            .idempotency_token(token(1))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Backend(b) if b.code == "IdempotentParameterMismatchException"),
            "{err:?}"
        );
        assert_eq!(Counter::get(&db, "k").await?.map(|c| c.count), Some(2));
        Ok(())
    }

    async fn read_transactions_return_items_in_order(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        Order::create_table(&db).await?;
        User::new("U", "1", "Ann").save(&db).await?;
        order("o1", 7).save(&db).await?;
        let got = db
            .transact_get()
            .get(OrderKey { customer: "c".into(), order_id: "o1".into() })
            .get(UserKey { pk: "U".into(), sk: "missing".into() })
            .get(UserKey { pk: "U".into(), sk: "1".into() })
            .await?;
        assert_eq!(got.len(), 3);
        assert_eq!(got.get::<Order>(0)?.map(|o| o.total), Some(7));
        assert!(got.get::<User>(1)?.is_none());
        assert_eq!(got.get::<User>(2)?.map(|u| u.name.clone()), Some("Ann".to_owned()));
        // reading an item as the wrong model, or past the end, is an error, not a panic
        assert!(matches!(got.get::<User>(0), Err(Error::Deserialize { .. })));
        assert!(matches!(got.get::<User>(3), Err(Error::Refused { .. })));
        Ok(())
    }

    async fn limits_are_checked_before_sending(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        db.reset_metrics();
        let mut tx = db.transact_write();
        for i in 0..101 {
            tx = tx.put(&User::new("U", &i.to_string(), "n"));
        }
        let err = tx.await.unwrap_err();
        assert!(matches!(&err, Error::Validation { message } if message.contains("at most 100")), "{err:?}");
        let big: Vec<User> = (0..12)
            .map(|i| {
                let mut u = User::new("U", &i.to_string(), "");
                u.name = "x".repeat(390 * 1024);
                u
            })
            .collect();
        let err = db.transact_write().put(&big[0]).put(&big[1]).put(&big[2]).put(&big[3]).put(&big[4])
            .put(&big[5]).put(&big[6]).put(&big[7]).put(&big[8]).put(&big[9]).put(&big[10]).put(&big[11])
            .await
            .unwrap_err();
        assert!(matches!(&err, Error::Validation { message } if message.contains("bytes")), "{err:?}");
        let err = db.transact_write().update(UserKey { pk: "U".into(), sk: "1".into() }, |u| u).await.unwrap_err();
        assert!(matches!(err, Error::Refused { .. }), "{err:?}");
        assert_eq!(db.metrics().requests, 0, "nothing was sent");
        // 100 actions are fine
        let mut tx = db.transact_write();
        for i in 0..100 {
            tx = tx.put(&User::new("U", &i.to_string(), "n"));
        }
        tx.await?;
        assert_eq!(User::query(&db, "U").count().await?, 100);
        Ok(())
    }

    async fn two_actions_on_one_item_are_dynamodbs_validation_error(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let u = User::new("U", "1", "Ann");
        let err = db.transact_write().put(&u).delete(u.key()).await.unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err:?}");
        assert!(User::get(&db, "U", "1").await?.is_none());
        Ok(())
    }
}
