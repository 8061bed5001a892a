//! The settings dynox gives the SDK's DynamoDB client it builds itself
//! (`Dynox::from_env`, `Dynox::from_env_lean`): the two that measurably
//! lower the SDK's CPU per request (docs/benchmarks.md, "SDK settings").
//! A client given to `Dynox::from_client` keeps its own configuration.
//!
//! - Stalled-stream protection off (about 5 to 8 µs per request). It
//!   watches each answer's body for a stall of 5 s; DynamoDB's answers are
//!   one JSON document of at most a few MB, so an attempt timeout bounds a
//!   stalled one instead: 30 s per attempt, unless the configuration sets
//!   one. Given up: a stall is noticed after 30 s rather than 5 s.
//! - For an `http://` endpoint (DynamoDB Local), an HTTP client without
//!   TLS (about 3 to 6 µs). Given up: nothing; such an endpoint has no TLS.
//!
//! What measured below noise and gives up safety is left as the SDK sets
//! it: retries, the identity cache, clock-skew correction, timeouts other
//! than the attempt's, the behavior version.

use aws_config::SdkConfig;
use aws_sdk_dynamodb::config::StalledStreamProtectionConfig;
use std::time::Duration;

/// The attempt timeout that stands in for stalled-stream protection.
pub(crate) const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);

/// The DynamoDB client for `config`, with dynox's settings.
pub(crate) fn dynamodb_client(config: &SdkConfig) -> aws_sdk_dynamodb::Client {
    let mut builder = aws_sdk_dynamodb::config::Builder::from(config)
        .stalled_stream_protection(StalledStreamProtectionConfig::disabled());
    let timeouts = config
        .timeout_config()
        .cloned()
        .unwrap_or_else(|| aws_smithy_types::timeout::TimeoutConfig::builder().build());
    if timeouts.operation_attempt_timeout().is_none() {
        builder = builder.timeout_config(
            timeouts
                .to_builder()
                .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                .build(),
        );
    }
    if plain_http(config) {
        builder = builder.http_client(aws_smithy_http_client::Builder::new().build_http());
    }
    aws_sdk_dynamodb::Client::from_conf(builder.build())
}

/// Whether DynamoDB's endpoint is an `http://` URL: the service's own
/// variable, else the shared one, else the configuration's.
fn plain_http(config: &SdkConfig) -> bool {
    // the SDK then uses its resolved AWS endpoint, which is HTTPS
    let ignored = std::env::var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .is_ok_and(|v| v.trim().eq_ignore_ascii_case("true"));
    if ignored {
        return false;
    }
    let url = std::env::var("AWS_ENDPOINT_URL_DYNAMODB")
        .ok()
        .or_else(|| std::env::var("AWS_ENDPOINT_URL").ok())
        .or_else(|| config.endpoint_url().map(str::to_owned));
    url.is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("http://"))
}
