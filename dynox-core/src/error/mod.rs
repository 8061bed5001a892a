//! The one error type of dynox.

use crate::Item;

mod debug;

/// A `Result` whose error is dynox's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a dynox operation.
///
/// Both transports map DynamoDB's failures to the same variants, so code that
/// matches on them works the same against the embedded engine and AWS.
///
/// `Debug` shows stored items by their shape (attribute names and types,
/// no values), so logging an error never logs stored data.
///
/// ```
/// # use dynox_core::prelude::*;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "users")]
/// # pub struct User { #[dyno(partition_key)] pub pk: String, pub name: String }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// let db = Dynox::memory_with::<(User,)>();
/// let ann = User { pk: "U1".into(), name: "Ann".into() };
/// ann.save(&db).await?;
/// match ann.save(&db).condition(User::PK.not_exists()).await {
///     Err(Error::ConditionalCheckFailed { item: Some(stored) }) => {
///         // the stored item, as DynamoDB returned it with the failure
///         assert!(stored.contains_key("name"));
///     }
///     other => panic!("expected a failed condition, got {other:?}"),
/// }
/// # Ok(())
/// # }
/// ```
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A `ConditionExpression` evaluated to false; nothing was written.
    ///
    /// `item` is the stored item at the time of the check, when DynamoDB
    /// returned it (dynox always asks for it).
    #[error("the condition of this write did not hold, so nothing was written; reload the item or change the condition")]
    ConditionalCheckFailed {
        /// The item as stored when the condition failed, if one existed.
        item: Option<Box<Item>>,
    },

    /// The stored item's version differs from the one this value was loaded
    /// with: another writer saved it first. Nothing was written.
    #[error("the item was changed by another writer since it was loaded (version check failed); reload it and apply the change again")]
    VersionConflict {
        /// The item as stored when the check failed, if DynamoDB returned it.
        item: Option<Box<Item>>,
    },

    /// A write to a loaded item found no item: another writer deleted it
    /// since it was loaded. Nothing was written (an update would otherwise
    /// create a fragment holding only the changed fields).
    #[error("the item no longer exists (another writer deleted it since it was loaded), so nothing was written; to store it again, save it with `.full_replace()` or as `Tracked::new(value)`")]
    ItemDeleted,

    /// A new item (a value never loaded, of a `#[dyno(version)]` model) was
    /// saved, but an item with its key is already stored. Nothing was written.
    #[error("an item with this key already exists, and this value was never loaded from it, so nothing was written; load the stored item with `get` and change that instead")]
    AlreadyExists {
        /// The stored item, if DynamoDB returned it.
        item: Option<Box<Item>>,
    },

    /// The table (or index) does not exist.
    #[error("table or index not found: {message}; create it first (e.g. `Model::create_table(&db)`) or check the table prefix and region")]
    ResourceNotFound {
        /// DynamoDB's message.
        message: String,
    },

    /// The table already exists (from `create_table` without `if_not_exists`).
    #[error("table already exists: {message}; use `.if_not_exists()` to accept an existing table")]
    ResourceInUse {
        /// DynamoDB's message.
        message: String,
    },

    /// DynamoDB throttled the request and the SDK's retries did not get it through.
    #[error("DynamoDB throttled the request after retries: {message}; slow down, or raise the table's capacity")]
    Throttled {
        /// DynamoDB's message.
        message: String,
    },

    /// DynamoDB rejected the request as invalid; or dynox refused, before
    /// sending, a request DynamoDB would reject the same way (an empty key
    /// value, a transaction over 100 actions), so the error is the same
    /// whether the check ran here or there.
    #[error("DynamoDB rejected the request: {message}")]
    Validation {
        /// DynamoDB's message, unchanged, or dynox's words for the same rule.
        message: String,
    },

    /// dynox itself stopped the operation, for a reason that is not one of
    /// DynamoDB's rules: an argument it cannot use (text that is not a
    /// cursor, `page()` on a parallel scan, an update with no action, an
    /// index past the end of a read transaction), or a state it will not go
    /// on from (a page that repeats its own start key, a table still not
    /// active when the wait ends). `message` says what to change.
    #[error("dynox stopped the operation: {message}")]
    Refused {
        /// What was wrong, and what to change.
        message: String,
    },

    /// The item is larger than the model's `max_size` or DynamoDB's 400 KB limit;
    /// nothing was sent.
    #[error("item is {size} bytes, more than the limit of {max} bytes; nothing was sent")]
    ItemTooLarge {
        /// The item's size by DynamoDB's rules.
        size: usize,
        /// The limit it exceeds.
        max: usize,
    },

    /// A transaction was cancelled; `reasons` has one entry per item, in request order.
    #[error("the transaction was cancelled, nothing was written: {}", format_reasons(.reasons))]
    TransactionCanceled {
        /// Why each item of the transaction failed (`None` where it did not).
        reasons: Vec<Option<CancellationReason>>,
    },

    /// A batch get or batch write gave up: DynamoDB kept returning some keys
    /// or items as unprocessed (or failed) through every retry. Nothing is
    /// dropped: `unprocessed` lists each request not done, and a batch get's
    /// items already read are in `read`.
    #[error("batch stopped with {} request(s) not done after retries; retry the requests in `unprocessed` later, or raise the retry limit", unprocessed.len())]
    BatchIncomplete {
        /// Every key or item the batch did not read or write.
        unprocessed: Vec<Unprocessed>,
        /// The items a batch get read before it stopped (stored form).
        read: Vec<Item>,
        /// Why it stopped: the last error, or `Throttled` when DynamoDB
        /// returned unprocessed requests on the last attempt.
        #[source]
        cause: Box<Error>,
    },

    /// A batch get or batch write stopped at an error that retrying does not
    /// fix (a `Validation` of one request, a missing table, ...). Nothing is
    /// dropped: `unprocessed` lists each request not done, and a batch
    /// get's items already read are in `read`; `cause` says what to fix.
    #[error("batch stopped at an error that retrying does not fix, with {} request(s) not done (listed in `unprocessed`); fix the cause", unprocessed.len())]
    BatchFailed {
        /// Every key or item the batch did not read or write.
        unprocessed: Vec<Unprocessed>,
        /// The items a batch get read before it stopped (stored form).
        read: Vec<Item>,
        /// The error that stopped it.
        #[source]
        cause: Box<Error>,
    },

    /// A stored item could not be read into the model.
    #[error("cannot read `{field}` of an item in table `{table}`: expected {expected}, found {found}; {}", deserialize_advice(.expected, .found))]
    Deserialize {
        /// The table the item came from.
        table: String,
        /// The attribute (stored name, with a path inside it where the problem is nested).
        field: String,
        /// What the model expects there.
        expected: String,
        /// What the item holds instead.
        found: String,
    },

    /// A key field of a tracked item changed; saving would write a new item.
    #[error("key field `{field}` changed since the item was loaded; delete the old item and save a new one instead")]
    KeyChanged {
        /// The key attribute that changed.
        field: String,
    },

    /// A hook returned an error (the source); the operation was not sent.
    #[error("a hook failed, so the operation was not sent")]
    Hook(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// DynamoDB could not be reached in time (connection refused, DNS, timeout).
    #[error("could not reach DynamoDB: {message}; check the endpoint, network and timeouts")]
    Unreachable {
        /// What went wrong.
        message: String,
        /// The transport's error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    /// An encrypted attribute of a stored item could not be decrypted
    /// (see [`crate::encrypt`]). Nothing of its value is shown.
    #[error("cannot decrypt `{attribute}` of an item in table `{table}`: {reason}")]
    Decrypt {
        /// The model's table.
        table: String,
        /// The stored attribute name.
        attribute: String,
        /// What was wrong.
        reason: crate::encrypt::DecryptError,
    },

    /// The key provider could not make a data key for an encrypted field,
    /// so nothing was sent.
    #[error("cannot encrypt for table `{table}` with key `{key_id}`: {reason}; nothing was sent")]
    Encrypt {
        /// The model's table.
        table: String,
        /// The master key the field names.
        key_id: String,
        /// The key provider's failure.
        reason: crate::encrypt::KeyError,
    },

    /// A request to S3 for an S3-backed field failed (see the `s3`
    /// module): `code` is S3's (`NoSuchBucket`, `NoSuchKey`, `AccessDenied`),
    /// absent when S3 was not reached.
    #[error("S3 {operation} of s3://{bucket}/{key} failed{}: {message}", code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())]
    S3 {
        /// The S3 operation, e.g. `PutObject`.
        operation: String,
        /// The bucket.
        bucket: String,
        /// The object key.
        key: String,
        /// S3's error code.
        code: Option<String>,
        /// What the SDK said.
        message: String,
    },

    /// The client is not configured to send requests (for example, the AWS
    /// SDK has no region). Retrying does not help; `message` says what to set.
    #[error("dynox is not configured to send this request: {message}")]
    Configuration {
        /// What is missing and how to set it.
        message: String,
    },

    /// Any other failure of the transport: DynamoDB's error code, with the
    /// transport's own error as the source.
    #[error("DynamoDB request failed")]
    Backend(#[source] BackendError),
}

/// A failure dynox has no variant of its own for: DynamoDB's error code (or
/// a short description), with the transport's error as its source.
#[derive(Debug)]
pub struct BackendError {
    /// DynamoDB's error code, e.g. `AccessDeniedException`.
    pub code: String,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl BackendError {
    /// An error with `code`, caused by `source`.
    pub fn new(
        code: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        BackendError {
            code: code.into(),
            source: source.into(),
        }
    }
}

impl std::fmt::Display for BackendError {
    // the code only; the cause is the source, so chains print it once
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code)
    }
}

impl std::error::Error for BackendError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.source.as_ref())
    }
}

