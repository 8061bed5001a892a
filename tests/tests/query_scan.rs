//! Queries and scans on both backends: paging through several 1 MB pages,
//! order, filters, projections, cursors, counts, indexes, parallel scan.

use dynox_core::prelude::*;
use dynox_core::{Cursor, Tracked};
use dynox_tests::backend_tests;
use dynox_tests::models::{Order, OrderSummary};
use futures::{StreamExt, TryStreamExt};
use std::collections::HashSet;

const ORDERS: usize = 5_000;

fn order(customer: &str, i: usize) -> Order {
    Order {
        customer: customer.into(),
        order_id: format!("ORDER#{i:05}"),
        status: if i.is_multiple_of(3) {
            "shipped".into()
        } else {
            "pending".into()
        },
        total: (i % 100) as u64,
        coupon: i.is_multiple_of(10).then(|| format!("C{i}")),
        body: "x".repeat(1000), // ~1 KB items: 5,000 of them span several 1 MB pages
    }
}

/// Writes `n` orders of one customer, 16 at a time.
async fn seed(db: &Dynox, customer: &str, n: usize) -> Result<()> {
    Order::create_table(db).if_not_exists().await?;
    futures::stream::iter(0..n)
        .map(|i| {
            let o = order(customer, i);
            async move { o.save(db).await }
        })
        .buffer_unordered(16)
        .try_collect::<Vec<()>>()
        .await?;
    Ok(())
}

fn ids(orders: &[Tracked<Order>]) -> Vec<String> {
    orders.iter().map(|o| o.order_id.clone()).collect()
}

