//! Maps the SDK's errors to dynox's, by DynamoDB's error code, so that both
//! transports report the same failure the same way.

use crate::error::CancellationReason;
use crate::{Error, Item};
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::{
    delete_item::DeleteItemError, put_item::PutItemError, update_item::UpdateItemError,
};

/// Pulls the stored item out of a failed conditional write.
pub(crate) struct ConditionItem;

impl ConditionItem {
    pub(crate) fn none<E>(_: &E) -> Option<Item> {
        None
    }
    pub(crate) fn from_put(e: &PutItemError) -> Option<Item> {
        match e {
            PutItemError::ConditionalCheckFailedException(c) => c.item().cloned(),
            _ => None,
        }
    }
    pub(crate) fn from_update(e: &UpdateItemError) -> Option<Item> {
        match e {
            UpdateItemError::ConditionalCheckFailedException(c) => c.item().cloned(),
            _ => None,
        }
    }
    pub(crate) fn from_delete(e: &DeleteItemError) -> Option<Item> {
        match e {
            DeleteItemError::ConditionalCheckFailedException(c) => c.item().cloned(),
            _ => None,
        }
    }
}

pub(crate) fn map_sdk_error<E, R>(
    err: SdkError<E, R>,
    condition_item: fn(&E) -> Option<Item>,
) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    // the SDK refuses to sign or route a request without a region; no retry
    // fixes that, so it is a configuration error, not a network one
    if !matches!(err, SdkError::ServiceError(_)) && names_missing_region(&err) {
        return Error::Configuration {
            message: MISSING_REGION.to_owned(),
        };
    }
    match err {
        SdkError::ServiceError(service) => {
            let e = service.into_err();
            let message = e.message().unwrap_or_default().to_owned();
            let code = e.code().unwrap_or_default().to_owned();
            let item = condition_item(&e);
            from_code(&code, message, item, e)
        }
        SdkError::DispatchFailure(d) => Error::Unreachable {
            message: if d.is_timeout() {
                "the connection timed out".to_owned()
            } else if d.is_io() {
                "connection failed".to_owned()
            } else {
                "the request could not be sent".to_owned()
            },
            source: Some(Box::new(SdkError::<E, R>::DispatchFailure(d))),
        },
        SdkError::TimeoutError(t) => Error::Unreachable {
            message: "no answer within the configured timeout".to_owned(),
            source: Some(Box::new(SdkError::<E, R>::TimeoutError(t))),
        },
        other => Error::backend("TransportError", other),
    }
}

/// The error of a DynamoDB error answer with `code` and `message`; `item`
/// is the stored item a failed condition returned. `source` (the SDK's
/// error, or the lean transport's) stays in the chain of the errors that
/// keep one. Both AWS transports map answers here.
pub(crate) fn from_code(
    code: &str,
    message: String,
    item: Option<Item>,
    source: impl std::error::Error + Send + Sync + 'static,
) -> Error {
    match code {
        "ConditionalCheckFailedException" => Error::ConditionalCheckFailed {
            item: item.map(Box::new),
        },
        "ResourceNotFoundException" => Error::ResourceNotFound { message },
        "ResourceInUseException" => Error::ResourceInUse { message },
        "ProvisionedThroughputExceededException"
        | "ThrottlingException"
        | "RequestLimitExceeded" => Error::Throttled { message },
        "ValidationException" => Error::Validation { message },
        // a PartiQL INSERT of an existing key: DynamoDB Local names
        // it without the suffix that DynamoDB and the engine send
        "DuplicateItem" => Error::backend("DuplicateItemException", source),
        _ => Error::backend(code, source),
    }
}

/// What to set when the AWS SDK has no region.
pub(crate) const MISSING_REGION: &str = "no AWS region is configured; set AWS_REGION (or a region in the AWS profile), or give the client's config a region";

fn names_missing_region(e: &dyn std::error::Error) -> bool {
    let mut next: Option<&dyn std::error::Error> = Some(e);
    while let Some(e) = next {
        let text = e.to_string().to_ascii_lowercase();
        // the signer's "missing signing region", the endpoint resolver's
        // "Missing Region" / "A region must be set"
        if text.contains("missing region")
            || text.contains("missing signing region")
            || text.contains("region must be set")
        {
            return true;
        }
        next = e.source();
    }
    false
}

/// The errors of the two transaction operations: a cancelled transaction
/// becomes [`Error::TransactionCanceled`] with one reason per item.
pub(crate) fn map_transaction_error<E, R>(err: SdkError<E, R>) -> Error
where
    E: ProvideErrorMetadata + CancellationReasons + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    if let Some(reasons) = err
        .as_service_error()
        .and_then(|e| e.cancellation_reasons())
    {
        return Error::TransactionCanceled {
            reasons: reasons.iter().map(reason).collect(),
        };
    }
    map_sdk_error(err, ConditionItem::none)
}

