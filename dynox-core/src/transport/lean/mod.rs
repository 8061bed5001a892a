//! The lean AWS transport: DynamoDB's item operations signed with
//! `aws-sigv4`, sent by hyper on kept-alive connections (with rustls, as
//! the SDK's own client), their JSON written with `aws-smithy-json` and
//! read with serde_json. Everything else (table management, PartiQL,
//! streams, tags, TTL) goes through the SDK client it was built from,
//! where a request's CPU cost does not matter.
//!
//! What it keeps of the SDK, read from the SDK client: credentials from its
//! identity resolver behind its identity cache (loaded and refreshed as
//! the SDK does), the endpoint and the signing region as the SDK resolves
//! them (once per client: see [`endpoint`]), standard-mode retries and the
//! retry quota ([`retry`]), clock-skew correction (each answer's `Date`
//! corrects the signing clock; a signature refused while the clocks are
//! more than 4 minutes apart is retried with the corrected clock), the
//! connect, read, attempt and operation timeouts, and error codes mapped
//! to the same [`crate::Error`] variants. It sends the bytes the SDK sends
//! (a test compares them).
//!
//! What it leaves out, documented on [`LeanTransport`]: the SDK's
//! interceptors, stalled-stream protection (an attempt timeout stands in),
//! adaptive retry mode's client rate limiter, and an HTTP client of the
//! user's choosing.

pub(crate) mod credentials;
pub(crate) mod endpoint;
pub(crate) mod errors;
pub(crate) mod json_in;
pub(crate) mod json_out;
pub(crate) mod retry;

use super::aws::AwsClients;
use super::aws_received::note;
use super::{Request, Response, Transport};
use crate::{Error, Result};
use bytes::Bytes;
use futures::future::BoxFuture;
use futures::FutureExt;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

type Connector = hyper_rustls::HttpsConnector<HttpConnector>;
type Http = hyper_util::client::legacy::Client<Connector, Full<Bytes>>;

/// How the lean transport carries one operation: DynamoDB's name for it
/// (`X-Amz-Target`), its request body and the reading of its answer.
pub(crate) struct Codec<I, O> {
    /// `DynamoDB_20120810.PutItem` and so on.
    pub(crate) target: &'static str,
    /// Writes the request's members into the body object.
    pub(crate) write: fn(&I, &mut json_out::Object<'_>),
    /// Reads a successful answer.
    pub(crate) read: fn(&[u8]) -> Result<O>,
    /// Whether the body carries every member the input has; an input with
    /// members of DynamoDB's legacy API (`Expected`, `AttributeUpdates`,
    /// `KeyConditions`, ...), which dynox never renders, goes to the SDK.
    pub(crate) carries: fn(&I) -> bool,
    /// Whether a failed condition's answer carries the stored item.
    pub(crate) keeps_item: bool,
}

/// Sends DynamoDB's item operations without the AWS SDK's per-request
/// machinery, at less than half its CPU per request (see
/// docs/benchmarks.md), and every other operation with the SDK client it
/// was built from. Opt in with [`Dynox::from_env_lean`](crate::Dynox::from_env_lean)
/// or [`Dynox::from_client_lean`](crate::Dynox::from_client_lean).
///
/// From the SDK client it takes the credentials (its resolver and
/// identity cache), the endpoint and signing region (resolved by the SDK
/// once, on the first request), retry settings (standard mode: attempts,
/// backoff, the retry quota) and timeouts (connect, 3.1 s when unset as
/// the SDK's default; read, to the answer's head; attempt; operation); it
/// corrects the signing clock by the skew each answer's `Date` shows, and
/// maps errors to the same [`crate::Error`] variants as
/// [`AwsTransport`](super::AwsTransport). Requests with members of
/// DynamoDB's legacy API (`Expected`, ...) and tables named by ARN go
/// through the SDK.
///
/// What it gives up, against the SDK transport: interceptors and a custom
/// HTTP client on the SDK client apply only to the operations it passes
/// on to the SDK; stalled-stream protection (an attempt timeout bounds a
/// stalled answer instead: the configured one, else 30 s); adaptive retry
/// mode's client-side rate limiter and a server's `x-amz-retry-after` (it
/// retries as standard mode does); request checksums (DynamoDB requires
/// none).
#[derive(Clone)]
pub struct LeanTransport {
    inner: Arc<Inner>,
    sdk: AwsClients,
}

struct Inner {
    http: Http,
    region: Option<String>,
    /// Where requests go and the credentials to sign them with, both as
    /// the SDK client resolves them (on the first request).
    resolved: tokio::sync::OnceCell<(endpoint::Endpoint, credentials::Credentials)>,
    retries: retry::Retries,
    /// The server's clock minus ours, in milliseconds, from the last answer.
    skew_ms: AtomicI64,
    /// Whether to sign with the corrected clock (the client's
    /// `disable_clock_skew_correction` turns it off).
    skew_correction: bool,
    read_timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
}

impl std::fmt::Debug for LeanTransport {
    // credentials never reach a log: only where requests go
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LeanTransport")
            .field("region", &self.inner.region)
            .field("endpoint", &self.inner.resolved.get().map(|e| &e.0.uri))
            .finish_non_exhaustive()
    }
}