backend_tests! {
    async fn key_attributes_filter_where_dynamodb_takes_them(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        for (customer, i) in [("A", 1), ("A", 2), ("B", 3)] {
            order(customer, i).save(&db).await?;
        }
        // a scan may filter on the table's keys
        let found = Order::scan(&db).filter(Order::CUSTOMER.eq("A") & Order::TOTAL.gt(1)).all().await?;
        assert_eq!(found.len(), 1);
        // so may a query of an index, on keys that are not the index's
        let found = Order::by_status().query(&db, "pending").filter(Order::CUSTOMER.eq("A") & Order::ORDER_ID.ne("ORDER#00001")).all().await?;
        assert_eq!(found.iter().map(|o| o.order_id.as_str()).collect::<Vec<_>>(), ["ORDER#00002"]);
        // and a write condition may name them
        let r = order("A", 1).save(&db).condition(Order::CUSTOMER.not_exists()).await;
        assert!(matches!(r, Err(Error::ConditionalCheckFailed { .. })), "{r:?}");
        // (a query of the table filtering on its keys does not compile:
        // dynox-core/tests/ui/filter_on_a_key_attribute.rs)
        Ok(())
    }

    async fn a_large_partition_streams_completely_in_order(db: Dynox) -> Result<()> {
        seed(&db, "C1", ORDERS).await?;
        db.reset_metrics();
        let all = Order::query(&db, "C1").all().await?;
        let expected: Vec<String> = (0..ORDERS).map(|i| format!("ORDER#{i:05}")).collect();
        assert_eq!(ids(&all), expected);
        let pages = db.metrics().requests;
        assert!(pages >= 5, "5 MB should take several 1 MB pages, took {pages}");

        let reversed = Order::query(&db, "C1").reverse().all().await?;
        let mut backwards = expected.clone();
        backwards.reverse();
        assert_eq!(ids(&reversed), backwards);

        assert_eq!(Order::query(&db, "C1").count().await?, ORDERS as u64);
        assert!(Order::query(&db, "nobody").all().await?.is_empty());
        Ok(())
    }

    async fn sort_key_conditions_filters_and_projections(db: Dynox) -> Result<()> {
        seed(&db, "C2", 300).await?;
        let range = Order::query(&db, "C2").sort_key_between("ORDER#00010", "ORDER#00019").all().await?;
        assert_eq!(ids(&range), (10..20).map(|i| format!("ORDER#{i:05}")).collect::<Vec<_>>());
        let prefix = Order::query(&db, "C2").sort_key_begins_with("ORDER#0029").all().await?;
        assert_eq!(prefix.len(), 10);
        assert_eq!(Order::query(&db, "C2").sort_key_gt("ORDER#00295").count().await?, 4);
        assert_eq!(Order::query(&db, "C2").sort_key_le("ORDER#00004").count().await?, 5);
        assert_eq!(Order::query(&db, "C2").sort_key_eq("ORDER#00007").all().await?.len(), 1);

        let shipped = Order::query(&db, "C2").filter(Order::STATUS.eq("shipped")).all().await?;
        assert_eq!(shipped.len(), 100);
        assert!(shipped.iter().all(|o| o.status == "shipped"));

        let summaries: Vec<OrderSummary> = Order::query(&db, "C2")
            .sort_key_lt("ORDER#00003")
            .project::<OrderSummary>()
            .all()
            .await?;
        assert_eq!(
            summaries,
            (0..3).map(|i| OrderSummary { order_id: format!("ORDER#{i:05}"), total: i }).collect::<Vec<_>>()
        );
        Ok(())
    }

    async fn limit_counts_before_the_filter_and_paging_goes_on(db: Dynox) -> Result<()> {
        seed(&db, "C3", 60).await?;
        db.reset_metrics();
        // 7 items evaluated per page, most filtered out: many pages are empty,
        // and the stream must go through all of them
        let rare = Order::query(&db, "C3").filter(Order::TOTAL.eq(59)).limit(7).all().await?;
        assert_eq!(ids(&rare), ["ORDER#00059"]);
        assert!(db.metrics().requests >= 9, "60 items / 7 per page; sent {}", db.metrics().requests);
        // a page can come back empty yet carry a cursor
        let first = Order::query(&db, "C3").filter(Order::TOTAL.eq(59)).limit(7).page().await?;
        assert!(first.items.is_empty() && first.next.is_some());
        Ok(())
    }

    /// dynox's own refusals are `Refused`, with nothing sent: text that is
    /// not a cursor, and `page()` of a parallel scan.
    async fn refusals_are_refused_and_send_nothing(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        db.reset_metrics();
        let bad = "not-a-cursor".parse::<Cursor>();
        assert!(matches!(bad, Err(Error::Refused { ref message }) if message.contains("cursor")), "{bad:?}");
        let page = Order::scan(&db).segments(2).page().await;
        assert!(matches!(page, Err(Error::Refused { ref message }) if message.contains("segment")), "{page:?}");
        assert_eq!(db.metrics().requests, 0, "nothing was sent");
        Ok(())
    }

    async fn a_cursor_resumes_exactly(db: Dynox) -> Result<()> {
        seed(&db, "C4", 250).await?;
        let mut seen = Vec::new();
        let mut cursor: Option<Cursor> = None;
        loop {
            let mut q = Order::query(&db, "C4").limit(40);
            if let Some(c) = cursor.take() {
                // through its text form, as an HTTP client would hand it back
                q = q.start_after(c.to_string().parse()?);
            }
            let page = q.page().await?;
            seen.extend(page.items.iter().map(|o| o.order_id.clone()));
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(seen, (0..250).map(|i| format!("ORDER#{i:05}")).collect::<Vec<_>>());
        Ok(())
    }

    async fn global_and_local_indexes(db: Dynox) -> Result<()> {
        seed(&db, "C5", 90).await?;
        // GSI: partition by status, sorted by total
        let shipped = Order::by_status().query(&db, "shipped").all().await?;
        assert_eq!(shipped.len(), 30);
        assert!(shipped.windows(2).all(|w| w[0].total <= w[1].total), "sorted by the index sort key");
        let cheap = Order::by_status().query(&db, "shipped").sort_key_lt(10).all().await?;
        assert_eq!(cheap.iter().map(|o| o.total).collect::<Vec<_>>(), [0, 3, 6, 9]);
        // LSI: the customer's orders by total
        let big = Order::by_total().query(&db, "C5").sort_key_ge(88).all().await?;
        assert_eq!(big.iter().map(|o| o.total).collect::<Vec<_>>(), [88, 89]);
        // sparse GSI: only orders with a coupon are in it
        assert_eq!(Order::by_coupon().scan(&db).count().await?, 9);
        let c = Order::by_coupon().query(&db, "C40").all().await?;
        assert_eq!(ids(&c), ["ORDER#00040"]);
        Ok(())
    }

    async fn parallel_scan_returns_every_item_once(db: Dynox) -> Result<()> {
        seed(&db, "C6", 400).await?;
        seed(&db, "C7", 100).await?;
        let items = Order::scan(&db).segments(4).all().await?;
        let keys: HashSet<(String, String)> =
            items.iter().map(|o| (o.customer.clone(), o.order_id.clone())).collect();
        assert_eq!(items.len(), 500);
        assert_eq!(keys.len(), 500, "no item twice");
        assert_eq!(Order::scan(&db).segments(3).count().await?, 500);
        let filtered = Order::scan(&db).filter(Order::CUSTOMER.eq("C7")).all().await?;
        assert_eq!(filtered.len(), 100);
        let views: Vec<OrderSummary> = Order::scan(&db).project::<OrderSummary>().all().await?;
        assert_eq!(views.len(), 500);
        Ok(())
    }

    async fn streams_hold_one_page_and_stop_when_dropped(db: Dynox) -> Result<()> {
        seed(&db, "C8", 3000).await?;
        db.reset_metrics();
        let first_ten: Vec<_> = Order::query(&db, "C8").stream().take(10).try_collect().await?;
        assert_eq!(first_ten.len(), 10);
        assert_eq!(db.metrics().requests, 1, "taking 10 items reads one page, not the partition");
        Ok(())
    }
}