/// DynamoDB sends `Code: "None"` for the items that did not fail.
pub(crate) fn reason(
    r: &aws_sdk_dynamodb::types::CancellationReason,
) -> Option<CancellationReason> {
    match r.code() {
        None | Some("None") => None,
        Some(code) => Some(CancellationReason {
            code: code.to_owned(),
            message: r.message().map(str::to_owned),
            item: r.item().cloned(),
        }),
    }
}

/// The reasons of a `TransactionCanceledException`, on any transaction operation.
pub(crate) trait CancellationReasons {
    fn cancellation_reasons(&self) -> Option<&[aws_sdk_dynamodb::types::CancellationReason]>;
}

impl CancellationReasons
    for aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError
{
    fn cancellation_reasons(&self) -> Option<&[aws_sdk_dynamodb::types::CancellationReason]> {
        match self {
            Self::TransactionCanceledException(e) => Some(e.cancellation_reasons()),
            _ => None,
        }
    }
}

impl CancellationReasons
    for aws_sdk_dynamodb::operation::execute_transaction::ExecuteTransactionError
{
    fn cancellation_reasons(&self) -> Option<&[aws_sdk_dynamodb::types::CancellationReason]> {
        match self {
            Self::TransactionCanceledException(e) => Some(e.cancellation_reasons()),
            _ => None,
        }
    }
}

impl CancellationReasons
    for aws_sdk_dynamodb::operation::transact_get_items::TransactGetItemsError
{
    fn cancellation_reasons(&self) -> Option<&[aws_sdk_dynamodb::types::CancellationReason]> {
        match self {
            Self::TransactionCanceledException(e) => Some(e.cancellation_reasons()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_dynamodb::error::ErrorMetadata;
    use aws_sdk_dynamodb::operation::put_item::PutItemError;
    use aws_sdk_dynamodb::types::error::{
        ConditionalCheckFailedException, ProvisionedThroughputExceededException,
    };
    use aws_smithy_runtime_api::http::{Response, StatusCode};
    use aws_smithy_types::body::SdkBody;

    fn service_error(e: PutItemError) -> SdkError<PutItemError, Response> {
        let status = StatusCode::try_from(400).expect("valid status");
        SdkError::service_error(e, Response::new(status, SdkBody::empty()))
    }

    fn meta(code: &str) -> ErrorMetadata {
        ErrorMetadata::builder()
            .code(code)
            .message("from DynamoDB")
            .build()
    }

    #[test]
    fn throttling_codes_are_throttled() {
        let e = PutItemError::ProvisionedThroughputExceededException(
            ProvisionedThroughputExceededException::builder()
                .message("from DynamoDB")
                .meta(meta("ProvisionedThroughputExceededException"))
                .build(),
        );
        let mapped = map_sdk_error(service_error(e), ConditionItem::from_put);
        assert!(
            matches!(&mapped, Error::Throttled { message } if message == "from DynamoDB"),
            "{mapped:?}"
        );
        assert!(mapped.is_retryable());
        for code in ["ThrottlingException", "RequestLimitExceeded"] {
            let e = PutItemError::generic(meta(code));
            let mapped = map_sdk_error(service_error(e), ConditionItem::from_put);
            assert!(
                matches!(mapped, Error::Throttled { .. }),
                "{code}: {mapped:?}"
            );
        }
    }

    #[test]
    fn condition_failure_keeps_the_item() {
        let item: Item = [(
            "pk".to_owned(),
            aws_sdk_dynamodb::types::AttributeValue::S("a".into()),
        )]
        .into();
        let e = PutItemError::ConditionalCheckFailedException(
            ConditionalCheckFailedException::builder()
                .set_item(Some(item.clone()))
                .meta(meta("ConditionalCheckFailedException"))
                .build(),
        );
        match map_sdk_error(service_error(e), ConditionItem::from_put) {
            Error::ConditionalCheckFailed { item: Some(stored) } => assert_eq!(*stored, item),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn validation_and_unknown_codes() {
        let mapped = map_sdk_error(
            service_error(PutItemError::generic(meta("ValidationException"))),
            ConditionItem::from_put,
        );
        assert!(matches!(mapped, Error::Validation { .. }), "{mapped:?}");
        let mapped = map_sdk_error(
            service_error(PutItemError::generic(meta("SomethingNew"))),
            ConditionItem::from_put,
        );
        // the code and the SDK error are sources, each printed once down the chain
        assert_eq!(mapped.to_string(), "DynamoDB request failed");
        let code = std::error::Error::source(&mapped).expect("the code");
        assert_eq!(code.to_string(), "SomethingNew");
        assert!(code.source().is_some(), "the SDK error is kept");
        assert!(matches!(mapped, Error::Backend(ref b) if b.code == "SomethingNew"));
    }
}
