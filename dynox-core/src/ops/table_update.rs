//! UpdateTable from the model: `User::update_table(&db).sync_indexes()`.

use super::table::{build_error, describe, wait_active};
use super::table_schema::{global_index, index_attribute_definitions};
use super::OpFuture;
use crate::model::{IndexKind, IndexSchema};
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error, Result};
use aws_sdk_dynamodb::operation::update_table::{UpdateTableInput, UpdateTableOutput};
use aws_sdk_dynamodb::types::{
    BillingMode, CreateGlobalSecondaryIndexAction, DeleteGlobalSecondaryIndexAction,
    GlobalSecondaryIndexUpdate, ProvisionedThroughput, StreamSpecification, StreamViewType,
    TableDescription,
};
use std::future::IntoFuture;
use std::marker::PhantomData;
use std::time::Duration;

/// Changes a model's table (UpdateTable): global indexes added from the
/// model or removed, the billing mode, the stream. DynamoDB takes one index
/// change per request and none while the table is busy, so each change is a
/// request of its own, sent when the table and its indexes are active
/// again; awaiting returns the table as it is after the last.
///
/// ```
/// # use dynox_core::prelude::*;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, #[dyno(gsi = "by_status")] pub status: String }
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct OldOrder { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub status: String }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// # let db = Dynox::memory();
/// OldOrder::create_table(&db).await?; // deployed before the index was declared
/// assert!(!Order::verify_table(&db).await?.is_empty());
/// Order::update_table(&db).sync_indexes().await?;
/// assert!(Order::verify_table(&db).await?.is_empty());
/// # Ok(())
/// # }
/// ```
#[must_use = "an operation does nothing until awaited"]
pub struct UpdateTable<'a, M> {
    db: &'a Dynox,
    changes: Vec<Change>,
    timeout: Duration,
    _model: PhantomData<fn() -> M>,
}

#[derive(Debug, Clone)]
enum Change {
    AddIndex(String),
    RemoveIndex(String),
    SyncIndexes,
    Billing(Option<(i64, i64)>),
    Stream(Option<StreamViewType>),
}

impl<'a, M> std::fmt::Debug for UpdateTable<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateTable")
            .field("changes", &self.changes)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> UpdateTable<'a, M> {
    pub(crate) fn new(db: &'a Dynox) -> Self {
        UpdateTable {
            db,
            changes: Vec::new(),
            timeout: Duration::from_secs(600),
            _model: PhantomData,
        }
    }

    /// Adds the model's global index `name` to the table.
    pub fn add_index(mut self, name: &str) -> Self {
        self.changes.push(Change::AddIndex(name.to_owned()));
        self
    }

    /// Removes the global index `name` from the table.
    pub fn remove_index(mut self, name: &str) -> Self {
        self.changes.push(Change::RemoveIndex(name.to_owned()));
        self
    }

    /// Makes the table's global indexes the model's: removes those the
    /// model does not declare, adds those it declares and the table lacks.
    /// (Local indexes exist from the table's creation on; a difference in
    /// them is reported by `verify_table`, not changed here.)
    pub fn sync_indexes(mut self) -> Self {
        self.changes.push(Change::SyncIndexes);
        self
    }

    /// On-demand billing.
    pub fn pay_per_request(mut self) -> Self {
        self.changes.push(Change::Billing(None));
        self
    }

    /// Provisioned capacity: read and write units of the table and its
    /// global indexes.
    pub fn provisioned(mut self, read: i64, write: i64) -> Self {
        self.changes.push(Change::Billing(Some((read, write))));
        self
    }

    /// Turns the table's stream on, with what each change record holds.
    pub fn stream(mut self, view: StreamViewType) -> Self {
        self.changes.push(Change::Stream(Some(view)));
        self
    }

    /// Turns the table's stream off.
    pub fn no_stream(mut self) -> Self {
        self.changes.push(Change::Stream(None));
        self
    }

    /// How long to wait for the table to become active after each change
    /// (default 10 minutes: a new index is filled from the whole table).
    pub fn wait_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    async fn run(self) -> Result<TableDescription> {
        let table = self.db.table_name::<M>();
        let mut description = describe(self.db, &table).await?;
        for change in self.changes {
            for input in inputs::<M>(&table, &description, change)? {
                let _: UpdateTableOutput =
                    self.db.send(&table, Request::UpdateTable(input)).await?;
                description = wait_active(self.db, &table, self.timeout).await?;
            }
        }
        Ok(description)
    }
}

