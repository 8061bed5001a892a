//! Credentials as the SDK client resolves them: its identity resolver
//! (the provider chain it was configured with) behind its identity cache,
//! taken from the client's runtime components by the endpoint probe. So
//! credentials are loaded, cached and refreshed exactly as the SDK does.

use crate::{Error, Result};
use aws_smithy_runtime_api::client::identity::{
    Identity, ResolveCachedIdentity, SharedIdentityCache, SharedIdentityResolver,
};
use aws_smithy_runtime_api::client::runtime_components::{GetIdentityResolver, RuntimeComponents};
use aws_smithy_types::config_bag::ConfigBag;

pub(crate) struct Credentials {
    components: RuntimeComponents,
    resolver: SharedIdentityResolver,
    cache: SharedIdentityCache,
}

impl Credentials {
    /// The SigV4 identity of a client's runtime components.
    pub(crate) fn of(components: RuntimeComponents) -> Result<Self> {
        let resolver = components
            .identity_resolver(aws_runtime::auth::sigv4::SCHEME_ID)
            .ok_or_else(|| Error::Configuration {
                message: "the DynamoDB client has no credentials provider".to_owned(),
            })?;
        Ok(Credentials {
            cache: components.identity_cache(),
            resolver,
            components,
        })
    }

    /// The identity to sign with: the cached one while it is fresh.
    pub(crate) async fn get(&self) -> Result<Identity> {
        self.cache
            .resolve_cached_identity(self.resolver.clone(), &self.components, &ConfigBag::base())
            .await
            .map_err(|e| Error::Configuration {
                message: format!("no AWS credentials could be loaded: {e}"),
            })
    }
}
