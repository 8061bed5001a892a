//! Typed change streams on both backends: 10,000 mixed writes read back as
//! exactly those changes, in order per item, and a checkpoint resumes
//! without losing or repeating any.

use aws_sdk_dynamodb::types::StreamViewType;
use dynox_core::prelude::*;
use dynox_core::streams::{Change, Checkpoint, Record};
use dynox_tests::backend_tests;
use futures::StreamExt;
use std::collections::HashMap;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "ledger", stream = "new_and_old_images")]
pub struct Entry {
    #[dyno(partition_key)]
    pub account: String,
    pub balance: i64,
    /// The step that wrote it: every write changes the item, and DynamoDB
    /// records no change for a write that changes nothing.
    pub step: u64,
}

/// What a change must look like, per account, in order.
#[derive(Debug, Clone, PartialEq)]
enum Expected {
    Insert(Entry),
    Modify(Entry, Entry),
    Remove(Entry),
}

fn seen(record: &Record<Entry>) -> Expected {
    match &record.change {
        Change::Insert { new: Some(n) } => Expected::Insert(n.clone()),
        Change::Modify {
            old: Some(o),
            new: Some(n),
        } => Expected::Modify(o.clone(), n.clone()),
        Change::Remove { old: Some(o) } => Expected::Remove(o.clone()),
        other => panic!("a change without the images the view keeps: {other:?}"),
    }
}

/// `writes` writes over `accounts` accounts by one task: creates, updates
/// (smart save), replaces (full put) and deletes, chosen by a fixed
/// pseudo-random sequence.
async fn write(
    db: Dynox,
    task: u64,
    writes: u64,
    accounts: u64,
) -> Result<HashMap<String, Vec<Expected>>> {
    let mut expected: HashMap<String, Vec<Expected>> = HashMap::new();
    let mut stored: HashMap<String, Entry> = HashMap::new();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15 ^ task;
    for step in 0..writes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let account = format!("t{task}-a{}", x % accounts);
        let log = expected.entry(account.clone()).or_default();
        let step = task * 1_000_000 + step;
        match stored.get(&account).cloned() {
            None => {
                let e = Entry {
                    account: account.clone(),
                    balance: (x % 100) as i64,
                    step,
                };
                e.save(&db).await?;
                log.push(Expected::Insert(e.clone()));
                stored.insert(account, e);
            }
            Some(old) => match (x >> 8) % 10 {
                0..=5 => {
                    let mut t = Entry::get(&db, account.clone())
                        .consistent_read(true)
                        .await?
                        .expect("stored");
                    t.balance += 1;
                    t.step = step;
                    t.save(&db).await?;
                    let new = t.into_inner();
                    log.push(Expected::Modify(old, new.clone()));
                    stored.insert(account, new);
                }
                6..=7 => {
                    let new = Entry {
                        balance: -old.balance,
                        step,
                        ..old.clone()
                    };
                    new.save(&db).await?;
                    log.push(Expected::Modify(old, new.clone()));
                    stored.insert(account, new);
                }
                _ => {
                    old.delete(&db).await?;
                    log.push(Expected::Remove(old));
                    stored.remove(&account);
                }
            },
        }
    }
    Ok(expected)
}

