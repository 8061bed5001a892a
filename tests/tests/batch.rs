//! Batch get and batch write on both backends: any number of items, split
//! into DynamoDB's limits, nothing lost under injected faults.

use dynox_core::prelude::*;
use dynox_core::{RetryPolicy, Unprocessed};
use dynox_tests::backend_tests;
use dynox_tests::faults::FaultyTransport;
use dynox_tests::models::{Counter, Order, OrderKey, OrderSummary, User, UserKey};
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;
use std::time::Duration;

fn users(n: usize) -> Vec<User> {
    (0..n)
        .map(|i| {
            let mut u = User::new(
                &format!("U#{}", i % 97),
                &format!("S#{i:05}"),
                &format!("user {i}"),
            );
            u.age = i as u32;
            u
        })
        .collect()
}

fn keys(users: &[User]) -> Vec<UserKey> {
    users.iter().map(User::key).collect()
}

/// A client on the same backend and table prefix whose batches meet faults.
fn faulty(db: &Dynox, unprocessed: f64, throttle: f64) -> (Dynox, Arc<FaultyTransport>) {
    let faults = Arc::new(FaultyTransport::new(
        db.transport().clone(),
        unprocessed,
        throttle,
        &["pk", "sk"],
    ));
    let client = Dynox::from_transport(faults.clone()).with_table_prefix(db.table_prefix());
    (client, faults)
}

fn quick_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(20),
    }
}

async fn count_items(db: &Dynox) -> Result<u64> {
    User::scan(db).count().await
}

