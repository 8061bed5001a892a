//! One module per DynamoDB operation, each holding everything dynox knows of
//! it: the SDK input and output it carries, its size in DynamoDB's JSON wire
//! format, how the AWS transport sends it, how the embedded engine runs it,
//! and what it read and consumed. The list at the end of this file generates
//! [`Request`], [`Response`], [`OperationKind`] and every dispatch over them,
//! so adding an operation is one module and one line of that list; a module
//! that leaves out a transport or a size does not compile.

mod batch_execute_statement;
mod batch_get_item;
mod batch_write_item;
mod create_table;
mod delete_item;
mod delete_table;
mod describe_stream;
mod describe_table;
mod execute_statement;
mod execute_transaction;
mod get_item;
mod get_records;
mod get_shard_iterator;
mod list_tables;
mod list_tags_of_resource;
mod put_item;
mod query;
mod scan;
mod shared;
mod transact_get_items;
mod transact_write_items;
mod update_item;
mod update_table;
mod update_time_to_live;

#[cfg(test)]
mod tests;

use crate::wire_size::Units;
use crate::Result;
use std::future::Future;

/// What the operation modules share: the wire-size primitives, the error
/// mapping of each transport and the engine's type conversions.
mod support {
    pub(super) use super::Operation;
    pub(super) use crate::transport::aws_errors::{
        map_sdk_error, map_transaction_error, ConditionItem,
    };
    #[cfg(feature = "embedded")]
    pub(super) use crate::transport::embedded_convert::*;
    #[cfg(feature = "embedded")]
    pub(super) use crate::transport::embedded_engine::Engine;
    #[cfg(feature = "embedded")]
    pub(super) use crate::transport::embedded_reads::{page_output, segment};
    pub(super) use crate::transport::lean::json_in as read;
    pub(super) use crate::transport::lean::json_out as out;
    pub(super) use crate::transport::lean::Codec;
    /// The SDK clients; dereferences to DynamoDB's.
    pub(super) use crate::transport::AwsClients as Client;
    pub(super) use crate::wire_size::{
        array, capacities, capacity, flag, item, names, number_len, per_table, string_len, value,
        Object, Units,
    };
    #[cfg(feature = "embedded")]
    pub(super) use crate::Error;
    pub(super) use crate::Result;
    pub(super) use aws_sdk_dynamodb::types as sdk;
    pub(super) use serde::Deserialize;
}

/// What an operation module provides. `Input` and `Output` are the SDK's
/// types, so the operation layer renders a request once and either transport
/// carries the same value.
pub(crate) trait Operation {
    /// The rendered request.
    type Input;
    /// DynamoDB's answer.
    type Output;

    /// Size of the request in DynamoDB's JSON wire format.
    fn request_size(input: &Self::Input) -> usize;
    /// Size of the response in DynamoDB's JSON wire format.
    fn response_size(output: &Self::Output) -> usize;
    /// How many items the response read or wrote.
    fn items(_output: &Self::Output) -> u64 {
        0
    }
    /// The capacity the response reports, summed over its tables.
    fn consumed(_output: &Self::Output) -> Option<Units> {
        None
    }
    /// Items a query or scan read before its filter.
    fn scanned(_output: &Self::Output) -> u64 {
        0
    }
    /// Whether this request reads, for an operation that may read or write
    /// (PartiQL); `None` takes the operation's kind.
    fn reads(_input: &Self::Input) -> Option<bool> {
        None
    }

    /// How the lean transport carries the request itself; `None` (table
    /// management, PartiQL, streams) sends it with the SDK client.
    const LEAN: Option<crate::transport::lean::Codec<Self::Input, Self::Output>> = None;

    /// Sends the request with the AWS SDK clients.
    fn send_aws(
        clients: &crate::transport::AwsClients,
        input: Self::Input,
    ) -> impl Future<Output = Result<Self::Output>> + Send;

    /// Runs the request on the embedded engine.
    #[cfg(feature = "embedded")]
    fn send_embedded(
        engine: &crate::transport::embedded_engine::Engine,
        input: Self::Input,
    ) -> Result<Self::Output>;
}

/// Turns a [`Response`] into the output type an operation expects.
pub(crate) trait FromResponse: Sized {
    fn from_response(response: Response) -> Result<Self>;
}

macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $module:ident ($sdk:ident: $input:ident => $output:ident), $reads:literal;
    )*) => {
        /// A rendered DynamoDB request.
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)] // built once per operation and moved, never stored
        pub enum Request {
            $($(#[doc = $doc])* $name($sdk::operation::$module::$input),)*
        }

        /// DynamoDB's answer to a [`Request`], of the matching variant.
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)] // see Request
        pub enum Response {
            $($(#[doc = $doc])* $name($sdk::operation::$module::$output),)*
        }

        /// The kind of DynamoDB request an operation sent.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum OperationKind {
            $($(#[doc = $doc])* $name,)*
        }

        impl OperationKind {
            /// DynamoDB's name of the operation.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(OperationKind::$name => stringify!($name),)*
                }
            }

            /// Whether the request reads (its capacity is read units). A
            /// PartiQL statement may read or write: its kind says `false`,
            /// and dynox counts a `SELECT`'s capacity as read units.
            pub fn is_read(self) -> bool {
                match self {
                    $(OperationKind::$name => $reads,)*
                }
            }
        }

        impl Request {
            /// The kind of this request.
            pub fn kind(&self) -> OperationKind {
                match self {
                    $(Request::$name(_) => OperationKind::$name,)*
                }
            }

            /// DynamoDB's name of the operation (`"PutItem"`, ...).
            #[deprecated(note = "use `kind().as_str()`")]
            pub fn operation_name(&self) -> &'static str {
                self.kind().as_str()
            }

            /// Size of the request in DynamoDB's JSON wire format.
            pub(crate) fn wire_size(&self) -> usize {
                match self {
                    $(Request::$name(i) => <$module::$name as Operation>::request_size(i),)*
                }
            }

            /// Whether the request reads (its capacity is read units).
            pub(crate) fn reads(&self) -> bool {
                match self {
                    $(Request::$name(i) => <$module::$name as Operation>::reads(i).unwrap_or($reads),)*
                }
            }
        }

        impl Response {
            /// The kind of the request this answers.
            pub fn kind(&self) -> OperationKind {
                match self {
                    $(Response::$name(_) => OperationKind::$name,)*
                }
            }

            /// Size of the response in DynamoDB's JSON wire format.
            pub(crate) fn wire_size(&self) -> usize {
                match self {
                    $(Response::$name(o) => <$module::$name as Operation>::response_size(o),)*
                }
            }

            /// How many items the response read or wrote.
            pub(crate) fn items(&self) -> u64 {
                match self {
                    $(Response::$name(o) => <$module::$name as Operation>::items(o),)*
                }
            }

            /// Items a query or scan read before its filter.
            pub(crate) fn scanned(&self) -> u64 {
                match self {
                    $(Response::$name(o) => <$module::$name as Operation>::scanned(o),)*
                }
            }

            /// DynamoDB's id of the request; none from the embedded engine.
            pub(crate) fn request_id(&self) -> Option<&str> {
                use aws_sdk_dynamodb::operation::RequestId;
                match self {
                    $(Response::$name(o) => o.request_id(),)*
                }
            }

            /// The capacity the response reports.
            pub(crate) fn consumed(&self) -> Option<Units> {
                match self {
                    $(Response::$name(o) => <$module::$name as Operation>::consumed(o),)*
                }
            }
        }

        /// Sends `request` with the AWS SDK clients.
        pub(crate) async fn send_aws(
            client: &crate::transport::AwsClients,
            request: Request,
        ) -> Result<Response> {
            Ok(match request {
                $(Request::$name(i) => {
                    Response::$name(<$module::$name as Operation>::send_aws(client, i).await?)
                })*
            })
        }

        /// Sends `request` with the lean transport, or its SDK client.
        pub(crate) async fn send_lean(
            lean: &crate::transport::LeanTransport,
            request: Request,
        ) -> Result<Response> {
            Ok(match request {
                $(Request::$name(i) => Response::$name(
                    match &<$module::$name as Operation>::LEAN {
                        Some(codec) if (codec.carries)(&i) => lean.call(codec, &i).await?,
                        _ => <$module::$name as Operation>::send_aws(lean.sdk(), i).await?,
                    }
                ),)*
            })
        }

        /// Runs `request` on the embedded engine.
        #[cfg(feature = "embedded")]
        pub(crate) fn send_embedded(
            engine: &crate::transport::embedded_engine::Engine,
            request: Request,
        ) -> Result<Response> {
            Ok(match request {
                $(Request::$name(i) => {
                    Response::$name(<$module::$name as Operation>::send_embedded(engine, i)?)
                })*
            })
        }

        $(
            impl FromResponse for $sdk::operation::$module::$output {
                fn from_response(response: Response) -> Result<Self> {
                    match response {
                        Response::$name(output) => Ok(output),
                        other => Err(crate::Error::backend(
                            "MismatchedResponse",
                            format!(
                                "the transport answered a {} request with a {} response",
                                stringify!($name),
                                other.kind().as_str(),
                            ),
                        )),
                    }
                }
            }
        )*
    };
}

