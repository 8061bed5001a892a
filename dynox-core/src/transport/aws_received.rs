//! The sizes of requests and answers as their HTTP bodies' lengths.
//!
//! The `bytes_sent` and `bytes_received` metrics would otherwise be computed
//! from the request and the parsed response, a walk over every string of
//! every item: 1,000 items of a query, or 25 of a batch write, cost that walk
//! per request. The AWS transport has the bodies in hand, so an interceptor
//! on its client notes their lengths where the request's future can read
//! them back.

use aws_sdk_dynamodb::config::interceptors::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use std::cell::RefCell;
use std::future::Future;

/// The body lengths of a request's last attempt, where they were noted,
/// and DynamoDB's id of it where the output cannot carry one (the lean
/// transport's: the SDK's outputs take a request id only from the SDK).
#[derive(Debug, Clone, Default)]
pub(crate) struct Bodies {
    pub(crate) sent: Option<u64>,
    pub(crate) received: Option<u64>,
    pub(crate) request_id: Option<String>,
}

tokio::task_local! {
    /// The body lengths of this task's request in flight (the SDK runs its
    /// interceptors in the caller's future).
    static BODIES: RefCell<Bodies>;
}

/// Notes the length of each request and response body (the last attempt's
/// win).
#[derive(Debug)]
pub(crate) struct BodyLength;

/// Changes the noted lengths, when a request is in [`received`].
pub(crate) fn note(f: impl FnOnce(&mut Bodies)) {
    // outside `received` (a client used directly) there is nowhere to note them
    let _ = BODIES.try_with(|cell| f(&mut cell.borrow_mut()));
}

impl Intercept for BodyLength {
    fn name(&self) -> &'static str {
        "dynox body lengths"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        let length = context.request().body().content_length();
        note(|b| b.sent = length);
        Ok(())
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        let length = context.response().body().content_length();
        note(|b| b.received = length);
        Ok(())
    }
}

/// Adds [`BodyLength`] to a DynamoDB client's configuration.
pub(crate) fn measuring(client: &aws_sdk_dynamodb::Client) -> aws_sdk_dynamodb::Client {
    let config = client.config().to_builder().interceptor(BodyLength).build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

/// Runs `send` and answers with its output and the lengths of the bodies
/// it sent and received, where a measuring client noted them.
pub(crate) async fn received<T>(send: impl Future<Output = T>) -> (T, Bodies) {
    BODIES
        .scope(RefCell::new(Bodies::default()), async {
            let out = send.await;
            (out, BODIES.with(RefCell::take))
        })
        .await
}