backend_tests! {
    async fn ten_thousand_items_in_one_call_each(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let all = users(10_000);
        db.reset_metrics();
        let report = db.batch_write().put_all(&all).await?;
        assert_eq!(
            (report.written, report.coalesced, report.requests, report.retries),
            (10_000, 0, 400, 0)
        );
        let m = db.metrics();
        assert_eq!(m.requests, 400, "10,000 writes in requests of 25");
        assert!(m.total_wcu >= 10_000.0, "each 1 KB-or-less put costs a write unit: {}", m.total_wcu);
        assert_eq!(count_items(&db).await?, 10_000);

        db.reset_metrics();
        let read = User::batch_get(&db, keys(&all)).await?;
        assert_eq!(db.metrics().requests, 100, "10,000 keys in requests of 100");
        let mut read: Vec<User> = read.into_iter().map(Tracked::into_inner).collect();
        read.sort_by(|a, b| a.sk.cmp(&b.sk));
        assert_eq!(read, all);
        Ok(())
    }

    async fn faults_lose_nothing_and_duplicate_nothing(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let all = users(10_000);
        let (flaky, faults) = faulty(&db, 0.3, 0.1);
        let report = flaky
            .batch_write()
            .put_all(&all)
            .retry(quick_retries(30))
            .await?;
        assert_eq!(report.written, 10_000);
        assert!(report.retries > 100, "the faults forced retries: {report:?}");
        {
            let log = faults.log();
            assert!(log.held_back > 2_000 && log.throttled > 20, "faults were injected: {log:?}");
            assert_eq!(log.writes.len(), 10_000, "every item was passed on");
            assert!(log.writes.values().all(|&n| n == 1), "no item was written twice");
        }
        assert_eq!(count_items(&db).await?, 10_000);

        let read = User::batch_get(&flaky, keys(&all)).retry(quick_retries(30)).await?;
        assert_eq!(read.len(), 10_000);
        let distinct: HashSet<(String, String)> =
            read.iter().map(|u| (u.pk.clone(), u.sk.clone())).collect();
        assert_eq!(distinct.len(), 10_000, "each item read once");
        let log = faults.log();
        assert_eq!(log.reads.len(), 10_000);
        assert!(log.reads.values().all(|&n| n == 1), "no key was read twice");
        Ok(())
    }

    async fn giving_up_lists_every_request_not_done(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let all = users(60);
        // everything comes back unprocessed: nothing can be written
        let (stuck, faults) = faulty(&db, 1.0, 0.0);
        let err = stuck.batch_write().put_all(&all).retry(quick_retries(3)).await.unwrap_err();
        let Error::BatchIncomplete { unprocessed, cause, .. } = &err else {
            panic!("expected BatchIncomplete, got {err:?}");
        };
        assert_eq!(unprocessed.len(), 60, "{err}");
        let listed: BTreeSet<String> = unprocessed
            .iter()
            .map(|u| match u {
                Unprocessed::Put { item, .. } => item["sk"].as_s().cloned().unwrap_or_default(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(listed, all.iter().map(|u| u.sk.clone()).collect());
        assert!(matches!(**cause, Error::Throttled { .. }), "{cause:?}");
        assert!(err.to_string().contains("60 request(s) not done"), "{err}");
        assert!(faults.log().writes.is_empty());
        assert_eq!(count_items(&db).await?, 0);

        // the listed writes can be retried as they are, on a healthy client
        db.batch_write().put_all(&all).await?;
        let err = User::batch_get(&stuck, keys(&all)).retry(quick_retries(2)).await.unwrap_err();
        match err {
            Error::BatchIncomplete { unprocessed, read, .. } => {
                assert_eq!(unprocessed.len(), 60);
                assert!(read.is_empty());
                assert!(unprocessed.iter().all(|u| matches!(u, Unprocessed::Get { .. })));
            }
            other => panic!("{other:?}"),
        }
        Ok(())
    }

    async fn partial_progress_is_kept_when_a_batch_gives_up(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let all = users(200);
        // half the items come back each time and retries are cut short:
        // what was written is stored, the rest is listed, nothing is both
        let (flaky, _) = faulty(&db, 0.5, 0.0);
        let result = flaky.batch_write().put_all(&all).concurrency(1).retry(quick_retries(1)).await;
        let listed: HashSet<String> = match result {
            Ok(_) => HashSet::new(),
            Err(Error::BatchIncomplete { unprocessed, .. }) => unprocessed
                .iter()
                .map(|u| match u {
                    Unprocessed::Put { item, .. } => item["sk"].as_s().cloned().unwrap_or_default(),
                    other => panic!("{other:?}"),
                })
                .collect(),
            Err(other) => return Err(other),
        };
        let stored: HashSet<String> = User::scan(&db).all().await?.into_iter().map(|u| u.sk.clone()).collect();
        assert!(stored.is_disjoint(&listed));
        assert_eq!(stored.len() + listed.len(), 200_usize, "every item is stored or listed");
        Ok(())
    }

    async fn two_writes_to_one_key_coalesce_last_wins(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let mut first = User::new("A", "1", "first");
        first.age = 1;
        let mut second = first.clone();
        second.name = "second".into();
        let gone = User::new("A", "2", "gone");
        gone.save(&db).await?;
        let report = db
            .batch_write()
            .put(&first)
            .delete(gone.key())
            .put(&second)
            .put(&gone)
            .delete(gone.key())
            .await?;
        assert_eq!((report.written, report.coalesced, report.requests), (2, 3, 1));
        let stored = User::get(&db, "A", "1").await?.map(Tracked::into_inner);
        assert_eq!(stored, Some(second));
        assert!(User::get(&db, "A", "2").await?.is_none());
        Ok(())
    }

    async fn mixed_models_and_tables_in_one_batch(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        Order::create_table(&db).await?;
        let u = User::new("U", "1", "Ann");
        let old = Order { customer: "c".into(), order_id: "old".into(), status: "open".into(), total: 1, coupon: None, body: String::new() };
        old.save(&db).await?;
        let orders: Vec<Order> = (0..30)
            .map(|i| Order { order_id: format!("o{i:02}"), total: i, ..old.clone() })
            .collect();
        let report = db
            .batch_write()
            .put_all(&orders)
            .delete(old.key())
            .put(&u)
            .concurrency(1)
            .await?;
        assert_eq!((report.written, report.requests), (32, 2));
        // a request over two tables is recorded under both names, sorted
        let label = db.last_operation().map(|r| r.table).unwrap_or_default();
        assert_eq!(label, format!("{},{}", db.table_name::<Order>(), db.table_name::<User>()));
        assert_eq!(Order::query(&db, "c").count().await?, 30);
        assert!(User::get(&db, "U", "1").await?.is_some());
        Ok(())
    }

    async fn batch_get_skips_missing_reads_duplicates_once_and_projects(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        let orders: Vec<Order> = (0..150)
            .map(|i| Order { customer: "c".into(), order_id: format!("o{i:03}"), status: "open".into(), total: i, coupon: None, body: "x".repeat(100) })
            .collect();
        db.batch_write().put_all(&orders).await?;
        let mut wanted: Vec<OrderKey> = orders.iter().map(Order::key).collect();
        wanted.extend(orders[..10].iter().map(Order::key)); // duplicates
        wanted.push(OrderKey { customer: "c".into(), order_id: "missing".into() });
        let read = Order::batch_get(&db, wanted.clone()).consistent_read(true).await?;
        assert_eq!(read.len(), 150);
        let summaries: Vec<OrderSummary> = Order::batch_get(&db, wanted).project::<OrderSummary>().await?;
        let mut totals: Vec<u64> = summaries.iter().map(|s| s.total).collect();
        totals.sort_unstable();
        assert_eq!(totals, (0..150).collect::<Vec<u64>>());
        assert!(Order::batch_get(&db, Vec::new()).await?.is_empty());
        Ok(())
    }

    async fn batch_refuses_an_oversized_item_before_sending(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let mut big = User::new("B", "1", "big");
        big.name = "x".repeat(400 * 1024);
        db.reset_metrics();
        let err = db.batch_write().put(&User::new("B", "0", "ok")).put(&big).await.unwrap_err();
        assert!(matches!(err, Error::ItemTooLarge { .. }), "{err:?}");
        assert_eq!(db.metrics().requests, 0, "nothing was sent");
        Ok(())
    }

    async fn batch_put_of_a_versioned_model_stores_the_next_version(db: Dynox) -> Result<()> {
        Counter::create_table(&db).await?;
        let c = Counter { id: "c".into(), count: 5, note: None, version: 0 };
        db.batch_write().put(&c).await?;
        let mut loaded = Counter::get(&db, "c").await?.expect("stored");
        assert_eq!(loaded.version, 1);
        // and the normal versioned save continues from there
        loaded.count += 1;
        loaded.save(&db).await?;
        assert_eq!(Counter::get(&db, "c").await?.map(|c| c.version), Some(2));
        Ok(())
    }
}
