//! How batches retry what DynamoDB did not process: exponential backoff with
//! full jitter, giving up after a number of attempts in a row that made no
//! progress, and handing back every request not done.

use crate::{Error, Result};
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Retries of a batch get or batch write.
///
/// After a request returns unprocessed keys or items, or is throttled, the
/// rest is sent again after a random delay between zero and
/// `base_delay * 2^retry` (capped at `max_delay`): AWS's "full jitter", which
/// spreads retries of concurrent writers apart. The batch gives up after
/// `max_attempts` attempts in a row that processed nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in a row without progress before giving up (at least 1).
    pub max_attempts: u32,
    /// The first retry's upper bound on the delay.
    pub base_delay: Duration,
    /// No delay exceeds this.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(20),
            max_delay: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// The delay before retry number `retry` (1 for the first).
    fn delay(&self, retry: u32, rng: &mut Jitter) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << retry.min(16))
            .min(self.max_delay);
        ceiling.mul_f64(rng.next_unit())
    }
}

/// A small random source for jitter (splitmix64), seeded from the
/// process's random hasher keys so concurrent batches do not move in step.
#[derive(Debug)]
pub(crate) struct Jitter(u64);

impl Jitter {
    pub(crate) fn new() -> Self {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(0x9e37_79b9_7f4a_7c15);
        Jitter(h.finish())
    }

    /// A number in `[0, 1)`.
    fn next_unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// What one chunk of a batch came to.
#[derive(Debug)]
pub(crate) struct Driven<T, R> {
    /// What the requests returned (items read; nothing for writes).
    pub(crate) done: Vec<T>,
    /// Requests not done, and why, when the chunk gave up.
    pub(crate) failed: Option<(Vec<R>, Error)>,
    /// Requests sent.
    pub(crate) requests: u32,
    /// Of them, retries.
    pub(crate) retries: u32,
}

/// Sends `pending` with `send` until nothing is left, retrying what comes
/// back unprocessed or throttled. `send` answers with what it returned and
/// what DynamoDB left unprocessed. When `stop` is set (another chunk gave up),
/// nothing more is sent and `pending` is handed back.
pub(crate) async fn drive<R, T, F, Fut>(
    policy: &RetryPolicy,
    stop: &AtomicBool,
    mut pending: Vec<R>,
    mut send: F,
) -> Driven<T, R>
where
    F: FnMut(&[R]) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, Vec<R>)>>,
{
    let mut jitter = Jitter::new();
    let mut out = Driven {
        done: Vec::new(),
        failed: None,
        requests: 0,
        retries: 0,
    };
    let mut stalls = 0;
    loop {
        if stop.load(Ordering::Relaxed) {
            out.failed = Some((pending, stopped()));
            return out;
        }
        out.requests += 1;
        let error = match send(&pending).await {
            Ok((got, remaining)) => {
                let progress = remaining.len() < pending.len() || !got.is_empty();
                out.done.extend(got);
                pending = remaining;
                if pending.is_empty() {
                    return out;
                }
                stalls = if progress { 0 } else { stalls + 1 };
                Error::Throttled {
                    message: format!(
                        "DynamoDB left {} request(s) unprocessed after {} attempt(s) in a row without progress",
                        pending.len(),
                        stalls.max(1)
                    ),
                }
            }
            Err(e) if e.is_retryable() => {
                stalls += 1;
                e
            }
            Err(e) => {
                out.failed = Some((pending, e));
                return out;
            }
        };
        if stalls >= policy.max_attempts.max(1) {
            out.failed = Some((pending, error));
            return out;
        }
        out.retries += 1;
        tokio::time::sleep(policy.delay(out.retries, &mut jitter)).await;
    }
}

/// What all the chunks of a batch came to.
#[derive(Debug)]
pub(crate) struct Batch<T, R> {
    /// What the requests returned, over all chunks.
    pub(crate) done: Vec<T>,
    /// Every request not done.
    pub(crate) unprocessed: Vec<R>,
    /// Why the batch stopped, if it did: the first real failure.
    pub(crate) cause: Option<Error>,
    /// Requests sent.
    pub(crate) requests: usize,
    /// Of them, retries.
    pub(crate) retries: usize,
}

