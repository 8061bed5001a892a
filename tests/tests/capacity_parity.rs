//! The embedded engine reports the consumed capacity DynamoDB Local reports,
//! for the same requests on items of 1, 4 and 10 KB; prints the table the
//! smart-save docs quote (`-- --nocapture`).
#![cfg(feature = "dynamodb-local")]

use dynox_core::prelude::*;
use dynox_tests::models::Profile;
use dynox_tests::{connect, Backend};

/// (operation, size label, rcu, wcu, bytes sent) for every measured request.
async fn measure(db: &Dynox) -> Result<Vec<(String, usize, f64, f64, u64)>> {
    Profile::create_table(db).await?;
    let mut rows = Vec::new();
    for kb in [1usize, 4, 10] {
        // the bio makes the item just under `kb` KB by DynamoDB's rules
        let pk = format!("P{kb}");
        let base = Profile::new(&pk, 0).item_size();
        let value = Profile::new(&pk, kb * 1024 - base - 10);
        assert!(value.item_size() <= kb * 1024);
        let mut record = |op: &str, db: &Dynox| {
            let o = db.last_operation().expect("recorded");
            rows.push((op.to_owned(), kb, o.rcu, o.wcu, o.bytes_sent));
        };
        value.save(db).await?;
        record("PutItem", db);
        let mut t = Profile::get(db, &pk, "PROFILE").await?.expect("saved");
        record("GetItem (eventual)", db);
        Profile::get(db, &pk, "PROFILE")
            .consistent_read(true)
            .await?;
        record("GetItem (strong)", db);
        t.name = "Jane".into();
        t.save(db).await?;
        record("smart save: UpdateItem of 1 field", db);
        t.name = "Bob".into();
        t.save(db).full_replace().await?;
        record("full replace: PutItem", db);
        t.delete(db).await?;
        record("DeleteItem", db);
    }
    Ok(rows)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consumed_capacity_matches_dynamodb_local() {
    let embedded = measure(&connect(Backend::Embedded))
        .await
        .expect("embedded");
    let local = measure(&connect(Backend::DynamoDbLocal))
        .await
        .expect("local");
    // the lean transport reports what the SDK transport reports
    let lean = measure(&connect(Backend::DynamoDbLocalLean))
        .await
        .expect("lean");
    assert_eq!(
        local, lean,
        "the lean transport's capacity and bytes differ"
    );
    println!("| operation | item | RCU | WCU | bytes sent |");
    println!("|---|---|---|---|---|");
    for (e, l) in embedded.iter().zip(&local) {
        assert_eq!(
            (e.2, e.3),
            (l.2, l.3),
            "capacity differs for {} on a {} KB item",
            e.0,
            e.1
        );
        assert_eq!(
            e.4, l.4,
            "bytes sent differ for {} on a {} KB item",
            e.0, e.1
        );
        println!("| {} | {} KB | {} | {} | {} |", e.0, e.1, e.2, e.3, e.4);
    }
}