impl LeanTransport {
    /// A lean transport configured as `client` is; change streams need
    /// [`with_streams`](Self::with_streams) as well.
    pub fn new(client: aws_sdk_dynamodb::Client) -> Self {
        let config = client.config();
        let timeouts = config
            .timeout_config()
            .cloned()
            .unwrap_or_else(aws_smithy_types::timeout::TimeoutConfig::disabled);
        // the SDK's own defaults where the configuration is silent: a
        // connect timeout of 3.1 s, and (standing in for its stalled-stream
        // protection) dynox's 30 s attempt timeout
        let connect_timeout = timeouts
            .connect_timeout()
            .unwrap_or(Duration::from_millis(3_100));
        let mut connector = HttpConnector::new();
        connector.enforce_http(false);
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(connect_timeout));
        let tls = tls_connector(connector);
        let http =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .pool_idle_timeout(Duration::from_secs(90))
                .build(tls);
        LeanTransport {
            sdk: AwsClients::new(super::aws_received::measuring(&client), None),
            inner: Arc::new(Inner {
                region: config.region().map(|r| r.as_ref().to_owned()),
                retries: retry::Retries::new(config.retry_config()),
                read_timeout: timeouts.read_timeout(),
                attempt_timeout: timeouts
                    .operation_attempt_timeout()
                    .or(Some(super::sdk_settings::ATTEMPT_TIMEOUT)),
                operation_timeout: timeouts.operation_timeout(),
                skew_correction: config.disable_clock_skew_correction() != Some(true),
                http,
                resolved: tokio::sync::OnceCell::new(),
                skew_ms: AtomicI64::new(0),
            }),
        }
    }

    /// Reads change streams with `streams` (through the SDK).
    pub fn with_streams(mut self, streams: aws_sdk_dynamodbstreams::Client) -> Self {
        self.sdk.set_streams(streams);
        self
    }

    /// The SDK clients that carry what this transport does not.
    pub(crate) fn sdk(&self) -> &AwsClients {
        &self.sdk
    }

    /// Sends one operation: renders its body once, then signs and sends it
    /// for each attempt.
    pub(crate) async fn call<I, O>(&self, codec: &Codec<I, O>, input: &I) -> Result<O> {
        let mut body = String::with_capacity(256);
        {
            let mut object = json_out::Object::new(&mut body);
            (codec.write)(input, &mut object);
            object.finish();
        }
        let body = Bytes::from(body);
        let attempts = self.attempts(codec, body);
        match self.inner.operation_timeout {
            Some(limit) => tokio::time::timeout(limit, attempts)
                .await
                .unwrap_or_else(|_| Err(timed_out())),
            None => attempts.await,
        }
    }

    async fn attempts<I, O>(&self, codec: &Codec<I, O>, body: Bytes) -> Result<O> {
        let inner = &*self.inner;
        let (endpoint, credentials) = inner
            .resolved
            .get_or_try_init(|| endpoint::resolve(&self.sdk, inner.region.as_deref()))
            .await?;
        // after the probe, whose stopped request notes a length of its own
        note(|b| b.sent = Some(body.len() as u64));
        let mut held = inner.retries.start();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let identity = credentials.get().await?;
            let request = endpoint.signed(codec.target, body.clone(), &identity, self.now())?;
            let exchange = self.exchange(request);
            let outcome = match inner.attempt_timeout {
                Some(limit) => tokio::time::timeout(limit, exchange)
                    .await
                    .unwrap_or_else(|_| Err(Failure::TimedOut)),
                None => exchange.await,
            };
            let (kind, error) = match outcome {
                Ok((200..=299, body)) => {
                    held.succeeded();
                    return (codec.read)(&body);
                }
                Ok((status, body)) => {
                    let answer = errors::Answer::read(status, body.error_type.as_deref(), &body);
                    match answer.retry(self.skew()) {
                        Some(kind) => (kind, answer.into_error(codec.keeps_item)),
                        None => return Err(answer.into_error(codec.keeps_item)),
                    }
                }
                Err(failure) => (retry::Kind::Transient, failure.into_error()),
            };
            match inner.retries.retry(&mut held, attempt, kind) {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return Err(error),
            }
        }
    }

    /// One HTTP exchange: the status and body of the answer, after noting
    /// its length, request id and the server's clock.
    async fn exchange(
        &self,
        request: http::Request<Full<Bytes>>,
    ) -> Result<(u16, Answered), Failure> {
        let inner = &*self.inner;
        let sent = SystemTime::now();
        // the read timeout bounds the wait for the answer's head, as the
        // SDK's; the attempt timeout bounds the whole exchange
        let answer = inner.http.request(request);
        let response = match inner.read_timeout {
            Some(limit) => match tokio::time::timeout(limit, answer).await {
                Ok(response) => response.map_err(Failure::Http)?,
                Err(_) => return Err(Failure::TimedOut),
            },
            None => answer.await.map_err(Failure::Http)?,
        };
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(Failure::Body)?.to_bytes();
        self.note_clock(parts.headers.get(http::header::DATE), sent);
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let request_id = header("x-amzn-requestid");
        note(|b| {
            b.received = Some(body.len() as u64);
            b.request_id = request_id;
        });
        Ok((
            parts.status.as_u16(),
            Answered {
                body,
                error_type: header("x-amzn-errortype"),
            },
        ))
    }

    /// How far apart the clocks were at the last answer.
    fn skew(&self) -> Duration {
        Duration::from_millis(self.inner.skew_ms.load(Ordering::Relaxed).unsigned_abs())
    }

    /// The signing time: our clock corrected by the last skew seen.
    fn now(&self) -> SystemTime {
        if !self.inner.skew_correction {
            return SystemTime::now();
        }
        let skew = self.inner.skew_ms.load(Ordering::Relaxed);
        let now = SystemTime::now();
        if skew >= 0 {
            now + Duration::from_millis(skew as u64)
        } else {
            now - Duration::from_millis(skew.unsigned_abs())
        }
    }

    /// Notes the skew an answer's `Date` shows (the SDK's clock-skew
    /// correction: a client whose clock is off keeps signing valid requests).
    /// The answer's time is taken as the middle of the exchange, which
    /// started at `sent`.
    fn note_clock(&self, date: Option<&http::HeaderValue>, sent: SystemTime) {
        let Some(date) = date.and_then(|d| d.to_str().ok()) else {
            return;
        };
        let Ok(server) = aws_smithy_types::DateTime::from_str(
            date,
            aws_smithy_types::date_time::Format::HttpDate,
        ) else {
            return;
        };
        let Ok(server) = SystemTime::try_from(server) else {
            return;
        };
        let now = SystemTime::now();
        let middle = sent + now.duration_since(sent).unwrap_or_default() / 2;
        let skew = match server.duration_since(middle) {
            Ok(ahead) => ahead.as_millis() as i64,
            Err(behind) => -(behind.duration().as_millis() as i64),
        };
        self.inner.skew_ms.store(skew, Ordering::Relaxed);
    }
}

