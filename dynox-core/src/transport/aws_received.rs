//! The size of DynamoDB's answers as the HTTP body's length.
//!
//! The `bytes_received` metric would otherwise be computed from the parsed
//! response, a walk over every string of every item: 1,000 items of a query
//! cost that walk on each page. The AWS transport has the body in hand, so
//! an interceptor on its client notes the length where the request's
//! future can read it back.

use aws_sdk_dynamodb::config::interceptors::BeforeDeserializationInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use std::cell::Cell;
use std::future::Future;

tokio::task_local! {
    /// The body length of the last response received by this task's
    /// request (the SDK runs its interceptors in the caller's future).
    static RECEIVED: Cell<Option<u64>>;
}

/// Notes the length of each response body (the last attempt's wins).
#[derive(Debug)]
pub(crate) struct BodyLength;

impl Intercept for BodyLength {
    fn name(&self) -> &'static str {
        "dynox response body length"
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        let length = context.response().body().content_length();
        // outside `received` (a client used directly) there is nowhere to note it
        let _ = RECEIVED.try_with(|cell| cell.set(length));
        Ok(())
    }
}

/// Adds [`BodyLength`] to a DynamoDB client's configuration.
pub(crate) fn measuring(client: &aws_sdk_dynamodb::Client) -> aws_sdk_dynamodb::Client {
    let config = client.config().to_builder().interceptor(BodyLength).build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

/// Runs `send` and answers with its output and the length of the response
/// body it received, when a measuring client received one.
pub(crate) async fn received<T>(send: impl Future<Output = T>) -> (T, Option<u64>) {
    RECEIVED
        .scope(Cell::new(None), async {
            let out = send.await;
            (out, RECEIVED.with(Cell::get))
        })
        .await
}