backend_tests! {
    async fn ten_thousand_writes_read_back_as_exactly_those_changes(db: Dynox) -> Result<()> {
        Entry::create_table(&db).await?; // the model's stream
        assert_eq!(Entry::verify_table(&db).await?, vec![]);
        let tasks: Vec<_> = (0..4u64).map(|t| tokio::spawn(write(db.clone(), t, 2_500, 50))).collect();
        let mut expected: HashMap<String, Vec<Expected>> = HashMap::new();
        for t in tasks {
            expected.extend(t.await.expect("writer")?);
        }
        let total: usize = expected.values().map(Vec::len).sum();
        assert_eq!(total, 10_000);

        // read 4,000, keep the checkpoint, and resume from it for the rest
        let mut checkpoint = Checkpoint::default();
        let mut got: HashMap<String, Vec<Expected>> = HashMap::new();
        let mut first = Entry::changes(&db).limit(250).stream();
        let mut read = 0;
        while read < 4_000 {
            let record = first.next().await.expect("more changes")?;
            let account = record.keys["account"].as_s().expect("a string key").clone();
            got.entry(account).or_default().push(seen(&record));
            checkpoint.advance(&record);
            read += 1;
        }
        drop(first);
        let text = checkpoint.to_string();
        let resumed: Checkpoint = text.parse()?;
        assert_eq!(resumed, checkpoint);
        for record in Entry::changes(&db).resume(&resumed).all().await? {
            let account = record.keys["account"].as_s().expect("a string key").clone();
            got.entry(account).or_default().push(seen(&record));
            read += 1;
        }
        assert_eq!(read, 10_000, "every change once");
        assert_eq!(got.len(), expected.len());
        for (account, changes) in &expected {
            assert_eq!(got.get(account), Some(changes), "the changes of {account}, in order");
        }
        let m = db.metrics();
        eprintln!("10,000 changes read in {} requests", m.operations.get(&dynox_core::OperationKind::GetRecords).unwrap_or(&0));
        Ok(())
    }

    async fn changed_fields_views_and_a_table_without_a_stream(db: Dynox) -> Result<()> {
        Entry::create_table(&db).stream(StreamViewType::NewImage).await?;
        let drift = Entry::verify_table(&db).await?;
        assert_eq!(
            drift,
            vec![dynox_core::ops::SchemaDifference::Stream {
                expected: "NEW_AND_OLD_IMAGES".into(),
                found: "NEW_IMAGE".into()
            }]
        );
        let mut e = Tracked::new(Entry { account: "a".into(), balance: 1, step: 0 });
        e.save(&db).await?;
        e.balance = 2;
        e.save(&db).await?;
        e.clone().into_inner().delete(&db).await?;
        let changes = Entry::changes(&db).all().await?;
        assert_eq!(changes.len(), 3);
        assert_eq!(changes[0].changed_fields(), vec!["balance", "step"]);
        assert!(matches!(&changes[1].change, Change::Modify { old: None, new: Some(n) } if n.balance == 2));
        assert!(changes[1].changed_fields().is_empty(), "no old image to compare with");
        assert!(matches!(&changes[2].change, Change::Remove { old: None }));
        assert!(changes.windows(2).all(|w| w[0].sequence_number < w[1].sequence_number || w[0].shard_id != w[1].shard_id));

        // from the latest position: only what comes after
        let none = Entry::changes(&db).from_latest().all().await?;
        assert!(none.is_empty(), "{none:?}");

        #[derive(DynoModel, Debug, Clone, PartialEq)]
        #[dyno(table = "quiet")]
        struct Quiet { #[dyno(partition_key)] id: String }
        Quiet::create_table(&db).await?;
        let err = Quiet::changes(&db).all().await.unwrap_err();
        assert!(matches!(&err, Error::Refused { message } if message.contains("no stream")), "{err:?}");
        Ok(())
    }

    async fn a_lambda_event_of_the_same_records_decodes_to_the_same_changes(db: Dynox) -> Result<()> {
        Entry::create_table(&db).stream(StreamViewType::NewAndOldImages).await?;
        write(db.clone(), 9, 200, 10).await?;
        let read = Entry::changes(&db).all().await?;
        // the event Lambda would deliver for these records, in its JSON
        let records: Vec<serde_json::Value> = read
            .iter()
            .map(|r| {
                let (name, old, new) = match &r.change {
                    Change::Insert { new } => ("INSERT", None, new.as_ref()),
                    Change::Modify { old, new } => ("MODIFY", old.as_ref(), new.as_ref()),
                    Change::Remove { old } => ("REMOVE", old.as_ref(), None),
                };
                let mut dynamodb = serde_json::json!({
                    "ApproximateCreationDateTime": 1_700_000_000,
                    "Keys": dynox_core::json::item_to_dynamodb_json(&r.keys),
                    "SequenceNumber": r.sequence_number,
                    "SizeBytes": 59,
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                });
                if let Some(o) = old {
                    dynamodb["OldImage"] = o.to_dynamodb_json();
                }
                if let Some(n) = new {
                    dynamodb["NewImage"] = n.to_dynamodb_json();
                }
                serde_json::json!({
                    "eventID": "1",
                    "eventName": name,
                    "eventVersion": "1.1",
                    "eventSource": "aws:dynamodb",
                    "awsRegion": "us-east-1",
                    "dynamodb": dynamodb,
                    "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/ledger/stream/2026-11-26T00:00:00.000",
                })
            })
            .collect();
        let event: aws_lambda_events::event::dynamodb::Event =
            serde_json::from_value(serde_json::json!({ "Records": records })).expect("a Lambda event");
        let decoded = dynox_core::streams::from_lambda_event::<Entry>(&event);
        assert_eq!(decoded.len(), read.len());
        for (d, r) in decoded.into_iter().zip(&read) {
            let d = d?;
            assert_eq!((&d.change, &d.keys, &d.sequence_number), (&r.change, &r.keys, &r.sequence_number));
        }
        // an image that does not fit the model is an error in its place
        let mut bad = serde_json::json!({ "Records": [records[0].clone()] });
        bad["Records"][0]["dynamodb"]["NewImage"]["balance"] = serde_json::json!({ "S": "many" });
        let event: aws_lambda_events::event::dynamodb::Event = serde_json::from_value(bad).expect("a Lambda event");
        let decoded = dynox_core::streams::from_lambda_event::<Entry>(&event);
        assert!(matches!(&decoded[0], Err(Error::Deserialize { field, .. }) if field == "balance"), "{decoded:?}");
        Ok(())
    }
}