/// HTTPS (rustls with aws-lc-rs, as the SDK's client) or plain HTTP for
/// an `http://` endpoint such as DynamoDB Local. Without the system's root
/// certificates, HTTPS connections fail with a certificate error, and
/// plain HTTP still works.
fn tls_connector(connector: HttpConnector) -> Connector {
    let provider = rustls::crypto::aws_lc_rs::default_provider;
    let builder = match hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(provider())
    {
        Ok(builder) => builder,
        Err(e) => {
            tracing::warn!(error = %e, "no root certificates: the lean transport cannot verify HTTPS endpoints");
            let config = rustls::ClientConfig::builder_with_provider(Arc::new(provider()))
                .with_safe_default_protocol_versions()
                .map(|b| {
                    b.with_root_certificates(rustls::RootCertStore::empty())
                        .with_no_client_auth()
                });
            match config {
                Ok(config) => hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(config),
                // aws-lc-rs has both default protocol versions
                Err(e) => unreachable!("aws-lc-rs lacks TLS 1.2 and 1.3: {e}"),
            }
        }
    };
    builder
        .https_or_http()
        .enable_http1()
        .wrap_connector(connector)
}

/// An answer's body and its `x-amzn-ErrorType` header.
struct Answered {
    body: Bytes,
    error_type: Option<String>,
}

impl std::ops::Deref for Answered {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.body
    }
}

/// Why an exchange got no answer.
#[derive(Debug)]
enum Failure {
    Http(hyper_util::client::legacy::Error),
    Body(hyper::Error),
    TimedOut,
}

impl Failure {
    /// The same variants the SDK transport's dispatch failures map to.
    fn into_error(self) -> Error {
        match self {
            Failure::TimedOut => timed_out(),
            Failure::Http(e) if e.is_connect() => Error::Unreachable {
                message: "connection failed".to_owned(),
                source: Some(Box::new(e)),
            },
            Failure::Http(e) => Error::Unreachable {
                message: "the request could not be sent".to_owned(),
                source: Some(Box::new(e)),
            },
            Failure::Body(e) => Error::Unreachable {
                message: "the answer was cut off".to_owned(),
                source: Some(Box::new(e)),
            },
        }
    }
}

fn timed_out() -> Error {
    Error::Unreachable {
        message: "no answer within the configured timeout".to_owned(),
        source: None,
    }
}

impl Transport for LeanTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response>> {
        crate::operation::send_lean(self, request).boxed()
    }

    fn name(&self) -> &'static str {
        "aws-lean"
    }
}
