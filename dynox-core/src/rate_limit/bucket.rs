//! One capacity budget (read or write units per second) as a token bucket
//! that may go into debt: a request waits only while the bucket is in debt,
//! and pays what DynamoDB says it consumed once it is answered. So a request
//! larger than a second's budget still runs (once, then the next ones wait
//! until the debt is paid), and the budget is counted in the units DynamoDB
//! reports, not in guesses made before sending.

use std::time::Duration;

/// The least rate a bucket runs at, in units per second: no budget is zero,
/// so nothing waits forever.
pub(crate) const MIN_RATE: f64 = 0.1;

/// How many seconds of budget the bucket holds at most: the burst allowed
/// after a quiet spell.
const BURST_SECONDS: f64 = 1.0;

/// An adaptive bucket's rate grows by this share of its maximum per second
/// without throttling.
const RECOVERY_PER_SECOND: f64 = 0.05;

#[derive(Debug, Clone)]
pub(crate) struct Bucket {
    /// Units per second allowed now.
    rate: f64,
    /// The configured budget; an adaptive bucket never goes above it.
    max_rate: f64,
    adaptive: bool,
    /// Units available (negative: debt to pay before the next request).
    balance: f64,
    /// When `balance` was last brought up to date.
    updated: Duration,
    /// When an adaptive bucket last halved its rate.
    halved: Option<Duration>,
}

impl Bucket {
    /// A bucket of `rate` units per second, starting empty at `now` (so a
    /// run measured from its start gets the budget, not a burst on top).
    pub(crate) fn new(rate: f64, adaptive: bool, now: Duration) -> Self {
        let rate = if rate.is_finite() {
            rate.max(MIN_RATE)
        } else {
            f64::MAX
        };
        Bucket {
            rate,
            max_rate: rate,
            adaptive,
            balance: 0.0,
            updated: now,
            halved: None,
        }
    }

    fn refill(&mut self, now: Duration) {
        let elapsed = now.saturating_sub(self.updated).as_secs_f64();
        self.updated = now.max(self.updated);
        if self.adaptive && self.rate < self.max_rate {
            self.rate =
                (self.rate + self.max_rate * RECOVERY_PER_SECOND * elapsed).min(self.max_rate);
        }
        self.balance = (self.balance + elapsed * self.rate).min(self.rate * BURST_SECONDS);
    }

    /// How long to wait before sending at `now`; zero when the bucket is
    /// not in debt.
    pub(crate) fn wait(&mut self, now: Duration) -> Duration {
        self.refill(now);
        if self.balance >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64((-self.balance / self.rate).min(3600.0))
        }
    }

    /// Pays for what a request consumed.
    pub(crate) fn consume(&mut self, units: f64, now: Duration) {
        self.refill(now);
        if units.is_finite() && units > 0.0 {
            self.balance -= units;
        }
    }

    /// DynamoDB throttled a request: an adaptive bucket halves its rate and
    /// waits a second of the new rate before the next request. Requests
    /// sent side by side are throttled together: the rate halves once a
    /// second at most, as TCP halves its window once per round trip.
    pub(crate) fn throttled(&mut self, now: Duration) {
        self.refill(now);
        if !self.adaptive {
            return;
        }
        let recent = self
            .halved
            .is_some_and(|at| now.saturating_sub(at) < Duration::from_secs(1));
        if !recent {
            self.rate = (self.rate / 2.0).max(MIN_RATE);
            self.halved = Some(now);
        }
        // at least a second's wait, whatever the debt: requests throttled
        // side by side do not add up to a wait of many seconds
        self.balance = self.balance.min(-self.rate);
    }

    /// Units per second allowed now.
    pub(crate) fn rate(&self) -> f64 {
        self.rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn a_request_waits_only_while_the_bucket_is_in_debt() {
        let mut b = Bucket::new(10.0, false, secs(0.0));
        assert_eq!(
            b.wait(secs(0.0)),
            Duration::ZERO,
            "an empty bucket is not in debt"
        );
        b.consume(25.0, secs(0.0)); // larger than a second's budget: it ran
        assert_eq!(b.wait(secs(0.0)), secs(2.5));
        assert_eq!(b.wait(secs(2.0)), secs(0.5));
        assert_eq!(b.wait(secs(2.5)), Duration::ZERO);
    }

    #[test]
    fn the_budget_over_a_long_run_is_the_rate() {
        // 1-unit requests sent whenever allowed, for 10 s
        let mut b = Bucket::new(100.0, false, secs(0.0));
        let (mut now, mut spent) = (secs(0.0), 0.0);
        while now < secs(10.0) {
            now += b.wait(now);
            if now >= secs(10.0) {
                break;
            }
            b.consume(1.0, now);
            spent += 1.0;
        }
        assert!((999.0..=1001.0).contains(&spent), "{spent}");
    }

    #[test]
    fn a_quiet_spell_allows_one_second_of_burst() {
        let mut b = Bucket::new(10.0, false, secs(0.0));
        assert_eq!(b.wait(secs(100.0)), Duration::ZERO);
        b.consume(10.0, secs(100.0));
        assert_eq!(
            b.wait(secs(100.0)),
            Duration::ZERO,
            "the burst is spent exactly"
        );
        b.consume(1.0, secs(100.0));
        assert_eq!(b.wait(secs(100.0)), secs(0.1));
    }

    #[test]
    fn an_adaptive_bucket_halves_on_throttling_and_recovers() {
        let mut b = Bucket::new(100.0, true, secs(0.0));
        b.throttled(secs(0.0));
        assert_eq!(b.rate(), 50.0);
        assert_eq!(b.wait(secs(0.0)), secs(1.0), "a second at the new rate");
        b.throttled(secs(0.0));
        b.throttled(secs(0.0));
        assert_eq!(b.rate(), 50.0, "once a second at most");
        assert_eq!(b.wait(secs(0.0)), secs(1.0), "and the waits do not add up");
        b.throttled(secs(1.0)); // recovered by 5 meanwhile, then halved
        assert_eq!(b.rate(), 27.5);
        // 5% of the maximum per quiet second
        b.wait(secs(10.0));
        assert!((b.rate() - 72.5).abs() < 1e-9, "{}", b.rate());
        b.wait(secs(100.0));
        assert_eq!(b.rate(), 100.0, "never above the budget");
        let mut fixed = Bucket::new(100.0, false, secs(0.0));
        fixed.throttled(secs(0.0));
        assert_eq!(fixed.rate(), 100.0, "a fixed budget stays");
    }

    #[test]
    fn no_rate_is_zero_and_no_wait_unbounded() {
        let mut b = Bucket::new(0.0, false, secs(0.0));
        assert_eq!(b.rate(), MIN_RATE);
        b.consume(f64::INFINITY, secs(0.0));
        b.consume(-5.0, secs(0.0));
        assert_eq!(
            b.wait(secs(0.0)),
            Duration::ZERO,
            "nonsense units are not charged"
        );
        b.consume(1e12, secs(0.0));
        assert_eq!(b.wait(secs(0.0)), secs(3600.0));
    }
}
