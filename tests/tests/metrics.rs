//! Every request records what DynamoDB reported it cost, on both backends,
//! with the same figures.

use dynox_core::prelude::*;
use dynox_core::OperationKind;
use dynox_tests::backend_tests;
use dynox_tests::models::User;

fn last(db: &Dynox) -> dynox_core::OperationRecord {
    db.last_operation().expect("a request was recorded")
}

backend_tests! {
    async fn capacity_bytes_and_items_per_request(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        // about 3,030 bytes by DynamoDB's rules: 3 write units, one 4 KB read block
        let user = User::new("U", "P", &"x".repeat(3000));
        user.save(&db).await?;
        let put = last(&db);
        assert_eq!(put.kind, OperationKind::PutItem);
        assert_eq!(put.table, db.table_name::<User>());
        assert_eq!((put.wcu, put.rcu), (3.0, 0.0));
        assert!(put.bytes_sent > 3000 && put.bytes_sent < 3300, "{put:?}");
        assert_eq!(put.items, 1);
        assert!(put.succeeded);

        User::get(&db, "U", "P").await?;
        let get = last(&db);
        assert_eq!((get.kind, get.rcu, get.wcu), (OperationKind::GetItem, 0.5, 0.0));
        assert!(get.bytes_received > 3000, "{get:?}");
        User::get(&db, "U", "P").consistent_read(true).await?;
        assert_eq!(last(&db).rcu, 1.0);
        User::get(&db, "missing", "P").await?;
        assert_eq!((last(&db).items, last(&db).rcu), (0, 0.5));

        // UpdateItem is billed by the larger of the item before and after
        User::update_by_key(&db, "U", "P").set(User::NAME, "short").await?;
        let update = last(&db);
        assert_eq!((update.kind, update.wcu), (OperationKind::UpdateItem, 3.0));
        assert!(update.bytes_sent < 300, "{update:?}");

        User::delete_by_key(&db, "U", "P").await?;
        assert_eq!((last(&db).kind, last(&db).wcu), (OperationKind::DeleteItem, 1.0));
        Ok(())
    }

    async fn totals_per_client_and_per_table(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        db.reset_metrics();
        assert_eq!(db.metrics().requests, 0);
        for i in 0..3 {
            User::new(&format!("U{i}"), "P", "n").save(&db).await?;
        }
        User::get(&db, "U0", "P").await?;
        let m = db.metrics();
        assert_eq!(m.requests, 4);
        assert_eq!(m.total_wcu, 3.0);
        assert_eq!(m.total_rcu, 0.5);
        assert_eq!(m.items, 4);
        assert!(m.bytes_sent > 0 && m.bytes_received > 0);
        assert!(m.duration > std::time::Duration::ZERO);
        let table = db.table_name::<User>().into_owned();
        assert_eq!(m.tables[&table].requests, 4);
        assert_eq!(User::metrics(&db).total_wcu, 3.0);

        // failures are counted too
        let _ = User::get(&db.with_table_prefix("nope_"), "U", "P").await;
        assert_eq!(db.metrics().errors, 1);
        assert!(!db.last_operation().expect("recorded").succeeded);

        User::reset_metrics(&db);
        assert_eq!(User::metrics(&db).requests, 0);
        assert_eq!(db.metrics().requests, 1, "only the failed request to the other table is left");
        Ok(())
    }

    async fn scanned_counts_request_ids_and_counts_by_kind(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        for i in 0..10u32 {
            let mut u = User::new("U", &format!("{i}"), "n");
            u.age = i;
            u.save(&db).await?;
        }
        db.reset_metrics();
        let old = User::query(&db, "U").filter(User::AGE.ge(8)).all().await?;
        assert_eq!(old.len(), 2);
        let query = last(&db);
        assert_eq!((query.items, query.scanned), (2, 10), "{query:?}");
        // the embedded engine has no request ids; DynamoDB (Local) does
        assert_eq!(
            query.request_id.is_some(),
            db.transport().name() != "embedded",
            "{query:?}"
        );
        User::get(&db, "U", "1").await?;
        User::get(&db, "U", "2").await?;
        let m = db.metrics();
        assert_eq!(m.scanned_count, 10);
        assert_eq!(
            m.operations.into_iter().collect::<Vec<_>>(),
            vec![(OperationKind::GetItem, 2), (OperationKind::Query, 1)]
        );
        let table = db.table_metrics(&db.table_name::<User>());
        assert_eq!((table.scanned_count, table.operations.len()), (10, 2));
        db.reset_table_metrics(&db.table_name::<User>());
        assert!(db.metrics().operations.is_empty(), "subtracted with the table");
        Ok(())
    }
}

/// On AWS the sizes are the HTTP bodies' lengths, noted by the client;
/// dynox computes the same figures for a transport that notes none (the
/// embedded engine, or an `AwsTransport` given to `from_transport`).
#[cfg(feature = "dynamodb-local")]
#[tokio::test]
async fn measured_body_sizes_match_the_computed_ones() -> Result<()> {
    use dynox_core::transport::AwsTransport;
    let client = dynox_tests::local_sdk_client();
    let prefix = dynox_tests::unique_prefix();
    let measured = Dynox::from_client(client.clone()).with_table_prefix(prefix.clone());
    let computed = Dynox::from_transport(std::sync::Arc::new(AwsTransport::new(client)))
        .with_table_prefix(prefix);
    User::create_table(&measured).await?;
    // escapes, multi-byte text and numbers: where a computed size could be off
    let user = User::new("U \"1\"", "P\n", &format!("{}ü✓\u{1}", "x".repeat(3000)));
    let mut sizes = Vec::new();
    for db in [&measured, &computed] {
        let mut ops = Vec::new();
        let mut note = |db: &Dynox| {
            let op = db.last_operation().expect("a request was recorded");
            ops.push((op.kind, op.bytes_sent, op.bytes_received));
        };
        user.save(db).await?;
        note(db);
        User::get(db, "U \"1\"", "P\n").await?;
        note(db);
        assert_eq!(User::query(db, "U \"1\"").all().await?.len(), 1);
        note(db);
        assert!(
            ops.iter()
                .all(|(_, sent, received)| *sent > 3000 || *received > 3000),
            "{ops:?}"
        );
        sizes.push(ops);
    }
    assert_eq!(sizes[0], sizes[1]);
    User::delete_table(&measured).await?;
    Ok(())
}