operations! {
    /// PutItem.
    PutItem: put_item (aws_sdk_dynamodb: PutItemInput => PutItemOutput), false;
    /// GetItem.
    GetItem: get_item (aws_sdk_dynamodb: GetItemInput => GetItemOutput), true;
    /// UpdateItem.
    UpdateItem: update_item (aws_sdk_dynamodb: UpdateItemInput => UpdateItemOutput), false;
    /// DeleteItem.
    DeleteItem: delete_item (aws_sdk_dynamodb: DeleteItemInput => DeleteItemOutput), false;
    /// CreateTable.
    CreateTable: create_table (aws_sdk_dynamodb: CreateTableInput => CreateTableOutput), false;
    /// DescribeTable.
    DescribeTable: describe_table (aws_sdk_dynamodb: DescribeTableInput => DescribeTableOutput), false;
    /// DeleteTable.
    DeleteTable: delete_table (aws_sdk_dynamodb: DeleteTableInput => DeleteTableOutput), false;
    /// UpdateTable: a global index added or removed, billing, stream.
    UpdateTable: update_table (aws_sdk_dynamodb: UpdateTableInput => UpdateTableOutput), false;
    /// ListTables: one page of table names.
    ListTables: list_tables (aws_sdk_dynamodb: ListTablesInput => ListTablesOutput), false;
    /// ListTagsOfResource: a table's tags.
    ListTagsOfResource: list_tags_of_resource (aws_sdk_dynamodb: ListTagsOfResourceInput => ListTagsOfResourceOutput), false;
    /// UpdateTimeToLive.
    UpdateTimeToLive: update_time_to_live (aws_sdk_dynamodb: UpdateTimeToLiveInput => UpdateTimeToLiveOutput), false;
    /// Query: one page.
    Query: query (aws_sdk_dynamodb: QueryInput => QueryOutput), true;
    /// Scan: one page of one segment.
    Scan: scan (aws_sdk_dynamodb: ScanInput => ScanOutput), true;
    /// BatchGetItem: up to 100 keys.
    BatchGetItem: batch_get_item (aws_sdk_dynamodb: BatchGetItemInput => BatchGetItemOutput), true;
    /// BatchWriteItem: up to 25 puts and deletes.
    BatchWriteItem: batch_write_item (aws_sdk_dynamodb: BatchWriteItemInput => BatchWriteItemOutput), false;
    /// TransactWriteItems: all or nothing.
    TransactWriteItems: transact_write_items (aws_sdk_dynamodb: TransactWriteItemsInput => TransactWriteItemsOutput), false;
    /// TransactGetItems: a consistent snapshot of several items.
    TransactGetItems: transact_get_items (aws_sdk_dynamodb: TransactGetItemsInput => TransactGetItemsOutput), true;
    /// DescribeStream (DynamoDB Streams): a page of a stream's shards.
    DescribeStream: describe_stream (aws_sdk_dynamodbstreams: DescribeStreamInput => DescribeStreamOutput), true;
    /// GetShardIterator (DynamoDB Streams): where to read a shard from.
    GetShardIterator: get_shard_iterator (aws_sdk_dynamodbstreams: GetShardIteratorInput => GetShardIteratorOutput), true;
    /// GetRecords (DynamoDB Streams): a shard's next changes.
    GetRecords: get_records (aws_sdk_dynamodbstreams: GetRecordsInput => GetRecordsOutput), true;
    /// ExecuteStatement: one PartiQL statement.
    ExecuteStatement: execute_statement (aws_sdk_dynamodb: ExecuteStatementInput => ExecuteStatementOutput), false;
    /// BatchExecuteStatement: up to 25 PartiQL statements, each on its own.
    BatchExecuteStatement: batch_execute_statement (aws_sdk_dynamodb: BatchExecuteStatementInput => BatchExecuteStatementOutput), false;
    /// ExecuteTransaction: up to 100 PartiQL statements, all or nothing.
    ExecuteTransaction: execute_transaction (aws_sdk_dynamodb: ExecuteTransactionInput => ExecuteTransactionOutput), false;
}
