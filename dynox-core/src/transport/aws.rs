//! The AWS SDK transport: DynamoDB, DynamoDB Local, or any compatible endpoint.

use super::{Request, Response, Transport};
use crate::Result;
use aws_sdk_dynamodb::Client;
use futures::future::BoxFuture;
use futures::FutureExt;

/// Sends requests with the official `aws-sdk-dynamodb` client. Credentials,
/// region, retries and timeouts are the client's own configuration.
#[derive(Clone, Debug)]
pub struct AwsTransport {
    client: Client,
}

impl AwsTransport {
    /// Wraps an SDK client.
    pub fn new(client: Client) -> Self {
        AwsTransport { client }
    }

    /// The wrapped SDK client.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

impl Transport for AwsTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        // each operation module copies its input onto the SDK's builder
        crate::operation::send_aws(&self.client, request).boxed()
    }

    fn name(&self) -> &'static str {
        "aws"
    }
}
