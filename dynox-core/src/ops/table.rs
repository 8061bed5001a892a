//! Table management from the model's schema: create, describe, delete, exists.

use super::table_schema::{create_table_input, Shape, TableOptions};
use super::OpFuture;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error, Result};
use aws_sdk_dynamodb::operation::create_table::CreateTableOutput;
use aws_sdk_dynamodb::operation::delete_table::{DeleteTableInput, DeleteTableOutput};
use aws_sdk_dynamodb::operation::describe_table::{DescribeTableInput, DescribeTableOutput};
use aws_sdk_dynamodb::operation::update_time_to_live::{
    UpdateTimeToLiveInput, UpdateTimeToLiveOutput,
};
use aws_sdk_dynamodb::types::{
    IndexStatus, StreamViewType, TableClass, TableDescription, TableStatus, TimeToLiveSpecification,
};
use std::future::IntoFuture;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

/// A request value dynox built wrongly; a bug in dynox, reported, not panicked on.
pub(crate) fn build_error(e: aws_sdk_dynamodb::error::BuildError) -> Error {
    Error::backend("InvalidRequest", e)
}

pub(crate) async fn describe(db: &Dynox, table: &str) -> Result<TableDescription> {
    let input = DescribeTableInput::builder()
        .table_name(table)
        .build()
        .map_err(build_error)?;
    let out: DescribeTableOutput = db.send(table, Request::DescribeTable(input)).await?;
    out.table.ok_or_else(|| Error::ResourceNotFound {
        message: format!("DescribeTable returned no description of {table}"),
    })
}

fn is_active(t: &TableDescription) -> bool {
    t.table_status == Some(TableStatus::Active)
        && t.global_secondary_indexes().iter().all(|g| {
            g.index_status
                .as_ref()
                .is_none_or(|s| *s == IndexStatus::Active)
        })
}

/// Waits until the table and its indexes are active, polling with a growing
/// interval, or fails with a clear error after `timeout`.
pub(super) async fn wait_active(
    db: &Dynox,
    table: &str,
    timeout: Duration,
) -> Result<TableDescription> {
    let started = Instant::now();
    let mut interval = Duration::from_millis(50);
    loop {
        let description = describe(db, table).await?;
        if is_active(&description) {
            return Ok(description);
        }
        if started.elapsed() >= timeout {
            return Err(Error::Refused {
                message: format!("table {table} was not active after {timeout:?}; wait longer (`.wait_timeout(..)`) or check the table in the console"),
            });
        }
        tokio::time::sleep(interval).await;
        interval = (interval * 2).min(Duration::from_secs(2));
    }
}

/// Creates a model's table (CreateTable), then waits until it is active.
/// On-demand billing unless [`CreateTable::provisioned`] says otherwise; the
/// TTL attribute is enabled when the model has one, and the stream when the
/// model names one (`#[dyno(stream = "new_and_old_images")]`).
#[must_use = "an operation does nothing until awaited"]
pub struct CreateTable<'a, M> {
    db: &'a Dynox,
    if_not_exists: bool,
    options: TableOptions,
    timeout: Duration,
    _model: PhantomData<fn() -> M>,
}

impl<'a, M> std::fmt::Debug for CreateTable<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateTable")
            .field("if_not_exists", &self.if_not_exists)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> CreateTable<'a, M> {
    pub(crate) fn new(db: &'a Dynox) -> Self {
        CreateTable {
            db,
            if_not_exists: false,
            options: TableOptions::default(),
            timeout: Duration::from_secs(300),
            _model: PhantomData,
        }
    }

    /// Accepts a table that already exists instead of failing with
    /// [`Error::ResourceInUse`].
    pub fn if_not_exists(mut self) -> Self {
        self.if_not_exists = true;
        self
    }

    /// Provisioned capacity (read and write units, also for each GSI)
    /// instead of on-demand billing.
    pub fn provisioned(mut self, read: i64, write: i64) -> Self {
        self.options.throughput = Some((read, write));
        self
    }

    /// Tags the table (for cost allocation, access policies...).
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.tags.push((key.into(), value.into()));
        self
    }

    /// The table class (`StandardInfrequentAccess` for tables read rarely:
    /// cheaper storage, dearer requests).
    pub fn table_class(mut self, class: TableClass) -> Self {
        self.options.table_class = Some(class);
        self
    }

    /// Encrypts the table at rest with a KMS key of the account (`Some`,
    /// an id, ARN or alias) or the AWS managed key (`None`), instead of
    /// the key DynamoDB owns.
    pub fn kms_encryption(mut self, key: Option<&str>) -> Self {
        self.options.sse = Some(key.map(str::to_owned));
        self
    }

    /// Refuses DeleteTable until turned off.
    pub fn deletion_protection(mut self) -> Self {
        self.options.deletion_protection = true;
        self
    }

    /// A stream of the table's changes, each record holding `view`.
    pub fn stream(mut self, view: StreamViewType) -> Self {
        self.options.stream = Some(view);
        self
    }

    /// How long to wait for the table to become active (default 5 minutes).
    pub fn wait_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    async fn run(self) -> Result<TableDescription> {
        let table = self.db.table_name::<M>();
        let mut options = self.options.clone();
        if options.stream.is_none() {
            options.stream = M::SCHEMA.stream.map(StreamViewType::from);
        }
        let shape = Shape::of(M::SCHEMA);
        let new = NewTable {
            shape: &shape,
            options: &options,
            ttl: M::SCHEMA.ttl_attribute,
            if_not_exists: self.if_not_exists,
            timeout: self.timeout,
        };
        create(self.db, &table, new).await
    }
}

