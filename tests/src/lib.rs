//! The harness of dynox's integration tests: every test is written once and
//! runs on each backend.
//!
//! `backend_tests!` turns each `async fn name(db: Dynox) -> Result<()>` into a
//! module `name` with a test `embedded` and, with the `dynamodb-local`
//! feature, the tests `dynamodb_local` (the SDK transport) and
//! `dynamodb_local_lean` (the lean transport). That feature is what the README's test
//! command turns on; it reads DynamoDB Local's endpoint from
//! `DYNOX_TEST_ENDPOINT` and fails when it is missing or unreachable.

pub mod faults;
pub mod keys;
pub mod models;
pub mod objects;
pub mod proxy;
pub mod secrets;

use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use dynox_core::transport::{Request, Response};
use dynox_core::{Dynox, Item, Result};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where a test runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded dynoxide engine, in memory.
    Embedded,
    /// DynamoDB Local through the AWS SDK transport.
    DynamoDbLocal,
    /// DynamoDB Local through the lean AWS transport (aws-sigv4 and hyper;
    /// the SDK for what it does not carry).
    DynamoDbLocalLean,
}

impl Backend {
    /// Whether the backend is DynamoDB Local, through either AWS transport.
    pub fn is_dynamodb_local(self) -> bool {
        matches!(self, Backend::DynamoDbLocal | Backend::DynamoDbLocalLean)
    }
}

/// A table prefix no other test of any process uses, so tests run in parallel
/// against one DynamoDB Local.
pub fn unique_prefix() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "t{}_{}_",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The endpoint of DynamoDB Local given by the test script.
pub fn local_endpoint() -> String {
    match std::env::var("DYNOX_TEST_ENDPOINT") {
        Ok(e) if !e.is_empty() => e,
        _ => panic!(
            "DYNOX_TEST_ENDPOINT is not set: the dynamodb-local tests need DynamoDB Local. \
             Run them with `scripts/test.sh`, which starts it, or start it with \
             `scripts/dynamodb-local.sh start` and export its endpoint."
        ),
    }
}

/// An SDK client for DynamoDB Local (fixed dummy credentials, one region).
pub fn local_sdk_client() -> aws_sdk_dynamodb::Client {
    sdk_client_at(&local_endpoint())
}

/// An SDK client for `endpoint`, configured as [`local_sdk_client`].
pub fn sdk_client_at(endpoint: &str) -> aws_sdk_dynamodb::Client {
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "dynox",
            "dynox",
            None,
            None,
            "dynox-tests",
        ))
        .build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

/// A DynamoDB Streams client for DynamoDB Local, configured as
/// [`local_sdk_client`].
pub fn local_streams_client() -> aws_sdk_dynamodbstreams::Client {
    let config = aws_sdk_dynamodbstreams::Config::builder()
        .behavior_version(aws_sdk_dynamodbstreams::config::BehaviorVersion::latest())
        .endpoint_url(local_endpoint())
        .region(aws_sdk_dynamodbstreams::config::Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "dynox",
            "dynox",
            None,
            None,
            "dynox-tests",
        ))
        .build();
    aws_sdk_dynamodbstreams::Client::from_conf(config)
}

/// A client on `backend` with a table prefix of its own.
pub fn connect(backend: Backend) -> Dynox {
    let db = match backend {
        Backend::Embedded => Dynox::memory(),
        Backend::DynamoDbLocal => Dynox::from_clients(local_sdk_client(), local_streams_client()),
        Backend::DynamoDbLocalLean => {
            Dynox::from_clients_lean(local_sdk_client(), local_streams_client())
        }
    };
    db.with_table_prefix(unique_prefix())
}