impl Error {
    /// A [`Error::Backend`] with DynamoDB's `code`, caused by `source`.
    pub fn backend(
        code: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error::Backend(BackendError::new(code, source))
    }
}

/// One request a batch could not complete. `Debug` shows items by shape only.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum Unprocessed {
    /// A key a batch get did not read.
    Get {
        /// The table (with the client's prefix).
        table: String,
        /// The key attributes.
        key: Item,
    },
    /// An item a batch write did not put.
    Put {
        /// The table (with the client's prefix).
        table: String,
        /// The whole item.
        item: Item,
    },
    /// A key a batch write did not delete.
    Delete {
        /// The table (with the client's prefix).
        table: String,
        /// The key attributes.
        key: Item,
    },
}

/// Why one item of a cancelled transaction failed. `Debug` shows the item
/// by shape only.
#[derive(Clone, PartialEq)]
pub struct CancellationReason {
    /// DynamoDB's code, e.g. `ConditionalCheckFailed`.
    pub code: String,
    /// DynamoDB's message.
    pub message: Option<String>,
    /// The stored item, where DynamoDB returned it.
    pub item: Option<Item>,
}

/// What to do about a stored item that does not read, by what was wrong:
/// only a missing attribute is fixed by an `Option` or a default.
fn deserialize_advice(expected: &str, found: &str) -> &'static str {
    let dynamo_type = |s: &str| s.split([' ', '`', '(']).next().unwrap_or("").to_owned();
    if found.contains("another entity type") {
        "the item is another model's, of the same table: read it as that model, or use a collection to read several"
    } else if expected.starts_with("a key of the template") {
        "the stored key does not follow the model's key template: fix the stored item, or the template"
    } else if found.starts_with("no attribute") {
        "store the attribute, or make the field an `Option` or `#[dyno(default)]`"
    } else if found.contains("out of range") {
        "the stored number does not fit the field's type: use a wider type, or fix the stored item"
    } else if dynamo_type(found) == dynamo_type(expected) {
        "the stored value is not one the field's type can hold: fix the stored item, or change the field's type"
    } else {
        "the attribute is stored with another DynamoDB type: fix the stored item, or give the field a type that reads what is stored"
    }
}

fn format_reasons(reasons: &[Option<CancellationReason>]) -> String {
    let failed: Vec<String> = reasons
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.as_ref().map(|r| format!("item {i}: {}", r.code)))
        .collect();
    failed.join(", ")
}

impl Error {
    /// The error of a batch that stopped at `cause`: [`Error::BatchIncomplete`]
    /// when a later retry may get the rest through, else [`Error::BatchFailed`].
    pub(crate) fn batch(unprocessed: Vec<Unprocessed>, read: Vec<Item>, cause: Error) -> Error {
        let cause = Box::new(cause);
        if cause.is_retryable() {
            Error::BatchIncomplete {
                unprocessed,
                read,
                cause,
            }
        } else {
            Error::BatchFailed {
                unprocessed,
                read,
                cause,
            }
        }
    }

    /// Whether retrying the same request later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Throttled { .. } | Error::Unreachable { .. } => true,
            // another transaction held one of the items; DynamoDB says to retry
            Error::Backend(b) => matches!(
                b.code.as_str(),
                "TransactionConflictException" | "TransactionInProgressException"
            ),
            _ => false,
        }
    }
}
