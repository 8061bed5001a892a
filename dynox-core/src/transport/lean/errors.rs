//! DynamoDB's error answers, read into the same [`Error`] variants the SDK
//! transport maps its errors to (`transport::aws_errors::from_code`).

use super::json_in::ItemJ;
use crate::error::CancellationReason;
use crate::Error;
use serde::Deserialize;

/// An error DynamoDB answered, kept as the source of [`Error::Backend`]
/// and the like, as the SDK's error is on the SDK transport.
#[derive(Debug, Clone)]
pub(crate) struct ServiceError {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) status: u16,
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.message.is_empty() {
            write!(f, "{} (HTTP {})", self.code, self.status)
        } else {
            write!(f, "{}: {}", self.code, self.message)
        }
    }
}

impl std::error::Error for ServiceError {}

#[derive(Deserialize, Default)]
struct BodyJ {
    #[serde(rename = "__type")]
    kind: Option<String>,
    #[serde(alias = "Message")]
    message: Option<String>,
    #[serde(rename = "Item")]
    item: Option<ItemJ>,
    #[serde(rename = "CancellationReasons")]
    reasons: Option<Vec<ReasonJ>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ReasonJ {
    code: Option<String>,
    message: Option<String>,
    item: Option<ItemJ>,
}

/// What an error answer said: its code (from `__type`, else the
/// `x-amzn-ErrorType` header), message, and the stored item or
/// cancellation reasons it carried.
pub(crate) struct Answer {
    pub(crate) error: ServiceError,
    item: Option<crate::Item>,
    reasons: Option<Vec<Option<CancellationReason>>>,
}

impl Answer {
    pub(crate) fn read(status: u16, header_type: Option<&str>, body: &[u8]) -> Answer {
        // an unreadable body still has its status and header: never a panic
        let body: BodyJ = serde_json::from_slice(body).unwrap_or_default();
        let code = body
            .kind
            .as_deref()
            .or(header_type)
            .map(|t| {
                // "com.amazonaws.dynamodb.v20120810#ValidationException",
                // or a header's "ValidationException:http://..."
                let t = t.rsplit('#').next().unwrap_or(t);
                t.split(':').next().unwrap_or(t).to_owned()
            })
            .unwrap_or_else(|| format!("Http{status}"));
        let reasons = body.reasons.map(|rs| {
            rs.into_iter()
                .map(|r| match r.code.as_deref() {
                    None | Some("None") => None,
                    Some(code) => Some(CancellationReason {
                        code: code.to_owned(),
                        message: r.message,
                        item: r.item.map(|i| i.0),
                    }),
                })
                .collect()
        });
        Answer {
            error: ServiceError {
                code,
                message: body.message.unwrap_or_default(),
                status,
            },
            item: body.item.map(|i| i.0),
            reasons,
        }
    }

    /// Whether the standard retry mode retries this answer: a throttling
    /// or transient code (the SDK's lists), or a 500, 502, 503 or 504.
    pub(crate) fn retry(&self) -> Option<super::retry::Kind> {
        use aws_runtime::retries::classifiers::{THROTTLING_ERRORS, TRANSIENT_ERRORS};
        let code = self.error.code.as_str();
        if THROTTLING_ERRORS.contains(&code) {
            Some(super::retry::Kind::Throttling)
        } else if TRANSIENT_ERRORS.contains(&code)
            || matches!(self.error.status, 500 | 502 | 503 | 504)
        {
            Some(super::retry::Kind::Transient)
        } else {
            None
        }
    }

    /// The error dynox returns, as the SDK transport maps the same answer.
    pub(crate) fn into_error(self, keeps_item: bool) -> Error {
        if self.error.code == "TransactionCanceledException" {
            if let Some(reasons) = self.reasons {
                return Error::TransactionCanceled { reasons };
            }
        }
        let item = if keeps_item { self.item } else { None };
        let message = self.error.message.clone();
        let code = self.error.code.clone();
        crate::transport::aws_errors::from_code(&code, message, item, self.error)
    }
}
