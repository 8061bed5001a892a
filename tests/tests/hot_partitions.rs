//! Hot-partition diagnostics on both backends: the key that takes the
//! traffic is found among many, in bounded memory, with a warning, and
//! leaves the record when the window moves past it.

use dynox_core::hot::HotPartitions;
use dynox_core::prelude::*;
use dynox_core::testing::ManualClock;
use dynox_tests::backend_tests;
use dynox_tests::models::Order;
use std::time::Duration;

fn order(customer: &str, id: u32) -> Order {
    Order {
        customer: customer.into(),
        order_id: format!("o{id}"),
        status: "open".into(),
        total: 1,
        coupon: None,
        body: String::new(),
    }
}

backend_tests! {
    async fn the_hot_key_is_found_among_many_in_bounded_memory(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        let clock = ManualClock::new();
        let hot = HotPartitions::new().with_clock(clock.clone());
        let watched = db.with_hot_partitions(hot.clone());
        for i in 0..300 {
            order("big", i).save(&watched).await?;
            if i % 3 == 0 {
                // 100 other customers, a couple of writes each
                order(&format!("c{i}"), 0).save(&watched).await?;
                order(&format!("c{i}"), 1).save(&watched).await?;
            }
        }
        let big = Order::query(&watched, "big").all().await?;
        assert_eq!(big.len(), 300);

        let top = hot.top(3);
        assert_eq!(top[0].table, db.table_name::<Order>());
        assert_eq!(top[0].key, "big");
        assert!(top[0].requests >= 301, "300 puts and a query: {top:?}");
        assert!(top[0].write_units >= 300.0, "{top:?}");
        let units_per_put = top[0].write_units / 300.0;
        assert!(top[1].read_units + top[1].write_units < top[0].write_units / 10.0);
        assert!(hot.top(usize::MAX).len() <= 6 * 32, "bounded by the sketch");
        assert!(hot.warnings() >= 1, "60% of the table's units on one key");

        clock.advance(Duration::from_secs(61));
        assert!(hot.top(1).is_empty(), "out of the window");

        // the next slice reuses an expired one's memory: it starts empty
        let warned = hot.warnings();
        for i in 0..150 {
            order("big", 1_000 + i).save(&watched).await?;
        }
        let top = hot.top(usize::MAX);
        assert_eq!(top.len(), 1, "{top:?}");
        assert_eq!((top[0].key.as_str(), top[0].requests), ("big", 150));
        assert!(
            (top[0].write_units - 150.0 * units_per_put).abs() < 1e-9,
            "nothing inherited: {top:?}"
        );
        assert!(hot.warnings() > warned, "warned again in the new slice");
        Ok(())
    }
}
