//! `Dynox`: the client every operation runs through.

mod send;

use crate::encrypt::{Crypto, KeyCacheLimits, KeyProvider};
use crate::hot::HotPartitions;
use crate::metrics::{Metrics, MetricsStore, OperationRecord, TableMetrics};
use crate::rate_limit::{Limits, RateLimit};
use crate::routing::Routes;
use crate::transport::{AwsTransport, LeanTransport, Transport};
use crate::{DynoModel, Result};
use std::borrow::Cow;
use std::sync::Arc;

/// A DynamoDB client: a transport, metrics, and an optional table prefix.
///
/// Cheap to clone (the state is shared behind `Arc`), `Send + Sync`.
///
/// ```
/// # use dynox_core::prelude::*;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
/// # fn order(id: &str, total: u32) -> Order { Order { customer: "c1".into(), id: id.into(), total } }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// let db = Dynox::memory(); // the embedded engine; `Dynox::from_env().await?` for AWS
/// let dev = db.with_table_prefix("dev_"); // same engine, tables dev_orders, ...
/// Order::create_table(&dev).await?;
/// order("o1", 5).save(&dev).await?;
/// assert_eq!(dev.table_name::<Order>(), "dev_orders");
/// assert!(dev.metrics().total_wcu > 0.0); // what DynamoDB reported, per client
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Dynox {
    shared: Arc<Shared>,
    prefix: Option<Arc<str>>,
    /// Models whose requests go through other clients (`route`).
    routes: Option<Arc<Routes>>,
    /// Capacity budgets (`with_rate_limit`).
    limits: Option<Arc<Limits>>,
    /// Hot-partition diagnostics (`with_hot_partitions`).
    hot: Option<HotPartitions>,
    /// The key provider of encrypted fields, and its cached data keys
    /// (`with_key_provider`).
    crypto: Option<Arc<Crypto>>,
    /// The S3 client of S3-backed fields (`with_s3`).
    #[cfg(feature = "s3")]
    s3: Option<aws_sdk_s3::Client>,
}

struct Shared {
    transport: Arc<dyn Transport>,
    metrics: MetricsStore,
    /// Whether the transport is an `AwsTransport` built here, whose client
    /// notes the HTTP body lengths for the metrics (see
    /// `transport::aws_received`); otherwise dynox computes them.
    measured: bool,
}

impl std::fmt::Debug for Dynox {
    // The transport's own Debug may hold configuration; only its kind is printed,
    // so credentials never reach a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dynox")
            .field("transport", &self.shared.transport.name())
            .field("table_prefix", &self.prefix.as_deref().unwrap_or(""))
            .field(
                "routed_tables",
                &self.routes.as_ref().map(|r| r.len()).unwrap_or(0),
            )
            .finish()
    }
}

impl Dynox {
    /// A client over any transport (e.g. a fault-injecting wrapper in tests).
    pub fn from_transport(transport: Arc<dyn Transport>) -> Self {
        Self::over(transport, false)
    }

    fn over(transport: Arc<dyn Transport>, measured: bool) -> Self {
        Dynox {
            shared: Arc::new(Shared {
                transport,
                metrics: MetricsStore::default(),
                measured,
            }),
            prefix: None,
            routes: None,
            limits: None,
            hot: None,
            crypto: None,
            #[cfg(feature = "s3")]
            s3: None,
        }
    }

    pub(crate) fn routes(&self) -> Routes {
        self.routes.as_deref().cloned().unwrap_or_default()
    }

    pub(crate) fn with_routes(&self, routes: Arc<Routes>) -> Dynox {
        Dynox {
            routes: Some(routes),
            ..self.clone()
        }
    }

