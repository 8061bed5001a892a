//! The SDK's standard retry mode, as the lean transport runs it: up to
//! `max_attempts` attempts (3 by default), a throttling or transient
//! failure retried after a full-jitter exponential backoff (a random part
//! of `initial_backoff × 2^(attempt-1)`, at most `max_backoff`), and a
//! retry quota shared by the client that failures drain and successes
//! refill, so a failing service is not hammered by every caller's retries.
//! The figures are the SDK's (`aws-smithy-runtime`'s standard strategy and
//! token bucket): a quota of 500, 5 per throttling retry, 14 per other.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Why an attempt may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A throttling code.
    Throttling,
    /// A transient code, a 5xx status, a lost connection or a timeout.
    Transient,
}

const QUOTA: usize = 500;
const THROTTLING_COST: usize = 5;
const OTHER_COST: usize = 14;

/// The client's retry settings and quota.
#[derive(Debug)]
pub(crate) struct Retries {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    quota: AtomicUsize,
}

impl Retries {
    /// From the SDK client's retry configuration (standard mode's defaults
    /// where it has none).
    pub(crate) fn new(config: Option<&aws_smithy_types::retry::RetryConfig>) -> Self {
        let standard = aws_smithy_types::retry::RetryConfig::standard();
        let config = config.unwrap_or(&standard);
        Retries {
            max_attempts: config.max_attempts().max(1),
            initial_backoff: config.initial_backoff(),
            max_backoff: config.max_backoff(),
            quota: AtomicUsize::new(QUOTA),
        }
    }

    /// Whether attempt `attempt` (1-based), failed for `kind`, is retried;
    /// if so, the tokens it took from the quota and how long to wait.
    pub(crate) fn retry(&self, attempt: u32, kind: Kind) -> Option<(usize, Duration)> {
        if attempt >= self.max_attempts {
            return None;
        }
        let cost = match kind {
            Kind::Throttling => THROTTLING_COST,
            Kind::Transient => OTHER_COST,
        };
        self.quota
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |q| q.checked_sub(cost))
            .ok()?;
        let exp = self
            .initial_backoff
            .checked_mul(1u32.checked_shl(attempt - 1).unwrap_or(u32::MAX))
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        Some((cost, exp.mul_f64(fastrand::f64())))
    }

    /// A request succeeded after retries that took `tokens`: they go back.
    pub(crate) fn refund(&self, tokens: usize) {
        if tokens > 0 {
            let _ = self
                .quota
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |q| {
                    Some((q + tokens).min(QUOTA))
                });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::retry::RetryConfig;

    #[test]
    fn attempts_backoff_and_quota() {
        let config = RetryConfig::standard()
            .with_max_attempts(3)
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(150));
        let r = Retries::new(Some(&config));
        let (cost, wait) = r.retry(1, Kind::Throttling).expect("retried");
        assert_eq!(cost, 5);
        assert!(wait <= Duration::from_millis(100), "{wait:?}");
        let (cost, wait) = r.retry(2, Kind::Transient).expect("retried");
        assert_eq!(cost, 14);
        assert!(wait <= Duration::from_millis(150), "capped: {wait:?}");
        assert!(r.retry(3, Kind::Transient).is_none(), "max attempts");
        // the quota: 500 tokens, 14 per transient retry
        let mut taken = 19;
        while r.retry(1, Kind::Transient).is_some() {
            taken += 14;
        }
        assert_eq!(taken, 19 + 14 * ((500 - 19) / 14));
        assert!(r.retry(1, Kind::Throttling).is_some(), "5 tokens are left");
        assert!(r.retry(1, Kind::Throttling).is_none(), "the quota is empty");
        r.refund(14);
        assert!(r.retry(1, Kind::Transient).is_some(), "refunded");
    }
}