/// Runs the Python script `tests/interop/<script>` (with the Python that
/// `DYNOX_PYTHON` names, where the test script installed boto3 and pydynox)
/// against DynamoDB Local's table `table`, and returns what it printed: a
/// JSON report. A failing script fails the test with its error output.
pub fn run_interop_script(script: &str, table: &str) -> Vec<u8> {
    let python = match std::env::var("DYNOX_PYTHON") {
        Ok(p) if !p.is_empty() => p,
        _ => panic!(
            "DYNOX_PYTHON is not set: the interop tests need a Python with boto3 and pydynox. \
             Run them with `scripts/test.sh`, which installs both into .venv-interop."
        ),
    };
    let path = format!("{}/interop/{script}", env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(python)
        .arg(&path)
        .arg(local_endpoint())
        .arg(table)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Reads an item with a plain GetItem through the transport, bypassing
/// dynox's operations: on the AWS backend this is the SDK's own `get_item`.
pub async fn raw_get(db: &Dynox, table: &str, key: Item) -> Item {
    let input = aws_sdk_dynamodb::operation::get_item::GetItemInput::builder()
        .table_name(table)
        .set_key(Some(key))
        .consistent_read(true)
        .build()
        .expect("valid GetItem");
    match db.transport().send(Request::GetItem(input)).await {
        Ok(Response::GetItem(out)) => out.item.unwrap_or_default(),
        other => panic!("raw GetItem failed: {other:?}"),
    }
}

/// Writes an item with a plain PutItem through the transport, as another tool
/// would, bypassing dynox's mapping.
pub async fn raw_put(db: &Dynox, table: &str, item: Item) -> Result<()> {
    let input = aws_sdk_dynamodb::operation::put_item::PutItemInput::builder()
        .table_name(table)
        .set_item(Some(item))
        .build()
        .expect("valid PutItem");
    db.transport()
        .send(Request::PutItem(input))
        .await
        .map(|_| ())
}

/// Deletes an item with a plain DeleteItem through the transport.
pub async fn raw_delete(db: &Dynox, table: &str, key: Item) -> Result<()> {
    let input = aws_sdk_dynamodb::operation::delete_item::DeleteItemInput::builder()
        .table_name(table)
        .set_key(Some(key))
        .build()
        .expect("valid DeleteItem");
    db.transport()
        .send(Request::DeleteItem(input))
        .await
        .map(|_| ())
}

/// Builds an item from `(name, value)` pairs.
pub fn item<const N: usize>(pairs: [(&str, aws_sdk_dynamodb::types::AttributeValue); N]) -> Item {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// The configuration of a differential property test: `cases` cases (or
/// `PROPTEST_CASES`), from a fixed seed unless `PROPTEST_RNG_SEED` names
/// another. A fixed seed gives the same cases on every run, so the tests'
/// checks that the generated cases reach each outcome cannot fail by chance
/// (a random seed missed one about once in five runs); set the variables to
/// explore other cases.
pub fn differential_config(cases: u32) -> proptest::test_runner::Config {
    let default = proptest::test_runner::Config::default();
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    let rng_seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(_) => default.rng_seed,
        Err(_) => proptest::test_runner::RngSeed::Fixed(0x0D1F_F5E9),
    };
    proptest::test_runner::Config {
        cases,
        rng_seed,
        ..default
    }
}

/// Runs `test` on a fresh client of `backend`; a returned error fails the test.
pub async fn run<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(Dynox) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    if let Err(e) = test(connect(backend)).await {
        panic!("test failed on {backend:?}: {e}\n{e:?}");
    }
}

/// Declares tests that run on every backend; see the crate docs.
#[macro_export]
macro_rules! backend_tests {
    ($( $(#[$meta:meta])* async fn $name:ident($db:ident : Dynox) -> Result<()> $body:block )*) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn test($db: ::dynox_core::Dynox) -> ::dynox_core::Result<()> $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn embedded() {
                $crate::run($crate::Backend::Embedded, test).await;
            }

            #[cfg(feature = "dynamodb-local")]
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn dynamodb_local() {
                $crate::run($crate::Backend::DynamoDbLocal, test).await;
            }

            #[cfg(feature = "dynamodb-local")]
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn dynamodb_local_lean() {
                $crate::run($crate::Backend::DynamoDbLocalLean, test).await;
            }
        }
    )*};
}
