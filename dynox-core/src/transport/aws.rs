//! The AWS SDK transport: DynamoDB, DynamoDB Local, or any compatible endpoint.

use super::{Request, Response, Transport};
use crate::Result;
use aws_sdk_dynamodb::Client;
use futures::future::BoxFuture;
use futures::FutureExt;

/// Sends requests with the official `aws-sdk-dynamodb` client (and
/// `aws-sdk-dynamodbstreams` for change streams). Credentials, region,
/// retries and timeouts are the clients' own configuration.
#[derive(Clone, Debug)]
pub struct AwsTransport {
    clients: AwsClients,
}

/// The SDK clients operations are sent with: DynamoDB's, and DynamoDB
/// Streams' where one was given. Dereferences to DynamoDB's.
#[derive(Clone, Debug)]
pub(crate) struct AwsClients {
    dynamodb: Client,
    streams: Option<aws_sdk_dynamodbstreams::Client>,
}

impl std::ops::Deref for AwsClients {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.dynamodb
    }
}

impl AwsClients {
    pub(crate) fn new(dynamodb: Client, streams: Option<aws_sdk_dynamodbstreams::Client>) -> Self {
        AwsClients { dynamodb, streams }
    }

    /// Reads change streams with `streams`.
    pub(crate) fn set_streams(&mut self, streams: aws_sdk_dynamodbstreams::Client) {
        self.streams = Some(streams);
    }

    /// The DynamoDB Streams client, or what to do to have one.
    pub(crate) fn streams(&self) -> Result<&aws_sdk_dynamodbstreams::Client> {
        self.streams.as_ref().ok_or_else(|| crate::Error::Configuration {
            message: "this client has no DynamoDB Streams client: build it with `Dynox::from_env()` or `Dynox::from_clients(dynamodb, streams)`".to_owned(),
        })
    }
}

impl AwsTransport {
    /// Wraps an SDK client; change streams need
    /// [`with_streams`](Self::with_streams) as well.
    ///
    /// The client is rebuilt from its configuration with one interceptor
    /// added, which notes each request and response body's length for the
    /// `bytes_sent` and `bytes_received` metrics.
    pub fn new(client: Client) -> Self {
        AwsTransport {
            clients: AwsClients::new(super::aws_received::measuring(&client), None),
        }
    }

    /// Reads change streams with `streams` (configured like the DynamoDB
    /// client: same credentials, region and, for DynamoDB Local, endpoint).
    pub fn with_streams(mut self, streams: aws_sdk_dynamodbstreams::Client) -> Self {
        self.clients.streams = Some(streams);
        self
    }

    /// The wrapped SDK client.
    pub fn client(&self) -> &Client {
        &self.clients.dynamodb
    }
}

impl Transport for AwsTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        // each operation module copies its input onto the SDK's builder
        crate::operation::send_aws(&self.clients, request).boxed()
    }

    fn name(&self) -> &'static str {
        "aws"
    }
}
