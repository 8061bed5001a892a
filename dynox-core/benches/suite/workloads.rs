//! The workloads, each written twice: through dynox, and as hand-written
//! aws-sdk-dynamodb code sending the same requests on the same client.

use super::measure::{run, Sample};
use super::model::*;
use aws_sdk_dynamodb::types::{
    PutRequest, ReturnConsumedCapacity, ReturnValuesOnConditionCheckFailure, WriteRequest,
};
use aws_sdk_dynamodb::Client;
use dynox_core::prelude::*;
use dynox_core::AttributeValue as V;
use std::sync::Arc;
use tokio::sync::Mutex;

/// Items in the partition the query workload reads.
pub(crate) const QUERY_ITEMS: u64 = 1_000;
/// Items of the batch-write workload.
pub(crate) const BATCH_ITEMS: u64 = 10_000;
/// Rows the get workload reads (round robin).
const GET_ROWS: u64 = 500;
/// Profiles the smart-save workload updates (two per task at 32 tasks).
const PROFILES: u64 = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Workload {
    Put,
    Get,
    SmartSave,
    Query,
    BatchWrite,
}

impl Workload {
    pub(crate) const ALL: [Workload; 5] = [
        Workload::Put,
        Workload::Get,
        Workload::SmartSave,
        Workload::Query,
        Workload::BatchWrite,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Workload::Put => "put (1 KB item)",
            Workload::Get => "get (1 KB item)",
            Workload::SmartSave => "smart save, 1 field of a 4 KB item",
            Workload::Query => "query of 1,000 items",
            Workload::BatchWrite => "batch write of 10,000 items",
        }
    }

    /// What one "op" is, for the units of the report.
    pub(crate) fn unit(self) -> &'static str {
        match self {
            Workload::Query => "queries",
            Workload::BatchWrite => "items",
            _ => "ops",
        }
    }
}

/// Tables and data every workload starts from.
pub(crate) struct Fixture {
    pub(crate) db: Dynox,
    pub(crate) sdk: Option<Client>,
    rows: String,
    profiles: String,
    tracked: Arc<Vec<Mutex<Tracked<Profile>>>>,
}

impl Fixture {
    pub(crate) async fn new(db: Dynox, sdk: Option<Client>) -> Result<Fixture> {
        Row::create_table(&db).await?;
        Profile::create_table(&db).await?;
        let mut seed: Vec<Row> = (0..GET_ROWS).map(|n| row("G", n)).collect();
        seed.extend((0..QUERY_ITEMS).map(|n| row("Q", n)));
        db.batch_write().put_all(&seed).await?;
        let profiles: Vec<Profile> = (0..PROFILES).map(profile).collect();
        db.batch_write().put_all(&profiles).await?;
        let mut tracked = Vec::new();
        for p in &profiles {
            let t = Profile::get(&db, p.pk.clone()).await?.expect("seeded");
            tracked.push(Mutex::new(t));
        }
        Ok(Fixture {
            rows: db.table_name::<Row>().into_owned(),
            profiles: db.table_name::<Profile>().into_owned(),
            db,
            sdk,
            tracked: Arc::new(tracked),
        })
    }

    /// Runs `workload` through dynox with `ops` operations over `tasks` tasks.
    pub(crate) async fn dynox(&self, w: Workload, ops: u64, tasks: u64) -> Sample {
        self.dynox_on(&self.db, w, ops, tasks).await
    }

    /// [`Fixture::dynox`] through `db`, another client of the same tables
    /// (the lean transport's).
    pub(crate) async fn dynox_on(&self, db: &Dynox, w: Workload, ops: u64, tasks: u64) -> Sample {
        let db = db.clone();
        match w {
            Workload::Put => {
                run(ops, tasks, move |i| {
                    let db = db.clone();
                    async move { row("P", i).save(&db).await.expect("put") }
                })
                .await
            }
            Workload::Get => {
                run(ops, tasks, move |i| {
                    let db = db.clone();
                    async move {
                        let sk = format!("S#{:08}", i % GET_ROWS);
                        let got = Row::get(&db, "G", sk).await.expect("get");
                        assert!(got.is_some());
                    }
                })
                .await
            }
            Workload::SmartSave => {
                let tracked = self.tracked.clone();
                run(ops, tasks, move |i| {
                    let (db, tracked) = (db.clone(), tracked.clone());
                    async move {
                        let mut p = tracked[(i % PROFILES) as usize].lock().await;
                        p.logins = i;
                        p.save(&db).await.expect("smart save");
                    }
                })
                .await
            }
            Workload::Query => {
                run(ops, tasks, move |_| {
                    let db = db.clone();
                    async move {
                        let rows = Row::query(&db, "Q").all().await.expect("query");
                        assert_eq!(rows.len() as u64, QUERY_ITEMS);
                    }
                })
                .await
            }
            Workload::BatchWrite => {
                let mut s = run(tasks, tasks, move |t| {
                    let db = db.clone();
                    async move {
                        let share: Vec<Row> = (t..BATCH_ITEMS)
                            .step_by(tasks as usize)
                            .map(|n| row("B", n))
                            .collect();
                        db.batch_write()
                            .put_all(&share)
                            .concurrency(1)
                            .await
                            .expect("batch");
                    }
                })
                .await;
                s.ops = BATCH_ITEMS;
                s
            }
        }
    }