/// A table to create: its keys and indexes, and how.
pub(super) struct NewTable<'s> {
    pub(super) shape: &'s Shape<'s>,
    pub(super) options: &'s TableOptions,
    pub(super) ttl: Option<&'static str>,
    pub(super) if_not_exists: bool,
    pub(super) timeout: Duration,
}

/// Creates `table`, waits until it is active, and turns on its TTL.
pub(super) async fn create(db: &Dynox, table: &str, new: NewTable<'_>) -> Result<TableDescription> {
    let input = create_table_input(table, new.shape, new.options)?;
    let created: Result<CreateTableOutput> = db.send(table, Request::CreateTable(input)).await;
    match created {
        Ok(_) => {}
        Err(Error::ResourceInUse { .. }) if new.if_not_exists => {
            return wait_active(db, table, new.timeout).await;
        }
        Err(e) => return Err(e),
    }
    let description = wait_active(db, table, new.timeout).await?;
    if let Some(ttl) = new.ttl {
        let input = UpdateTimeToLiveInput::builder()
            .table_name(table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(ttl)
                    .enabled(true)
                    .build()
                    .map_err(build_error)?,
            )
            .build()
            .map_err(build_error)?;
        let _: UpdateTimeToLiveOutput = db.send(table, Request::UpdateTimeToLive(input)).await?;
    }
    Ok(description)
}

impl<'a, M: DynoModel> IntoFuture for CreateTable<'a, M> {
    type Output = Result<TableDescription>;
    type IntoFuture = OpFuture<'a, TableDescription>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// Deletes a model's table (DeleteTable).
#[must_use = "an operation does nothing until awaited"]
pub struct DeleteTable<'a, M> {
    db: &'a Dynox,
    _model: PhantomData<fn() -> M>,
}

impl<'a, M> std::fmt::Debug for DeleteTable<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeleteTable").finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> DeleteTable<'a, M> {
    pub(crate) fn new(db: &'a Dynox) -> Self {
        DeleteTable {
            db,
            _model: PhantomData,
        }
    }
}

impl<'a, M: DynoModel> IntoFuture for DeleteTable<'a, M> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let table = self.db.table_name::<M>();
            let input = DeleteTableInput::builder()
                .table_name(table.as_ref())
                .build()
                .map_err(build_error)?;
            let _: DeleteTableOutput = self.db.send(&table, Request::DeleteTable(input)).await?;
            Ok(())
        })
    }
}

/// Describes a model's table (DescribeTable).
#[must_use = "an operation does nothing until awaited"]
pub struct DescribeTable<'a, M> {
    db: &'a Dynox,
    _model: PhantomData<fn() -> M>,
}

impl<'a, M> std::fmt::Debug for DescribeTable<'a, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DescribeTable").finish_non_exhaustive()
    }
}

impl<'a, M: DynoModel> DescribeTable<'a, M> {
    pub(crate) fn new(db: &'a Dynox) -> Self {
        DescribeTable {
            db,
            _model: PhantomData,
        }
    }
}

impl<'a, M: DynoModel> IntoFuture for DescribeTable<'a, M> {
    type Output = Result<TableDescription>;
    type IntoFuture = OpFuture<'a, TableDescription>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { describe(self.db, &self.db.table_name::<M>()).await })
    }
}

pub(crate) fn table_exists<M: DynoModel>(db: &Dynox) -> OpFuture<'_, bool> {
    Box::pin(async move {
        match describe(db, &db.table_name::<M>()).await {
            Ok(_) => Ok(true),
            Err(Error::ResourceNotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    })
}