/// The requests of one change, given the table as it is.
fn inputs<M: DynoModel>(
    table: &str,
    now: &TableDescription,
    change: Change,
) -> Result<Vec<UpdateTableInput>> {
    let existing: Vec<&str> = now
        .global_secondary_indexes()
        .iter()
        .filter_map(|g| g.index_name())
        .collect();
    let builder = || UpdateTableInput::builder().table_name(table);
    let inputs = match change {
        Change::AddIndex(name) => vec![add_index(builder(), model_index::<M>(&name)?, now)?],
        Change::RemoveIndex(name) => vec![remove_index(builder(), &name)?],
        Change::SyncIndexes => {
            let model: Vec<&IndexSchema> = M::SCHEMA
                .indexes
                .iter()
                .filter(|i| i.kind == IndexKind::Global)
                .collect();
            let mut inputs = Vec::new();
            for name in existing
                .iter()
                .filter(|n| !model.iter().any(|i| i.name == **n))
            {
                inputs.push(remove_index(builder(), name)?);
            }
            for index in model.into_iter().filter(|i| !existing.contains(&i.name)) {
                inputs.push(add_index(builder(), index, now)?);
            }
            inputs
        }
        Change::Billing(None) => vec![builder().billing_mode(BillingMode::PayPerRequest)],
        Change::Billing(Some((read, write))) => {
            let throughput = throughput(read, write)?;
            let mut b = builder()
                .billing_mode(BillingMode::Provisioned)
                .provisioned_throughput(throughput.clone());
            // each existing global index needs its own capacity too
            for name in &existing {
                b = b.global_secondary_index_updates(
                    GlobalSecondaryIndexUpdate::builder()
                        .update(
                            aws_sdk_dynamodb::types::UpdateGlobalSecondaryIndexAction::builder()
                                .index_name(*name)
                                .provisioned_throughput(throughput.clone())
                                .build()
                                .map_err(build_error)?,
                        )
                        .build(),
                );
            }
            vec![b]
        }
        Change::Stream(view) => vec![builder().stream_specification(
            StreamSpecification::builder()
                .stream_enabled(view.is_some())
                .set_stream_view_type(view)
                .build()
                .map_err(build_error)?,
        )],
    };
    inputs
        .into_iter()
        .map(|b| b.build().map_err(build_error))
        .collect()
}

fn throughput(read: i64, write: i64) -> Result<ProvisionedThroughput> {
    ProvisionedThroughput::builder()
        .read_capacity_units(read)
        .write_capacity_units(write)
        .build()
        .map_err(build_error)
}

/// The model's global index `name`, or a refusal naming the ones it has.
fn model_index<M: DynoModel>(name: &str) -> Result<&'static IndexSchema> {
    let globals = || {
        M::SCHEMA
            .indexes
            .iter()
            .filter(|i| i.kind == IndexKind::Global)
    };
    globals().find(|i| i.name == name).ok_or_else(|| Error::Refused {
        message: format!(
            "the model of table {} declares no global index {name} (it declares: {}); declare it with `#[dyno(gsi = \"{name}\")]` first",
            M::SCHEMA.table,
            globals().map(|i| i.name).collect::<Vec<_>>().join(", ")
        ),
    })
}

type Builder = aws_sdk_dynamodb::operation::update_table::builders::UpdateTableInputBuilder;

fn add_index(builder: Builder, index: &IndexSchema, now: &TableDescription) -> Result<Builder> {
    // a provisioned table's new index gets the table's capacity
    let provisioned = now
        .billing_mode_summary()
        .and_then(|b| b.billing_mode())
        .is_none_or(|m| *m == BillingMode::Provisioned)
        .then(|| now.provisioned_throughput())
        .flatten()
        .and_then(|t| Some((t.read_capacity_units()?, t.write_capacity_units()?)))
        .filter(|(r, w)| *r > 0 && *w > 0)
        .map(|(r, w)| throughput(r, w))
        .transpose()?;
    let create = global_index(index, provisioned)?;
    let action = CreateGlobalSecondaryIndexAction::builder()
        .index_name(create.index_name)
        .set_key_schema(Some(create.key_schema))
        .set_projection(create.projection)
        .set_provisioned_throughput(create.provisioned_throughput)
        .build()
        .map_err(build_error)?;
    // DynamoDB wants every key attribute of the request defined
    let definitions = index_attribute_definitions(index)?;
    Ok(builder
        .set_attribute_definitions(Some(definitions))
        .global_secondary_index_updates(
            GlobalSecondaryIndexUpdate::builder().create(action).build(),
        ))
}

fn remove_index(builder: Builder, name: &str) -> Result<Builder> {
    Ok(builder.global_secondary_index_updates(
        GlobalSecondaryIndexUpdate::builder()
            .delete(
                DeleteGlobalSecondaryIndexAction::builder()
                    .index_name(name)
                    .build()
                    .map_err(build_error)?,
            )
            .build(),
    ))
}

impl<'a, M: DynoModel> IntoFuture for UpdateTable<'a, M> {
    type Output = Result<TableDescription>;
    type IntoFuture = OpFuture<'a, TableDescription>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