    /// The same workload in hand-written SDK code, on the same client.
    pub(crate) async fn raw(&self, w: Workload, ops: u64, tasks: u64) -> Sample {
        let sdk = self.sdk.clone().expect("an SDK client");
        let (rows, profiles) = (self.rows.clone(), self.profiles.clone());
        match w {
            Workload::Put => {
                run(ops, tasks, move |i| {
                    let (sdk, rows) = (sdk.clone(), rows.clone());
                    async move {
                        sdk.put_item()
                            .table_name(rows)
                            .set_item(Some(row_to_item(&row("P", i))))
                            .return_consumed_capacity(ReturnConsumedCapacity::Total)
                            .return_values_on_condition_check_failure(
                                ReturnValuesOnConditionCheckFailure::AllOld,
                            )
                            .send()
                            .await
                            .expect("put");
                    }
                })
                .await
            }
            Workload::Get => {
                run(ops, tasks, move |i| {
                    let (sdk, rows) = (sdk.clone(), rows.clone());
                    async move {
                        let out = sdk
                            .get_item()
                            .table_name(rows)
                            .key("pk", V::S("G".into()))
                            .key("sk", V::S(format!("S#{:08}", i % GET_ROWS)))
                            .return_consumed_capacity(ReturnConsumedCapacity::Total)
                            .send()
                            .await
                            .expect("get");
                        let row = out.item.and_then(row_from_item);
                        assert!(row.is_some());
                    }
                })
                .await
            }
            Workload::SmartSave => {
                run(ops, tasks, move |i| {
                    let (sdk, profiles) = (sdk.clone(), profiles.clone());
                    async move {
                        sdk.update_item()
                            .table_name(profiles)
                            .key("pk", V::S(format!("P#{}", i % PROFILES)))
                            .update_expression("SET #n0 = :v0")
                            .expression_attribute_names("#n0", "logins")
                            .expression_attribute_values(":v0", V::N(i.to_string()))
                            .return_consumed_capacity(ReturnConsumedCapacity::Total)
                            .return_values_on_condition_check_failure(
                                ReturnValuesOnConditionCheckFailure::AllOld,
                            )
                            .send()
                            .await
                            .expect("update");
                    }
                })
                .await
            }
            Workload::Query => {
                run(ops, tasks, move |_| {
                    let (sdk, rows) = (sdk.clone(), rows.clone());
                    async move {
                        let mut start = None;
                        let mut found = Vec::with_capacity(QUERY_ITEMS as usize);
                        loop {
                            let out = sdk
                                .query()
                                .table_name(&rows)
                                .key_condition_expression("#n0 = :v0")
                                .expression_attribute_names("#n0", "pk")
                                .expression_attribute_values(":v0", V::S("Q".into()))
                                .set_exclusive_start_key(start.take())
                                .return_consumed_capacity(ReturnConsumedCapacity::Total)
                                .send()
                                .await
                                .expect("query");
                            for item in out.items.unwrap_or_default() {
                                found.push(row_from_item(item).expect("a row"));
                            }
                            match out.last_evaluated_key {
                                Some(k) => start = Some(k),
                                None => break,
                            }
                        }
                        assert_eq!(found.len() as u64, QUERY_ITEMS);
                    }
                })
                .await
            }
            Workload::BatchWrite => {
                let mut s = run(tasks, tasks, move |t| {
                    let (sdk, rows) = (sdk.clone(), rows.clone());
                    async move {
                        let share: Vec<Row> = (t..BATCH_ITEMS)
                            .step_by(tasks as usize)
                            .map(|n| row("B", n))
                            .collect();
                        for chunk in share.chunks(25) {
                            let mut requests: Vec<WriteRequest> = chunk
                                .iter()
                                .map(|r| {
                                    let put = PutRequest::builder()
                                        .set_item(Some(row_to_item(r)))
                                        .build()
                                        .expect("item");
                                    WriteRequest::builder().put_request(put).build()
                                })
                                .collect();
                            loop {
                                let out = sdk
                                    .batch_write_item()
                                    .request_items(rows.clone(), requests)
                                    .return_consumed_capacity(ReturnConsumedCapacity::Total)
                                    .send()
                                    .await
                                    .expect("batch");
                                requests = out
                                    .unprocessed_items
                                    .and_then(|mut u| u.remove(&rows))
                                    .unwrap_or_default();
                                if requests.is_empty() {
                                    break;
                                }
                                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                            }
                        }
                    }
                })
                .await;
                s.ops = BATCH_ITEMS;
                s
            }
        }
    }
}
