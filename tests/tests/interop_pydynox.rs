//! Interoperability with pydynox 1.8 on DynamoDB Local, on one table: the
//! string and number sets pydynox writes (as lists) read into set fields,
//! its datetime sort keys are found by exact key through an `Isoformat`
//! field, and pydynox finds by key the item dynox writes.
//!
//! Runs with the `dynamodb-local` feature; the test script installs pydynox
//! into the virtual environment whose Python it passes in `DYNOX_PYTHON`.

#![cfg(feature = "dynamodb-local")]

use chrono::{DateTime, Utc};
use dynox_core::prelude::*;
use dynox_core::timestamp::Isoformat;
use dynox_tests::models::Event;
use dynox_tests::{connect, run_interop_script, Backend};
use std::collections::BTreeSet;

fn at(text: &str) -> Isoformat {
    Isoformat(text.parse::<DateTime<Utc>>().expect("a time"))
}

#[tokio::test]
async fn pydynox_and_dynox_share_a_table_with_sets_and_time_keys() -> Result<()> {
    let db = connect(Backend::DynamoDbLocal);
    Event::create_table(&db).await?;
    Event {
        stream: "rs".into(),
        at: at("2026-01-15T12:00:00.5Z"),
        tags: BTreeSet::from(["from-dynox".to_owned()]),
        codes: BTreeSet::from([7]),
    }
    .save(&db)
    .await?;

    let out = run_interop_script("pydynox_events.py", &db.table_name::<Event>());
    let report: serde_json::Value = serde_json::from_slice(&out).expect("a JSON report");
    assert_eq!(
        report["found_dynox_event"], true,
        "pydynox finds dynox's item by key: {report}"
    );
    assert_eq!(report["dynox_tags"], serde_json::json!(["from-dynox"]));

    // pydynox's items, found by exact key and read with their sets
    let e = Event::get(&db, "py", at("2026-01-15T10:30:00.123456Z"))
        .await?
        .expect("found by exact key");
    assert_eq!(e.tags, BTreeSet::from(["a".to_owned(), "b".to_owned()]));
    assert_eq!(e.codes, BTreeSet::from([1, 3]));
    let e = Event::get(&db, "py", at("2026-01-15T11:00:00Z"))
        .await?
        .expect("found by exact key");
    assert_eq!((e.tags.len(), e.codes.len()), (1, 0));
    Ok(())
}
