//! Wall time and process CPU time of a workload.

use std::future::Future;
use std::time::{Duration, Instant};

/// Nanoseconds this process's threads have spent on a CPU so far: the sum
/// of the first field of /proc/self/task/*/schedstat (nanosecond precision,
/// where /proc/self/stat counts 10 ms ticks).
fn cpu_nanos() -> u64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .filter_map(|t| t.ok())
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// What one run of a workload measured.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample {
    pub(crate) ops: u64,
    pub(crate) wall: Duration,
    pub(crate) cpu: Duration,
}

impl Sample {
    pub(crate) fn ops_per_sec(&self) -> f64 {
        self.ops as f64 / self.wall.as_secs_f64()
    }
    pub(crate) fn cpu_per_op(&self) -> Duration {
        self.cpu / self.ops.max(1) as u32
    }
}

/// Runs `ops` operations split over `tasks` concurrent tasks, each running
/// its share in sequence; `op(i)` is operation number `i`.
pub(crate) async fn run<F, Fut>(ops: u64, tasks: u64, op: F) -> Sample
where
    F: Fn(u64) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let cpu0 = cpu_nanos();
    let started = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|t| {
            let op = op.clone();
            tokio::spawn(async move {
                let mut i = t;
                while i < ops {
                    op(i).await;
                    i += tasks;
                }
            })
        })
        .collect();
    for h in handles {
        h.await.expect("workload task");
    }
    let wall = started.elapsed();
    let cpu = Duration::from_nanos(cpu_nanos().saturating_sub(cpu0));
    Sample { ops, wall, cpu }
}
