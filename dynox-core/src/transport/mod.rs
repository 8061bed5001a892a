//! The transport boundary: rendered DynamoDB requests in, responses out.
//!
//! dynox's operation layer renders every operation into an AWS SDK input
//! value exactly once (expressions, placeholders, ReturnConsumedCapacity). A
//! [`Transport`] only carries it: [`AwsTransport`] through the official SDK
//! client, `EmbeddedTransport` through the in-process dynoxide engine.
//! Wrap a transport to inject faults in tests.

mod aws;
mod aws_errors;
pub(crate) use aws_errors::MISSING_REGION;
#[cfg(feature = "embedded")]
mod embedded;
#[cfg(feature = "embedded")]
mod embedded_batch;
#[cfg(feature = "embedded")]
mod embedded_convert;
#[cfg(feature = "embedded")]
mod embedded_reads;
#[cfg(feature = "embedded")]
mod embedded_tables;

pub use aws::AwsTransport;
#[cfg(feature = "embedded")]
pub use embedded::EmbeddedTransport;

use crate::Result;
use aws_sdk_dynamodb::operation::{
    batch_get_item::{BatchGetItemInput, BatchGetItemOutput},
    batch_write_item::{BatchWriteItemInput, BatchWriteItemOutput},
    create_table::{CreateTableInput, CreateTableOutput},
    delete_item::{DeleteItemInput, DeleteItemOutput},
    delete_table::{DeleteTableInput, DeleteTableOutput},
    describe_table::{DescribeTableInput, DescribeTableOutput},
    get_item::{GetItemInput, GetItemOutput},
    put_item::{PutItemInput, PutItemOutput},
    query::{QueryInput, QueryOutput},
    scan::{ScanInput, ScanOutput},
    transact_get_items::{TransactGetItemsInput, TransactGetItemsOutput},
    transact_write_items::{TransactWriteItemsInput, TransactWriteItemsOutput},
    update_item::{UpdateItemInput, UpdateItemOutput},
    update_time_to_live::{UpdateTimeToLiveInput, UpdateTimeToLiveOutput},
};
use futures::future::BoxFuture;

/// A rendered DynamoDB request.
#[derive(Debug, Clone)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // built once per operation and moved, never stored
pub enum Request {
    /// PutItem.
    PutItem(PutItemInput),
    /// GetItem.
    GetItem(GetItemInput),
    /// UpdateItem.
    UpdateItem(UpdateItemInput),
    /// DeleteItem.
    DeleteItem(DeleteItemInput),
    /// CreateTable.
    CreateTable(CreateTableInput),
    /// DescribeTable.
    DescribeTable(DescribeTableInput),
    /// DeleteTable.
    DeleteTable(DeleteTableInput),
    /// UpdateTimeToLive.
    UpdateTimeToLive(UpdateTimeToLiveInput),
    /// Query: one page.
    Query(QueryInput),
    /// Scan: one page of one segment.
    Scan(ScanInput),
    /// BatchGetItem: up to 100 keys.
    BatchGetItem(BatchGetItemInput),
    /// BatchWriteItem: up to 25 puts and deletes.
    BatchWriteItem(BatchWriteItemInput),
    /// TransactWriteItems: all or nothing.
    TransactWriteItems(TransactWriteItemsInput),
    /// TransactGetItems: a consistent snapshot of several items.
    TransactGetItems(TransactGetItemsInput),
}

/// DynamoDB's answer to a [`Request`], of the matching variant.
#[derive(Debug, Clone)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // see Request
pub enum Response {
    /// PutItem.
    PutItem(PutItemOutput),
    /// GetItem.
    GetItem(GetItemOutput),
    /// UpdateItem.
    UpdateItem(UpdateItemOutput),
    /// DeleteItem.
    DeleteItem(DeleteItemOutput),
    /// CreateTable.
    CreateTable(CreateTableOutput),
    /// DescribeTable.
    DescribeTable(DescribeTableOutput),
    /// DeleteTable.
    DeleteTable(DeleteTableOutput),
    /// UpdateTimeToLive.
    UpdateTimeToLive(UpdateTimeToLiveOutput),
    /// Query.
    Query(QueryOutput),
    /// Scan.
    Scan(ScanOutput),
    /// BatchGetItem.
    BatchGetItem(BatchGetItemOutput),
    /// BatchWriteItem.
    BatchWriteItem(BatchWriteItemOutput),
    /// TransactWriteItems.
    TransactWriteItems(TransactWriteItemsOutput),
    /// TransactGetItems.
    TransactGetItems(TransactGetItemsOutput),
}

impl Request {
    /// DynamoDB's name of the operation (`"PutItem"`, ...).
    pub fn operation_name(&self) -> &'static str {
        match self {
            Request::PutItem(_) => "PutItem",
            Request::GetItem(_) => "GetItem",
            Request::UpdateItem(_) => "UpdateItem",
            Request::DeleteItem(_) => "DeleteItem",
            Request::CreateTable(_) => "CreateTable",
            Request::DescribeTable(_) => "DescribeTable",
            Request::DeleteTable(_) => "DeleteTable",
            Request::UpdateTimeToLive(_) => "UpdateTimeToLive",
            Request::Query(_) => "Query",
            Request::Scan(_) => "Scan",
            Request::BatchGetItem(_) => "BatchGetItem",
            Request::BatchWriteItem(_) => "BatchWriteItem",
            Request::TransactWriteItems(_) => "TransactWriteItems",
            Request::TransactGetItems(_) => "TransactGetItems",
        }
    }
}

/// Carries rendered requests to a DynamoDB implementation.
///
/// Implementations map failures to [`crate::Error`] variants the same way
/// (a missing table is `ResourceNotFound`, a failed condition
/// `ConditionalCheckFailed` with the stored item, ...).
pub trait Transport: Send + Sync + std::fmt::Debug + 'static {
    /// Sends one request and waits for its response.
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>>;

    /// A short name for logs and metrics (`"aws"`, `"embedded"`).
    fn name(&self) -> &'static str;
}

/// Turns a [`Response`] into the output type an operation expects.
pub(crate) trait FromResponse: Sized {
    fn from_response(response: Response) -> Result<Self>;
}

macro_rules! from_response {
    ($($variant:ident => $output:ty),* $(,)?) => {$(
        impl FromResponse for $output {
            fn from_response(response: Response) -> Result<Self> {
                match response {
                    Response::$variant(output) => Ok(output),
                    other => Err(crate::Error::backend(
                        "MismatchedResponse",
                        format!(
                            "the transport answered a {} request with {:?}",
                            stringify!($variant),
                            std::mem::discriminant(&other)
                        ),
                    )),
                }
            }
        }
    )*};
}

from_response!(
    PutItem => PutItemOutput,
    GetItem => GetItemOutput,
    UpdateItem => UpdateItemOutput,
    DeleteItem => DeleteItemOutput,
    CreateTable => CreateTableOutput,
    DescribeTable => DescribeTableOutput,
    DeleteTable => DeleteTableOutput,
    UpdateTimeToLive => UpdateTimeToLiveOutput,
    Query => QueryOutput,
    Scan => ScanOutput,
    BatchGetItem => BatchGetItemOutput,
    BatchWriteItem => BatchWriteItemOutput,
    TransactWriteItems => TransactWriteItemsOutput,
    TransactGetItems => TransactGetItemsOutput,
);
