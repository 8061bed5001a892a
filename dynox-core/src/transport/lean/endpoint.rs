//! Where requests go, as the SDK resolves it, and the signed request.
//!
//! The SDK's endpoint resolution (an `endpoint_url`, `AWS_ENDPOINT_URL_*`,
//! FIPS and dual-stack settings, a custom resolver) is not readable from a
//! client's configuration, so the lean transport asks the SDK client once:
//! it starts a ListTables with an interceptor that notes the request's URI
//! after the SDK resolved it and stops the request before it is sent.

use super::super::aws::AwsClients;
use super::credentials::Credentials;
use crate::{Error, Result};
use aws_sdk_dynamodb::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;
use http_body_util::Full;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// The resolved endpoint.
#[derive(Debug)]
pub(crate) struct Endpoint {
    pub(crate) uri: http::Uri,
    /// The URI's text, as the signer reads it (kept: one less render per
    /// request).
    text: String,
    /// The region and service the SDK signed for, read from its signed
    /// probe: an endpoint may name a signing region other than the
    /// client's (DynamoDB Local's `local` region signs for `us-east-1`).
    region: String,
    service: String,
}

/// What the probe learns of the SDK client: where its requests go, and
/// its runtime components (which hold its credentials and their cache).
type Seen = Option<(String, Option<String>, RuntimeComponents)>;

/// Notes the URI of the request the SDK is about to send, and stops it.
#[derive(Debug, Default)]
struct Probe(Arc<Mutex<Seen>>);

impl Intercept for Probe {
    fn name(&self) -> &'static str {
        "dynox endpoint probe"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        components: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> std::result::Result<(), aws_sdk_dynamodb::error::BoxError> {
        let request = context.request();
        let authorization = request.headers().get("authorization").map(str::to_owned);
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((request.uri().to_owned(), authorization, components.clone()));
        Err("dynox: the endpoint is known; this request is not sent".into())
    }
}

/// Asks the SDK where its requests go, what it signs them for, and how it
/// finds credentials; `region` is the client's, for a probe that carries
/// no signature.
pub(crate) async fn resolve(
    sdk: &AwsClients,
    region: Option<&str>,
) -> Result<(Endpoint, Credentials)> {
    let probe = Probe::default();
    let seen = Arc::clone(&probe.0);
    let config = sdk.config().to_builder().interceptor(probe).build();
    let client = aws_sdk_dynamodb::Client::from_conf(config);
    let outcome = client.list_tables().limit(1).send().await;
    let seen = seen.lock().unwrap_or_else(|e| e.into_inner()).take();
    match (seen, outcome) {
        (Some((uri, authorization, components)), _) => {
            let uri: http::Uri = uri.parse().map_err(|e| Error::Configuration {
                message: format!("the SDK resolved an endpoint that is not a URI ({uri}): {e}"),
            })?;
            if uri.authority().is_none() {
                return Err(Error::Configuration {
                    message: format!("the SDK resolved an endpoint without a host: {uri}"),
                });
            }
            let text = uri.to_string();
            let (region, service) = match authorization.as_deref().and_then(scope) {
                Some((r, s)) => (r.to_owned(), s.to_owned()),
                None => (
                    region
                        .ok_or_else(|| Error::Configuration {
                            message: crate::transport::MISSING_REGION.to_owned(),
                        })?
                        .to_owned(),
                    "dynamodb".to_owned(),
                ),
            };
            let endpoint = Endpoint {
                uri,
                text,
                region,
                service,
            };
            Ok((endpoint, Credentials::of(components)?))
        }
        // the SDK failed before it had an endpoint (no region, no
        // credentials): its own error, mapped as the SDK transport maps it
        (None, Err(e)) => Err(crate::transport::aws_errors::map_sdk_error(
            e,
            crate::transport::aws_errors::ConditionItem::none,
        )),
        (None, Ok(_)) => Err(Error::Configuration {
            message: "the SDK sent a request the endpoint probe should have stopped".to_owned(),
        }),
    }
}

impl Endpoint {
    /// The POST of `body` to operation `target`, signed at `time` for the
    /// region and service the SDK signs for.
    pub(crate) fn signed(
        &self,
        target: &str,
        body: Bytes,
        identity: &Identity,
        time: SystemTime,
    ) -> Result<http::Request<Full<Bytes>>> {
        let mut request = http::Request::post(self.uri.clone())
            .header(http::header::CONTENT_TYPE, "application/x-amz-json-1.0")
            .header("x-amz-target", target)
            .header(http::header::CONTENT_LENGTH, body.len())
            .body(Full::new(body.clone()))
            .map_err(signing_failed)?;
        let params = v4::SigningParams::builder()
            .identity(identity)
            .region(&self.region)
            .name(&self.service)
            .time(time)
            .settings(SigningSettings::default())
            .build()
            .map_err(signing_failed)?
            .into();
        let headers = request
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)));
        let signable = SignableRequest::new(
            "POST",
            self.text.as_str(),
            headers,
            SignableBody::Bytes(&body),
        )
        .map_err(signing_failed)?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(signing_failed)?
            .into_parts();
        instructions.apply_to_request_http1x(&mut request);
        Ok(request)
    }
}

/// The region and service of a SigV4 `Authorization` header's credential
/// scope (`Credential=AKID/20261126/us-east-1/dynamodb/aws4_request`).
fn scope(authorization: &str) -> Option<(&str, &str)> {
    let credential = authorization.split("Credential=").nth(1)?;
    let credential = credential.split([',', ' ']).next()?;
    let mut parts = credential.rsplit('/');
    let (_request, service, region) = (parts.next()?, parts.next()?, parts.next()?);
    Some((region, service))
}

fn signing_failed(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::backend("SigningFailed", e)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_signing_scope_is_read_from_the_authorization_header() {
        let header = "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
        assert_eq!(super::scope(header), Some(("us-east-1", "dynamodb")));
        assert_eq!(super::scope("Bearer token"), None);
    }
}