/// Drives every chunk (see [`drive`]), `concurrency` at a time. When one
/// chunk gives up, the others send nothing more and hand back what is left.
pub(crate) async fn drive_all<R, T, F, Fut>(
    chunks: Vec<Vec<R>>,
    concurrency: usize,
    policy: &RetryPolicy,
    send: F,
) -> Batch<T, R>
where
    F: Fn(&[R]) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, Vec<R>)>>,
{
    use futures::StreamExt;
    let stop = AtomicBool::new(false);
    let (stop, send) = (&stop, &send);
    let results: Vec<Driven<T, R>> = futures::stream::iter(chunks)
        .map(|chunk| async move {
            let driven = drive(policy, stop, chunk, send).await;
            if driven.failed.is_some() {
                stop.store(true, Ordering::Relaxed);
            }
            driven
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    let mut batch = Batch {
        done: Vec::new(),
        unprocessed: Vec::new(),
        cause: None,
        requests: 0,
        retries: 0,
    };
    for driven in results {
        batch.done.extend(driven.done);
        batch.requests += driven.requests as usize;
        batch.retries += driven.retries as usize;
        if let Some((rest, error)) = driven.failed {
            batch.unprocessed.extend(rest);
            // the first real failure explains the rest, which were only stopped
            if batch.cause.is_none() || matches!(batch.cause, Some(Error::Throttled { .. })) {
                batch.cause = Some(error);
            }
        }
    }
    batch
}

fn stopped() -> Error {
    Error::Throttled {
        message: "not sent: another request of the batch failed first".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stay_under_the_cap() {
        let p = RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(100),
        };
        let mut j = Jitter::new();
        for retry in 1..40 {
            let ceiling = (10u64 << retry.min(16)).min(100);
            let d = p.delay(retry, &mut j);
            assert!(d <= Duration::from_millis(ceiling), "{retry}: {d:?}");
        }
        // jitter spreads: 200 draws under a 100 ms ceiling are not all alike
        let draws: std::collections::BTreeSet<_> = (0..200).map(|_| p.delay(10, &mut j)).collect();
        assert!(draws.len() > 150, "{}", draws.len());
    }

    #[tokio::test]
    async fn retries_the_rest_until_done() {
        let policy = RetryPolicy {
            base_delay: Duration::from_micros(1),
            ..RetryPolicy::default()
        };
        let stop = AtomicBool::new(false);
        // each attempt processes the first two requests
        let out = drive(&policy, &stop, (0..7).collect::<Vec<u32>>(), |p| {
            let (done, rest) = p.split_at(p.len().min(2));
            std::future::ready(Ok((done.to_vec(), rest.to_vec())))
        })
        .await;
        assert_eq!(out.done, vec![0, 1, 2, 3, 4, 5, 6]);
        assert!(out.failed.is_none());
        assert_eq!((out.requests, out.retries), (4, 3));
    }

    #[tokio::test]
    async fn gives_up_after_attempts_without_progress_and_hands_back_the_rest() {
        let policy = RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_micros(1),
            max_delay: Duration::from_micros(10),
        };
        let stop = AtomicBool::new(false);
        let out = drive(&policy, &stop, vec![1u32, 2, 3], |p| {
            std::future::ready(Ok((Vec::<u32>::new(), p.to_vec())))
        })
        .await;
        let (rest, cause) = out.failed.expect("gave up");
        assert_eq!(rest, vec![1, 2, 3]);
        assert!(matches!(cause, Error::Throttled { .. }), "{cause:?}");
        assert_eq!(out.requests, 3);
    }

    #[tokio::test]
    async fn a_hard_error_stops_at_once() {
        let stop = AtomicBool::new(false);
        let out = drive(&RetryPolicy::default(), &stop, vec![1u32], |_| {
            std::future::ready(Err::<(Vec<u32>, Vec<u32>), _>(Error::Validation {
                message: "bad".into(),
            }))
        })
        .await;
        let (rest, cause) = out.failed.expect("failed");
        assert_eq!(rest, vec![1]);
        assert!(matches!(cause, Error::Validation { .. }));
        assert_eq!(out.requests, 1);
    }
}
