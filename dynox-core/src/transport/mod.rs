//! The transport boundary: rendered DynamoDB requests in, responses out.
//!
//! dynox's operation layer renders every operation into an AWS SDK input
//! value exactly once (expressions, placeholders, ReturnConsumedCapacity). A
//! [`Transport`] only carries it: [`AwsTransport`] through the official SDK
//! client, [`LeanTransport`] as DynamoDB's JSON protocol over hyper (the
//! item operations; the rest through the SDK), `EmbeddedTransport` through
//! the in-process dynoxide engine. What
//! each operation needs of either transport lives with the operation
//! (`src/operation/`); this module holds what the operations share: each
//! transport's error mapping, and the engine's conversions.
//! Wrap a transport to inject faults in tests.

mod aws;
pub(crate) mod aws_errors;
pub(crate) mod aws_received;
pub(crate) use aws_errors::MISSING_REGION;
#[cfg(feature = "embedded")]
mod embedded;
#[cfg(feature = "embedded")]
pub(crate) mod embedded_convert;
#[cfg(feature = "embedded")]
pub(crate) mod embedded_engine;
#[cfg(feature = "embedded")]
pub(crate) mod embedded_reads;
#[cfg(feature = "embedded")]
pub(crate) mod embedded_schema;
pub(crate) mod lean;
pub(crate) mod sdk_settings;

pub use crate::operation::{Request, Response};
pub(crate) use aws::AwsClients;
pub use aws::AwsTransport;
#[cfg(feature = "embedded")]
pub use embedded::EmbeddedTransport;
pub use lean::LeanTransport;

use crate::Result;
use futures::future::BoxFuture;

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
