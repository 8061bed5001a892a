//! DynamoDB's error answers, read into the same [`Error`] variants the SDK
//! transport maps its errors to (`transport::aws_errors::from_code`).

use super::json_in::ItemJ;
use crate::error::CancellationReason;
use crate::Error;
use serde::Deserialize;
use std::time::Duration;

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
        // member by member, so that one odd member loses only itself; an
        // unreadable body still has its status and header: never a panic
        let mut body = match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(serde_json::Value::Object(members)) => members,
            _ => serde_json::Map::new(),
        };
        let text = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
        let kind = text(body.get("__type"));
        let message = text(body.get("message")).or_else(|| text(body.get("Message")));
        let item = body
            .remove("Item")
            .and_then(|v| serde_json::from_value::<ItemJ>(v).ok());
        let reasons = body
            .remove("CancellationReasons")
            .and_then(|v| serde_json::from_value::<Vec<ReasonJ>>(v).ok());
        let code = kind
            .as_deref()
            .or(header_type)
            .map(|t| {
                // "com.amazonaws.dynamodb.v20120810#ValidationException",
                // or a header's "ValidationException:http://..."
                let t = t.rsplit('#').next().unwrap_or(t);
                t.split(':').next().unwrap_or(t).to_owned()
            })
            .unwrap_or_else(|| format!("Http{status}"));
        let reasons = reasons.map(|rs| {
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
                message: message.unwrap_or_default(),
                status,
            },
            item: item.map(|i| i.0),
            reasons,
        }
    }

    /// Whether the standard retry mode retries this answer: a throttling
    /// or transient code (the SDK's lists), a 500, 502, 503 or 504, or a
    /// refused signature while the clocks are `skew` apart, more than 4
    /// minutes (the SDK's clock-skew classifier).
    pub(crate) fn retry(&self, skew: Duration) -> Option<super::retry::Kind> {
        use aws_runtime::retries::classifiers::{THROTTLING_ERRORS, TRANSIENT_ERRORS};
        const CLOCK_SKEW_CODES: [&str; 5] = [
            "InvalidSignatureException",
            "SignatureDoesNotMatch",
            "AuthFailure",
            "RequestTimeTooSkewed",
            "AccessDeniedException",
        ];
        let code = self.error.code.as_str();
        if CLOCK_SKEW_CODES.contains(&code) && skew > Duration::from_secs(4 * 60) {
            Some(super::retry::Kind::ClockSkew)
        } else if THROTTLING_ERRORS.contains(&code) {
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
            // as the SDK transport: no reasons is an empty list
            return Error::TransactionCanceled {
                reasons: self.reasons.unwrap_or_default(),
            };
        }
        let item = if keeps_item { self.item } else { None };
        let message = self.error.message.clone();
        let code = self.error.code.clone();
        crate::transport::aws_errors::from_code(&code, message, item, self.error)
    }
}

#[cfg(test)]
mod tests {
    use super::super::retry::Kind;
    use super::*;

    #[test]
    fn codes_messages_and_items_are_read_as_the_sdk_reads_them() {
        let a = Answer::read(
            400,
            None,
            br#"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"a"}}}"#,
        );
        assert_eq!(a.error.code, "ConditionalCheckFailedException");
        assert_eq!(a.retry(Duration::ZERO), None);
        match a.into_error(true) {
            Error::ConditionalCheckFailed { item: Some(item) } => {
                assert_eq!(
                    item.get("pk")
                        .and_then(|v| v.as_s().ok())
                        .map(String::as_str),
                    Some("a")
                );
            }
            other => panic!("{other:?}"),
        }
        // `Message` as some services spell it; a code only in the header
        let a = Answer::read(
            400,
            Some("ValidationException:http://internal"),
            br#"{"Message":"bad"}"#,
        );
        assert!(matches!(a.into_error(false), Error::Validation { message } if message == "bad"));
        let a = Answer::read(
            400,
            None,
            br#"{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException"}"#,
        );
        assert_eq!(a.retry(Duration::ZERO), Some(Kind::Throttling));
        assert!(matches!(a.into_error(false), Error::Throttled { .. }));
    }

    #[test]
    fn an_unreadable_error_body_keeps_its_status_and_is_never_a_panic() {
        for body in [
            &b""[..],
            b"<html>gateway</html>",
            b"{\"__type\": 5}",
            b"\xff\xfe",
        ] {
            let a = Answer::read(503, None, body);
            assert_eq!(a.error.code, "Http503");
            assert_eq!(a.retry(Duration::ZERO), Some(Kind::Transient));
            assert!(matches!(a.into_error(false), Error::Backend(b) if b.code == "Http503"));
        }
        let a = Answer::read(418, None, b"");
        assert_eq!(a.retry(Duration::ZERO), None);
    }

    #[test]
    fn a_cancelled_transaction_keeps_one_reason_per_action() {
        let a = Answer::read(
            400,
            None,
            br#"{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"cancelled","CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"failed","Item":{"n":{"N":"1"}}}]}"#,
        );
        match a.into_error(false) {
            Error::TransactionCanceled { reasons } => {
                assert_eq!(reasons.len(), 2);
                assert!(reasons[0].is_none());
                let r = reasons[1].as_ref().expect("the second failed");
                assert_eq!(
                    (r.code.as_str(), r.message.as_deref()),
                    ("ConditionalCheckFailed", Some("failed"))
                );
                assert!(r.item.is_some());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_refused_signature_is_retried_only_when_the_clocks_are_apart() {
        let a = Answer::read(400, None, br#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"Signature expired"}"#);
        assert_eq!(a.retry(Duration::from_secs(60)), None);
        assert_eq!(a.retry(Duration::from_secs(600)), Some(Kind::ClockSkew));
        // a duplicated member loses only itself
        let a = Answer::read(
            400,
            None,
            br#"{"__type":"x#ValidationException","message":"a","Message":"b","Item":{"bad":1}}"#,
        );
        assert_eq!(a.error.code, "ValidationException");
        assert!(matches!(a.into_error(true), Error::Validation { message } if message == "a"));
        // a cancellation without reasons, as the SDK transport reports it
        let a = Answer::read(400, None, br#"{"__type":"x#TransactionCanceledException"}"#);
        assert!(
            matches!(a.into_error(false), Error::TransactionCanceled { reasons } if reasons.is_empty())
        );
    }
}
