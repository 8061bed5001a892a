//! Value conversions between the AWS SDK's types and dynoxide's.

use crate::{Error, Item};
use aws_sdk_dynamodb::types as sdk;
use aws_smithy_types::Blob;
use dynoxide::errors::DynoxideError;
use std::collections::HashMap;

pub(crate) type EngineItem = HashMap<String, dynoxide::AttributeValue>;

pub(crate) fn to_engine(value: sdk::AttributeValue) -> dynoxide::AttributeValue {
    use dynoxide::AttributeValue as E;
    match value {
        sdk::AttributeValue::S(s) => E::S(s),
        sdk::AttributeValue::N(n) => E::N(n),
        sdk::AttributeValue::B(b) => E::B(b.into_inner()),
        sdk::AttributeValue::Bool(b) => E::BOOL(b),
        sdk::AttributeValue::Null(b) => E::NULL(b),
        sdk::AttributeValue::Ss(v) => E::SS(v),
        sdk::AttributeValue::Ns(v) => E::NS(v),
        sdk::AttributeValue::Bs(v) => E::BS(v.into_iter().map(Blob::into_inner).collect()),
        sdk::AttributeValue::L(v) => E::L(v.into_iter().map(to_engine).collect()),
        sdk::AttributeValue::M(m) => E::M(to_engine_item(m)),
        // The SDK's forward-compatibility variant; nothing dynox builds uses it.
        _ => E::NULL(true),
    }
}

pub(crate) fn to_engine_item(item: Item) -> EngineItem {
    item.into_iter().map(|(k, v)| (k, to_engine(v))).collect()
}

pub(crate) fn opt_engine_item(item: Option<Item>) -> Option<EngineItem> {
    item.map(to_engine_item)
}

pub(crate) fn from_engine(value: dynoxide::AttributeValue) -> sdk::AttributeValue {
    use dynoxide::AttributeValue as E;
    match value {
        E::S(s) => sdk::AttributeValue::S(s),
        E::N(n) => sdk::AttributeValue::N(n),
        E::B(b) => sdk::AttributeValue::B(Blob::new(b)),
        E::BOOL(b) => sdk::AttributeValue::Bool(b),
        E::NULL(b) => sdk::AttributeValue::Null(b),
        E::SS(v) => sdk::AttributeValue::Ss(v),
        E::NS(v) => sdk::AttributeValue::Ns(v),
        E::BS(v) => sdk::AttributeValue::Bs(v.into_iter().map(Blob::new).collect()),
        E::L(v) => sdk::AttributeValue::L(v.into_iter().map(from_engine).collect()),
        E::M(m) => sdk::AttributeValue::M(from_engine_item(m)),
    }
}

pub(crate) fn from_engine_item(item: EngineItem) -> Item {
    item.into_iter().map(|(k, v)| (k, from_engine(v))).collect()
}

pub(crate) fn capacity_of(
    c: Option<dynoxide::types::ConsumedCapacity>,
) -> Option<sdk::ConsumedCapacity> {
    c.map(|c| {
        sdk::ConsumedCapacity::builder()
            .table_name(c.table_name)
            .capacity_units(c.capacity_units)
            .set_read_capacity_units(c.read_capacity_units)
            .set_write_capacity_units(c.write_capacity_units)
            .build()
    })
}

/// Maps the engine's errors to the variants the AWS transport produces for
/// the same DynamoDB error codes.
pub(crate) fn map_error(err: DynoxideError) -> Error {
    match err {
        DynoxideError::ConditionalCheckFailedException(_, item) => Error::ConditionalCheckFailed {
            item: item.map(|i| Box::new(from_engine_item(i))),
        },
        DynoxideError::ResourceNotFoundException(message) => Error::ResourceNotFound { message },
        DynoxideError::ResourceInUseException(message) => Error::ResourceInUse { message },
        DynoxideError::ValidationException(message)
        | DynoxideError::KeyEmptyValueValidation(message)
        | DynoxideError::EnvelopedValidation(message)
        | DynoxideError::SerializationException(message) => Error::Validation { message },
        DynoxideError::ProvisionedThroughputExceededException(message) => {
            Error::Throttled { message }
        }
        // DynamoDB's own code (the part of `__type` after `#`), as the AWS
        // transport reports it, so matching on `BackendError::code` works on both
        other => {
            let code = other
                .error_type()
                .rsplit('#')
                .next()
                .unwrap_or("EmbeddedEngineError");
            Error::backend(code, other.to_string())
        }
    }
}

pub(crate) fn return_values(v: Option<sdk::ReturnValue>) -> Option<String> {
    v.map(|v| v.as_str().to_owned())
}

pub(crate) fn consumed(v: Option<sdk::ReturnConsumedCapacity>) -> Option<String> {
    v.map(|v| v.as_str().to_owned())
}

pub(crate) fn on_condition_failure(
    v: Option<sdk::ReturnValuesOnConditionCheckFailure>,
) -> Option<String> {
    v.map(|v| v.as_str().to_owned())
}

pub(crate) fn item_collection_metrics(
    v: Option<sdk::ReturnItemCollectionMetrics>,
) -> Option<String> {
    v.map(|v| v.as_str().to_owned())
}

pub(crate) fn capacities_of(
    c: Option<Vec<dynoxide::types::ConsumedCapacity>>,
) -> Option<Vec<sdk::ConsumedCapacity>> {
    c.map(|v| v.into_iter().filter_map(|c| capacity_of(Some(c))).collect())
}

/// A cancelled transaction with one reason per item (`None` where DynamoDB
/// says `"None"`), as the AWS transport reports it.
pub(crate) fn map_engine_transaction_error(err: DynoxideError) -> Error {
    match err {
        DynoxideError::TransactionCanceledException(_, reasons) => Error::TransactionCanceled {
            reasons: reasons
                .into_iter()
                .map(|r| {
                    (r.code != "None").then(|| crate::error::CancellationReason {
                        code: r.code,
                        message: r.message,
                        item: r.item.map(from_engine_item),
                    })
                })
                .collect(),
        },
        other => map_error(other),
    }
}
