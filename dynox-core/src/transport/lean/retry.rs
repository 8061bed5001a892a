//! The SDK's standard retry mode, as the lean transport runs it: up to
//! `max_attempts` attempts (3 by default), a retryable failure retried
//! after a full-jitter exponential backoff (a random part of
//! `initial_backoff × 2^(attempt-1)`, at most `max_backoff`), and a retry
//! quota shared by the client, so that a failing service is not hammered
//! by every caller's retries. The quota is the SDK's default token bucket
//! (`aws-smithy-runtime`): 500 tokens; a retry takes 5 (throttling, a
//! clock-skew error) or 10 (a transient error: a 5xx, a timeout, a lost
//! connection); an operation gives back the tokens of its last retry when
//! it ends, and a success at the first attempt adds one, up to 500.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Why an attempt may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A throttling code.
    Throttling,
    /// A transient code, a 5xx status, a lost connection or a timeout.
    Transient,
    /// A signature refused while the clocks are more than 4 minutes apart:
    /// the next attempt signs with the corrected clock.
    ClockSkew,
}

const QUOTA: usize = 500;

/// The client's retry settings and quota.
#[derive(Debug)]
pub(crate) struct Retries {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    quota: AtomicUsize,
}

/// The tokens one operation holds: those of its last retry. They go back
/// to the quota when it ends, however it ends (a timeout drops it too).
#[derive(Debug)]
pub(crate) struct Held<'r> {
    retries: &'r Retries,
    tokens: usize,
    retried: bool,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.retries.give_back(self.tokens);
    }
}

impl Held<'_> {
    /// The operation succeeded: a first-attempt success adds a token.
    pub(crate) fn succeeded(&mut self) {
        if !self.retried {
            self.tokens += 1;
        }
    }
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

    /// What an operation starting now holds: nothing yet.
    pub(crate) fn start(&self) -> Held<'_> {
        Held {
            retries: self,
            tokens: 0,
            retried: false,
        }
    }

    /// Whether attempt `attempt` (1-based), failed for `kind`, is retried,
    /// and after how long. A retry's tokens replace those of the one before
    /// (which are spent, as the SDK's bucket forgets a replaced permit).
    pub(crate) fn retry(&self, held: &mut Held<'_>, attempt: u32, kind: Kind) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let cost = match kind {
            Kind::Throttling | Kind::ClockSkew => 5,
            Kind::Transient => 10,
        };
        self.quota
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |q| q.checked_sub(cost))
            .ok()?;
        held.tokens = cost;
        held.retried = true;
        let exp = self
            .initial_backoff
            .checked_mul(1u32.checked_shl(attempt - 1).unwrap_or(u32::MAX))
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        Some(exp.mul_f64(fastrand::f64()))
    }

    fn give_back(&self, tokens: usize) {
        if tokens > 0 {
            let _ = self
                .quota
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |q| {
                    Some((q + tokens).min(QUOTA))
                });
        }
    }

    #[cfg(test)]
    fn left(&self) -> usize {
        self.quota.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::retry::RetryConfig;

    fn retries() -> Retries {
        let config = RetryConfig::standard()
            .with_max_attempts(3)
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(150));
        Retries::new(Some(&config))
    }

    #[test]
    fn attempts_and_backoff() {
        let r = retries();
        let mut held = r.start();
        let wait = r.retry(&mut held, 1, Kind::Throttling).expect("retried");
        assert!(wait <= Duration::from_millis(100), "{wait:?}");
        let wait = r.retry(&mut held, 2, Kind::Transient).expect("retried");
        assert!(wait <= Duration::from_millis(150), "capped: {wait:?}");
        assert!(
            r.retry(&mut held, 3, Kind::Transient).is_none(),
            "max attempts"
        );
    }

    #[test]
    fn the_quota_drains_with_failing_operations_and_refills() {
        let r = retries();
        // an operation retried twice spends its first retry's 10 tokens and
        // gives back its last retry's 10 when it ends
        {
            let mut held = r.start();
            r.retry(&mut held, 1, Kind::Transient).expect("retried");
            r.retry(&mut held, 2, Kind::Transient).expect("retried");
            assert_eq!(r.left(), 480);
        }
        assert_eq!(r.left(), 490);
        // one retry and a success: all back
        {
            let mut held = r.start();
            r.retry(&mut held, 1, Kind::Throttling).expect("retried");
            held.succeeded();
        }
        assert_eq!(r.left(), 490);
        // a first-attempt success adds a token
        r.start().succeeded();
        assert_eq!(r.left(), 491);
        // drained: 48 operations that each spend one retry's 10 tokens
        for _ in 0..48 {
            let mut held = r.start();
            r.retry(&mut held, 1, Kind::Transient).expect("retried");
            r.retry(&mut held, 2, Kind::Transient).expect("retried");
        }
        assert_eq!(r.left(), 11);
        let mut held = r.start();
        r.retry(&mut held, 1, Kind::Transient)
            .expect("10 of the 11");
        assert!(
            r.retry(&mut held, 2, Kind::Transient).is_none(),
            "the quota is spent"
        );
        drop(held);
        assert_eq!(r.left(), 11);
        // and first-attempt successes refill it
        for _ in 0..9 {
            r.start().succeeded();
        }
        assert_eq!(r.left(), 20);
        let mut held = r.start();
        r.retry(&mut held, 1, Kind::Transient).expect("refilled");
        r.retry(&mut held, 2, Kind::Transient).expect("refilled");
    }
}
