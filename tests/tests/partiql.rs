//! PartiQL on both backends: typed parameters (never spliced into the
//! text), rows read as models, paging by NextToken, errors as for the other
//! operations, capacity and bytes in the metrics.

use dynox_core::metrics::OperationKind;
use dynox_core::partiql::{Partiql, MAX_BATCH_STATEMENTS, MAX_TRANSACTION_STATEMENTS};
use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::{Order, OrderSummary};

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

/// Checks that a statement's capacity counts on the side it used. DynamoDB
/// Local reports no capacity for PartiQL (measured: no ConsumedCapacity in
/// its responses, with ReturnConsumedCapacity TOTAL); DynamoDB and the
/// embedded engine do.
fn counted_as(db: &Dynox, read: bool) {
    let op = db.last_operation().expect("a record");
    let (this, other) = if read {
        (op.rcu, op.wcu)
    } else {
        (op.wcu, op.rcu)
    };
    assert_eq!(other, 0.0, "{op:?}");
    if db.transport().name() == "embedded" {
        assert!(this > 0.0, "{op:?}");
    }
}

fn insert(db: &Dynox) -> String {
    format!(
        r#"INSERT INTO "{}" VALUE {{'customer': ?, 'order_id': ?, 'status': ?, 'total': ?, 'body': ?}}"#,
        db.table_name::<Order>()
    )
}

fn insert_order(db: &Dynox, o: &Order) -> Partiql {
    Partiql::new(insert(db))
        .bind(&*o.customer)
        .bind(&*o.order_id)
        .bind(&*o.status)
        .bind(o.total)
        .bind(&*o.body)
}