    /// Refuses requests over `tables` that would need two clients (see
    /// [`Dynox::route`]); nothing to check for a client without routes.
    pub(crate) fn check_one_client<'t>(&self, tables: impl Iterator<Item = &'t str>) -> Result<()> {
        match &self.routes {
            Some(routes) => routes
                .for_request(&tables.collect::<Vec<_>>().join(","))
                .map(|_| ()),
            None => Ok(()),
        }
    }

    /// Whether both share one transport and one metrics store.
    pub(crate) fn same_client(&self, other: &Dynox) -> bool {
        Arc::ptr_eq(&self.shared, &other.shared) && self.prefix == other.prefix
    }

    /// A client over an AWS SDK client. Change streams need a DynamoDB
    /// Streams client as well: see [`Dynox::from_clients`].
    pub fn from_client(client: aws_sdk_dynamodb::Client) -> Self {
        Self::over(Arc::new(AwsTransport::new(client)), true)
    }

    /// A client over AWS SDK clients of DynamoDB and of DynamoDB Streams,
    /// configured alike (for DynamoDB Local, both with its endpoint).
    pub fn from_clients(
        dynamodb: aws_sdk_dynamodb::Client,
        streams: aws_sdk_dynamodbstreams::Client,
    ) -> Self {
        Self::over(
            Arc::new(AwsTransport::new(dynamodb).with_streams(streams)),
            true,
        )
    }

    /// A client over the lean AWS transport ([`LeanTransport`]), configured
    /// as `client` is: DynamoDB's item operations at less than half the
    /// SDK's CPU per request, everything else through `client`. Change
    /// streams need a DynamoDB Streams client as well: see
    /// [`Dynox::from_clients_lean`].
    ///
    /// [`LeanTransport`]: crate::transport::LeanTransport
    pub fn from_client_lean(client: aws_sdk_dynamodb::Client) -> Self {
        Self::over(Arc::new(LeanTransport::new(client)), true)
    }

    /// [`Dynox::from_clients`] over the lean AWS transport.
    pub fn from_clients_lean(
        dynamodb: aws_sdk_dynamodb::Client,
        streams: aws_sdk_dynamodbstreams::Client,
    ) -> Self {
        Self::over(
            Arc::new(LeanTransport::new(dynamodb).with_streams(streams)),
            true,
        )
    }

    /// [`Dynox::from_env`] over the lean AWS transport: the same
    /// configuration (credentials, region, endpoint, retries, timeouts, KMS
    /// and S3 clients), with DynamoDB's item operations sent without the
    /// SDK's per-request machinery.
    pub async fn from_env_lean() -> Result<Self> {
        let config = Self::env_config().await?;
        let db = Self::from_clients_lean(
            crate::transport::sdk_settings::dynamodb_client(&config),
            aws_sdk_dynamodbstreams::Client::new(&config),
        );
        Ok(db.with_env_services(&config))
    }

    /// A client configured by the AWS SDK's default chain: credentials,
    /// `AWS_REGION`, and `AWS_ENDPOINT_URL_DYNAMODB` (e.g. for DynamoDB Local;
    /// change streams read `AWS_ENDPOINT_URL_DYNAMODB_STREAMS`, or
    /// `AWS_ENDPOINT_URL` for both).
    /// Without a region it is [`crate::Error::Configuration`].
    pub async fn from_env() -> Result<Self> {
        let config = Self::env_config().await?;
        let db = Self::from_clients(
            crate::transport::sdk_settings::dynamodb_client(&config),
            aws_sdk_dynamodbstreams::Client::new(&config),
        );
        Ok(db.with_env_services(&config))
    }

    /// The AWS SDK's configuration from the environment; without a region
    /// it is [`crate::Error::Configuration`].
    async fn env_config() -> Result<aws_config::SdkConfig> {
        let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
        if config.region().is_none() {
            return Err(crate::Error::Configuration {
                message: crate::transport::MISSING_REGION.to_owned(),
            });
        }
        Ok(config)
    }

    /// The KMS and S3 clients of encrypted and S3-backed fields, from the
    /// same configuration.
    #[cfg_attr(not(any(feature = "kms", feature = "s3")), allow(unused_variables))]
    fn with_env_services(self, config: &aws_config::SdkConfig) -> Self {
        let db = self;
        // encrypted fields' data keys from KMS, configured alike
        // (`AWS_ENDPOINT_URL_KMS` for another endpoint)
        #[cfg(feature = "kms")]
        let db = db.with_key_provider(crate::encrypt::KmsKeyProvider::new(config));
        // S3-backed fields' objects (`AWS_ENDPOINT_URL_S3` for another endpoint)
        #[cfg(feature = "s3")]
        let db = db.with_s3(aws_sdk_s3::Client::new(config));
        db
    }

    /// The embedded engine, in memory: real DynamoDB semantics, no server.
    ///
    /// # Panics
    ///
    /// If SQLite cannot open an in-memory database (out of memory). Use
    /// [`Dynox::try_memory`] to get that as an error.
    #[cfg(feature = "embedded")]
    pub fn memory() -> Self {
        match Self::try_memory() {
            Ok(db) => db,
            Err(e) => panic!("cannot open the embedded in-memory engine: {e}"),
        }
    }

    /// The embedded engine in memory, or the error that prevented opening it.
    #[cfg(feature = "embedded")]
    pub fn try_memory() -> Result<Self> {
        Ok(Self::from_transport(Arc::new(
            crate::transport::EmbeddedTransport::memory()?,
        )))
    }

    /// The embedded engine, kept in the SQLite file at `path`.
    #[cfg(feature = "embedded")]
    pub fn embedded(path: impl AsRef<std::path::Path>) -> Result<Self> {
        let path = path.as_ref().to_string_lossy();
        Ok(Self::from_transport(Arc::new(
            crate::transport::EmbeddedTransport::file(&path)?,
        )))
    }

    /// The same client (sharing transport and metrics) with every table name
    /// prefixed, e.g. `"dev_"` for per-environment tables.
    pub fn with_table_prefix(&self, prefix: impl Into<String>) -> Self {
        let prefix: String = prefix.into();
        Dynox {
            shared: Arc::clone(&self.shared),
            prefix: (!prefix.is_empty()).then(|| Arc::from(prefix)),
            routes: self.routes.clone(),
            limits: self.limits.clone(),
            hot: self.hot.clone(),
            crypto: self.crypto.clone(),
            #[cfg(feature = "s3")]
            s3: self.s3.clone(),
        }
    }

    /// The same client with every request drawing on `limit`: a budget of
    /// capacity units per second for all its tables together (see
    /// [`RateLimit`]). Replaces an earlier client-wide limit.
    pub fn with_rate_limit(&self, limit: RateLimit) -> Self {
        let mut limits = self.limits.as_deref().cloned().unwrap_or_default();
        limits.client = Some(limit);
        Dynox {
            limits: Some(Arc::new(limits)),
            ..self.clone()
        }
    }

    /// The same client with the requests of `M`'s table drawing on
    /// `limit` (besides any client-wide limit). Replaces an earlier limit of
    /// that table.
    pub fn with_table_rate_limit<M: DynoModel>(&self, limit: RateLimit) -> Self {
        let table = self.table_name::<M>().into_owned();
        let mut limits = self.limits.as_deref().cloned().unwrap_or_default();
        limits.tables.retain(|(t, _)| *t != table);
        limits.tables.push((table, limit));
        Dynox {
            limits: Some(Arc::new(limits)),
            ..self.clone()
        }
    }

    /// The same client recording which partition keys its requests take
    /// into `hot` (see [`HotPartitions`]).
    pub fn with_hot_partitions(&self, hot: HotPartitions) -> Self {
        Dynox {
            hot: Some(hot),
            ..self.clone()
        }
    }

    /// The same client (sharing transport and metrics) encrypting and
    /// decrypting `#[dyno(encrypt)]` fields with data keys from `provider`
    /// (see [`crate::encrypt`]). Replaces an earlier provider and starts
    /// with no cached keys.
    pub fn with_key_provider(&self, provider: impl KeyProvider) -> Self {
        let limits = self.crypto.as_ref().map(|c| c.limits()).unwrap_or_default();
        Dynox {
            crypto: Some(Arc::new(Crypto::new(Arc::new(provider), limits))),
            ..self.clone()
        }
    }

    /// The same client keeping data keys within `limits` (see
    /// [`KeyCacheLimits`]; [`KeyCacheLimits::none`] asks the provider every
    /// time). Starts with no cached keys; without a key provider it does
    /// nothing.
    pub fn with_key_cache_limits(&self, limits: KeyCacheLimits) -> Self {
        Dynox {
            crypto: self
                .crypto
                .as_ref()
                .map(|c| Arc::new(Crypto::new(Arc::clone(c.provider()), limits))),
            ..self.clone()
        }
    }

    /// The same client (sharing transport and metrics) storing the objects
    /// of `S3Object` fields through `client` (see [`crate::s3`]). For an S3
    /// emulator on localhost, configure the client with
    /// `force_path_style(true)`.
    #[cfg(feature = "s3")]
    pub fn with_s3(&self, client: aws_sdk_s3::Client) -> Self {
        Dynox {
            s3: Some(client),
            ..self.clone()
        }
    }

    /// The S3 client for a model of `table`: a routed model's client's,
    /// else this client's.
    #[cfg(feature = "s3")]
    pub(crate) fn s3_for(&self, table: &'static str) -> Option<aws_sdk_s3::Client> {
        let routed = self.routes.as_ref().and_then(|r| r.for_model(table));
        routed
            .and_then(|other| other.s3.clone())
            .or_else(|| self.s3.clone())
    }

    /// The S3 client of this client (for downloads).
    #[cfg(feature = "s3")]
    pub(crate) fn s3(&self) -> Option<aws_sdk_s3::Client> {
        self.s3.clone()
    }

    /// The key provider for a model of `table`: a routed model's client's
    /// (as its requests go there), else this client's.
    pub(crate) fn crypto_for(&self, table: &'static str) -> Option<Arc<Crypto>> {
        let routed = self.routes.as_ref().and_then(|r| r.for_model(table));
        routed
            .and_then(|other| other.crypto.clone())
            .or_else(|| self.crypto.clone())
    }

    /// The table prefix ("" when none).
    pub fn table_prefix(&self) -> &str {
        self.prefix.as_deref().unwrap_or("")
    }

    /// The transport requests go through.
    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.shared.transport
    }

    /// The full table name of a model, prefix included.
    /// A model routed to another client (`route`) has that client's name.
    pub fn table_name<M: DynoModel>(&self) -> Cow<'static, str> {
        if let Some(other) = self
            .routes
            .as_ref()
            .and_then(|r| r.for_model(M::SCHEMA.table))
        {
            return other.table_name::<M>();
        }
        let table = self.resolve_table(M::SCHEMA.table);
        if let Some(hot) = &self.hot {
            hot.learn(&table, M::SCHEMA.partition_key.name);
        }
        table
    }

    pub(crate) fn resolve_table(&self, table: &'static str) -> Cow<'static, str> {
        match &self.prefix {
            None => Cow::Borrowed(table),
            Some(p) => Cow::Owned(format!("{p}{table}")),
        }
    }

    /// Totals over every request since the last reset.
    pub fn metrics(&self) -> Metrics {
        self.shared.metrics.snapshot()
    }

    /// Totals for one table (full name, prefix included).
    pub fn table_metrics(&self, table: &str) -> TableMetrics {
        self.shared.metrics.table(table)
    }

    /// Clears all metrics.
    pub fn reset_metrics(&self) {
        self.shared.metrics.reset();
    }

    /// Clears the metrics of one table (full name, prefix included).
    pub fn reset_table_metrics(&self, table: &str) {
        self.shared.metrics.reset_table(table);
    }

    /// A least-privilege IAM policy: the DynamoDB actions this client's
    /// requests needed since the last [`reset_metrics`](Self::reset_metrics),
    /// each on the tables, indexes and streams it needed them on (transactions
    /// action by action, PartiQL by verb). Region and account are `*` in the
    /// ARNs. Run a program's tests or a staging day through it, then grant
    /// the result.
    pub fn iam_policy(&self) -> serde_json::Value {
        self.shared.metrics.policy()
    }

    /// What the last request cost.
    pub fn last_operation(&self) -> Option<OperationRecord> {
        self.shared.metrics.last()
    }
}
