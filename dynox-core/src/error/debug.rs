//! `Debug` of errors: stored items by their shape (attribute names and
//! types), never their values, so logging an error never logs stored data.

use super::{CancellationReason, Error, Unprocessed};

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::redact::{MaybeShape, Shape};
        match self {
            Error::ConditionalCheckFailed { item } => f
                .debug_struct("ConditionalCheckFailed")
                .field("item", &MaybeShape(item))
                .finish(),
            Error::VersionConflict { item } => f
                .debug_struct("VersionConflict")
                .field("item", &MaybeShape(item))
                .finish(),
            Error::ItemDeleted => f.write_str("ItemDeleted"),
            Error::AlreadyExists { item } => f
                .debug_struct("AlreadyExists")
                .field("item", &MaybeShape(item))
                .finish(),
            Error::ResourceNotFound { message } => f
                .debug_struct("ResourceNotFound")
                .field("message", message)
                .finish(),
            Error::ResourceInUse { message } => f
                .debug_struct("ResourceInUse")
                .field("message", message)
                .finish(),
            Error::Throttled { message } => f
                .debug_struct("Throttled")
                .field("message", message)
                .finish(),
            Error::Validation { message } => f
                .debug_struct("Validation")
                .field("message", message)
                .finish(),
            Error::ItemTooLarge { size, max } => f
                .debug_struct("ItemTooLarge")
                .field("size", size)
                .field("max", max)
                .finish(),
            Error::TransactionCanceled { reasons } => f
                .debug_struct("TransactionCanceled")
                .field("reasons", reasons)
                .finish(),
            Error::BatchIncomplete {
                unprocessed,
                read,
                cause,
            } => f
                .debug_struct("BatchIncomplete")
                .field("unprocessed", unprocessed)
                .field("read", &read.iter().map(Shape).collect::<Vec<_>>())
                .field("cause", cause)
                .finish(),
            Error::BatchFailed {
                unprocessed,
                read,
                cause,
            } => f
                .debug_struct("BatchFailed")
                .field("unprocessed", unprocessed)
                .field("read", &read.iter().map(Shape).collect::<Vec<_>>())
                .field("cause", cause)
                .finish(),
            Error::Deserialize {
                table,
                field,
                expected,
                found,
            } => f
                .debug_struct("Deserialize")
                .field("table", table)
                .field("field", field)
                .field("expected", expected)
                .field("found", found)
                .finish(),
            Error::KeyChanged { field } => {
                f.debug_struct("KeyChanged").field("field", field).finish()
            }
            Error::Hook(e) => f.debug_tuple("Hook").field(e).finish(),
            Error::Unreachable { message, source } => f
                .debug_struct("Unreachable")
                .field("message", message)
                .field("source", source)
                .finish(),
            Error::Decrypt {
                table,
                attribute,
                reason,
            } => f
                .debug_struct("Decrypt")
                .field("table", table)
                .field("attribute", attribute)
                .field("reason", reason)
                .finish(),
            Error::Encrypt {
                table,
                key_id,
                reason,
            } => f
                .debug_struct("Encrypt")
                .field("table", table)
                .field("key_id", key_id)
                .field("reason", reason)
                .finish(),
            Error::S3 {
                operation,
                bucket,
                key,
                code,
                message,
            } => f
                .debug_struct("S3")
                .field("operation", operation)
                .field("bucket", bucket)
                .field("key", key)
                .field("code", code)
                .field("message", message)
                .finish(),
            Error::Configuration { message } => f
                .debug_struct("Configuration")
                .field("message", message)
                .finish(),
            Error::Refused { message } => {
                f.debug_struct("Refused").field("message", message).finish()
            }
            Error::Backend(e) => f.debug_tuple("Backend").field(e).finish(),
        }
    }
}

impl std::fmt::Debug for Unprocessed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::redact::Shape;
        match self {
            Unprocessed::Get { table, key } => f
                .debug_struct("Get")
                .field("table", table)
                .field("key", &Shape(key))
                .finish(),
            Unprocessed::Put { table, item } => f
                .debug_struct("Put")
                .field("table", table)
                .field("item", &Shape(item))
                .finish(),
            Unprocessed::Delete { table, key } => f
                .debug_struct("Delete")
                .field("table", table)
                .field("key", &Shape(key))
                .finish(),
        }
    }
}

impl std::fmt::Debug for CancellationReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancellationReason")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("item", &self.item.as_ref().map(crate::redact::Shape))
            .finish()
    }
}