backend_tests! {
    async fn a_select_reads_models_page_by_page(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        let mut saved = Vec::new();
        for i in 0..30 {
            let o = order(&format!("o{i:02}"), i);
            o.save(&db).await?;
            saved.push(o);
        }
        let mut other = order("o01", 1);
        other.customer = "d".into();
        other.save(&db).await?;
        let select = format!(r#"SELECT * FROM "{}" WHERE customer = ?"#, db.table_name::<Order>());

        let first = db.statement(&select).bind("c").limit(10).model::<Order>().page().await?;
        assert_eq!(first.items.len(), 10);
        let token = first.next_token.expect("more pages");
        let second = db.statement(&select).bind("c").limit(10).start_after(token).page().await?;
        assert_eq!(second.items.len(), 10);
        assert!(second.items.iter().all(|i| !first.items.iter().any(|f| Some(&f.order_id) == i.get("order_id").and_then(|v| v.as_s().ok()))));

        let mut all: Vec<Order> = db
            .statement(&select)
            .bind("c")
            .limit(7)
            .model::<Order>()
            .all()
            .await?
            .into_iter()
            .map(Tracked::into_inner)
            .collect();
        all.sort_by(|a, b| a.order_id.cmp(&b.order_id));
        assert_eq!(all, saved, "every row, across five pages");

        let summaries = db
            .statement(format!(r#"SELECT order_id, total FROM "{}" WHERE customer = ? AND order_id = ?"#, db.table_name::<Order>()))
            .bind("c")
            .bind("o07")
            .project::<OrderSummary>()
            .all()
            .await?;
        assert_eq!(summaries, vec![OrderSummary { order_id: "o07".into(), total: 7 }]);

        let op = db.last_operation().expect("a record");
        assert_eq!(op.kind, OperationKind::ExecuteStatement);
        assert_eq!(op.table, db.table_name::<Order>());
        counted_as(&db, true);
        assert!(op.bytes_sent > 0 && op.bytes_received > 0 && op.items == 1, "{op:?}");
        Ok(())
    }

    async fn writes_bind_values_that_cannot_change_the_statement(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        let table = db.table_name::<Order>();
        // quotes in a value would end a spliced string literal; bound, they are data
        let mut tricky = order("o1", 5);
        tricky.body = "it's' OR customer <> '".into();
        db.run_statement(insert_order(&db, &tricky)).await?;
        counted_as(&db, false);
        assert_eq!(Order::get(&db, "c", "o1").await?.map(Tracked::into_inner), Some(tricky));

        db.statement(format!(r#"UPDATE "{table}" SET total = ? SET coupon = ? WHERE customer = ? AND order_id = ?"#))
            .bind(9u64)
            .bind(Some(String::from("SAVE")))
            .bind("c")
            .bind("o1")
            .await?;
        let o = Order::get(&db, "c", "o1").await?.expect("updated");
        assert_eq!((o.total, o.coupon.as_deref()), (9, Some("SAVE")));

        let rows = db
            .statement(format!(r#"DELETE FROM "{table}" WHERE customer = ? AND order_id = ?"#))
            .bind("c")
            .bind("o1")
            .await?;
        assert!(rows.is_empty());
        assert!(Order::get(&db, "c", "o1").await?.is_none());
        Ok(())
    }

    async fn failures_are_typed_errors(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        let table = db.table_name::<Order>();
        order("o1", 5).save(&db).await?;

        let dup = db.run_statement(insert_order(&db, &order("o1", 6))).await.unwrap_err();
        assert!(
            matches!(&dup, Error::Backend(b) if b.code == "DuplicateItemException"),
            "{dup:?}"
        );
        assert_eq!(Order::get(&db, "c", "o1").await?.map(|o| o.total), Some(5), "nothing overwritten");

        // a WHERE on a non-key attribute is the write's condition
        let failed = db
            .statement(format!(r#"UPDATE "{table}" SET total = ? WHERE customer = ? AND order_id = ? AND total = ?"#))
            .bind(7u64)
            .bind("c")
            .bind("o1")
            .bind(4u64)
            .await
            .unwrap_err();
        assert!(matches!(failed, Error::ConditionalCheckFailed { .. }), "{failed:?}");
        assert_eq!(Order::get(&db, "c", "o1").await?.map(|o| o.total), Some(5));

        let bad = db.statement(format!(r#"SELEC * FROM "{table}""#)).await.unwrap_err();
        assert!(matches!(bad, Error::Validation { .. }), "{bad:?}");

        // a row that lacks a field the model needs
        let partial = db
            .statement(format!(r#"SELECT order_id FROM "{table}" WHERE customer = ?"#))
            .bind("c")
            .model::<Order>()
            .all()
            .await
            .unwrap_err();
        assert!(matches!(&partial, Error::Deserialize { field, .. } if field == "customer"), "{partial:?}");
        Ok(())
    }

    async fn a_batch_reports_each_statement_on_its_own(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        let table = db.table_name::<Order>();
        order("o1", 5).save(&db).await?;

        let outcomes = db
            .batch_statements()
            .statement(insert_order(&db, &order("o1", 6)))
            .statement(insert_order(&db, &order("o2", 7)))
            .await?;
        assert_eq!(outcomes.len(), 2);
        assert!(matches!(&outcomes[0], Err(Error::Backend(b)) if b.code == "DuplicateItemException"), "{outcomes:?}");
        assert!(matches!(&outcomes[1], Ok(None)), "{outcomes:?}");
        assert_eq!(Order::get(&db, "c", "o2").await?.map(|o| o.total), Some(7));

        let select = format!(r#"SELECT * FROM "{table}" WHERE customer = ? AND order_id = ?"#);
        let rows = db
            .batch_statements()
            .consistent_read(true)
            .statement(Partiql::new(&select).bind("c").bind("o2"))
            .statement(Partiql::new(&select).bind("c").bind("missing"))
            .await?;
        let found = rows[0].as_ref().expect("read").clone().expect("o2");
        assert_eq!(Order::from_item(found)?.total, 7);
        assert!(matches!(rows[1], Ok(None)), "{rows:?}");
        let op = db.last_operation().expect("a record");
        assert_eq!(op.kind, OperationKind::BatchExecuteStatement);
        counted_as(&db, true);

        let before = db.metrics().requests;
        let too_many = (0..=MAX_BATCH_STATEMENTS).fold(db.batch_statements(), |b, i| {
            b.statement(insert_order(&db, &order(&format!("n{i}"), 1)))
        });
        let err = too_many.await.unwrap_err();
        assert!(matches!(err, Error::Refused { .. }), "{err:?}");
        assert_eq!(db.metrics().requests, before, "refused before sending");
        Ok(())
    }

    async fn a_transaction_applies_every_statement_or_none(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        let table = db.table_name::<Order>();
        order("o1", 5).save(&db).await?;

        // sent twice with one token (a retry): applied once
        let token = format!("{table}-1");
        for _ in 0..2 {
            db.transact_statements()
                .statement(insert_order(&db, &order("o2", 2)))
                .statement(Partiql::new(format!(r#"UPDATE "{table}" SET total = total + ? WHERE customer = ? AND order_id = ?"#)).bind(1u64).bind("c").bind("o1"))
                .idempotency_token(&token)
                .await?;
        }
        assert_eq!(Order::get(&db, "c", "o1").await?.map(|o| o.total), Some(6));
        assert_eq!(Order::get(&db, "c", "o2").await?.map(|o| o.total), Some(2));

        let err = db
            .transact_statements()
            .statement(insert_order(&db, &order("o3", 3)))
            .statement(Partiql::new(format!(r#"UPDATE "{table}" SET total = ? WHERE customer = ? AND order_id = ? AND total = ?"#)).bind(1u64).bind("c").bind("o1").bind(99u64))
            .await
            .unwrap_err();
        let Error::TransactionCanceled { reasons } = &err else {
            panic!("expected TransactionCanceled, got {err:?}");
        };
        assert_eq!(reasons.len(), 2);
        assert!(reasons[0].is_none());
        assert_eq!(reasons[1].as_ref().map(|r| r.code.as_str()), Some("ConditionalCheckFailed"));
        assert!(Order::get(&db, "c", "o3").await?.is_none(), "nothing applied");

        let select = format!(r#"SELECT * FROM "{table}" WHERE customer = ? AND order_id = ?"#);
        let rows = db
            .transact_statements()
            .statement(Partiql::new(&select).bind("c").bind("o1"))
            .statement(Partiql::new(&select).bind("c").bind("o9"))
            .await?;
        assert_eq!(rows.len(), 2);
        assert!(rows[0].is_some() && rows[1].is_none(), "{rows:?}");
        let op = db.last_operation().expect("a record");
        assert_eq!(op.kind, OperationKind::ExecuteTransaction);
        counted_as(&db, true);

        let too_many = (0..=MAX_TRANSACTION_STATEMENTS).fold(db.transact_statements(), |t, i| {
            t.statement(insert_order(&db, &order(&format!("n{i}"), 1)))
        });
        assert!(matches!(too_many.await.unwrap_err(), Error::Refused { .. }));
        Ok(())
    }
}
