//! Data keys from AWS KMS: `GenerateDataKey` and `Decrypt`, with the
//! encryption context dynox binds every key to.

use super::provider::{DataKey, EncryptionContext, KeyError, KeyProvider};
use aws_sdk_kms::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_kms::primitives::Blob;
use aws_sdk_kms::types::DataKeySpec;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::collections::HashMap;
use zeroize::Zeroizing;

/// Data keys from AWS KMS (AES-256, `GenerateDataKey`; `Decrypt` with the
/// stored key ARN and the same encryption context).
///
/// [`Dynox::from_env`](crate::Dynox::from_env) sets one up from the same
/// AWS configuration as DynamoDB (with the `kms` feature); build one
/// yourself for another region or endpoint:
///
/// ```no_run
/// # async fn run() -> dynox_core::Result<()> {
/// use dynox_core::encrypt::KmsKeyProvider;
/// let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
/// let db = dynox_core::Dynox::memory().with_key_provider(KmsKeyProvider::new(&config));
/// # Ok(()) }
/// ```
///
/// The IAM permissions it needs: `kms:GenerateDataKey` (writes) and
/// `kms:Decrypt` (reads) on the keys the models name.
#[derive(Debug, Clone)]
pub struct KmsKeyProvider {
    client: aws_sdk_kms::Client,
}

impl KmsKeyProvider {
    /// A provider over a KMS client configured by `config` (its region,
    /// credentials and `AWS_ENDPOINT_URL_KMS`).
    pub fn new(config: &aws_config::SdkConfig) -> Self {
        Self::from_client(aws_sdk_kms::Client::new(config))
    }

    /// A provider over a KMS client of your own.
    pub fn from_client(client: aws_sdk_kms::Client) -> Self {
        KmsKeyProvider { client }
    }
}

fn context_map(context: &EncryptionContext) -> HashMap<String, String> {
    context
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// KMS's failures in dynox's three kinds.
fn key_error<E: ProvideErrorMetadata + std::error::Error + 'static>(
    e: SdkError<E, aws_smithy_runtime_api::client::orchestrator::HttpResponse>,
) -> KeyError {
    match &e {
        SdkError::ServiceError(service) => {
            let err = service.err();
            let code = err.code().unwrap_or("unknown").to_owned();
            let message = format!("{code}: {}", err.message().unwrap_or(""));
            match code.as_str() {
                "NotFoundException" => KeyError::NotFound { message },
                "ThrottlingException" | "KMSInternalException" | "DependencyTimeoutException" => {
                    KeyError::Unreachable { message }
                }
                _ => KeyError::Refused { message },
            }
        }
        _ => KeyError::Unreachable {
            message: aws_smithy_types::error::display::DisplayErrorContext(&e).to_string(),
        },
    }
}

impl KeyProvider for KmsKeyProvider {
    fn generate_data_key<'a>(
        &'a self,
        key_id: &'a str,
        context: &'a EncryptionContext,
    ) -> BoxFuture<'a, Result<DataKey, KeyError>> {
        async move {
            let out = self
                .client
                .generate_data_key()
                .key_id(key_id)
                .key_spec(DataKeySpec::Aes256)
                .set_encryption_context(Some(context_map(context)))
                .send()
                .await
                .map_err(key_error)?;
            let wrong = |what: &str| KeyError::Refused {
                message: format!("KMS answered GenerateDataKey without {what}"),
            };
            let plaintext: [u8; 32] = out
                .plaintext()
                .ok_or_else(|| wrong("a plaintext"))?
                .as_ref()
                .try_into()
                .map_err(|_| wrong("a 32-byte key"))?;
            Ok(DataKey {
                plaintext: Zeroizing::new(plaintext),
                wrapped: out
                    .ciphertext_blob()
                    .ok_or_else(|| wrong("a ciphertext"))?
                    .as_ref()
                    .to_vec(),
                key_id: out.key_id().unwrap_or(key_id).to_owned(),
            })
        }
        .boxed()
    }

    fn decrypt_data_key<'a>(
        &'a self,
        key_id: &'a str,
        wrapped: &'a [u8],
        context: &'a EncryptionContext,
    ) -> BoxFuture<'a, Result<Zeroizing<[u8; 32]>, KeyError>> {
        async move {
            let out = self
                .client
                .decrypt()
                .key_id(key_id)
                .ciphertext_blob(Blob::new(wrapped))
                .set_encryption_context(Some(context_map(context)))
                .send()
                .await
                .map_err(key_error)?;
            let key: [u8; 32] = out
                .plaintext()
                .map(|p| p.as_ref())
                .unwrap_or_default()
                .try_into()
                .map_err(|_| KeyError::Refused {
                    message: "KMS answered Decrypt without a 32-byte key".to_owned(),
                })?;
            Ok(Zeroizing::new(key))
        }
        .boxed()
    }
}
