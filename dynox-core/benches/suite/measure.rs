//! Wall time and process CPU time of a workload.

use std::future::Future;
use std::time::{Duration, Instant};

/// Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`).
pub(crate) fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// User plus system CPU time of this whole process so far, in ticks.
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // fields after the command name, which is in parentheses and may hold spaces
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after ')'
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
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
pub(crate) async fn run<F, Fut>(ops: u64, tasks: u64, ticks: f64, op: F) -> Sample
where
    F: Fn(u64) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let cpu0 = cpu_ticks();
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
    let cpu = Duration::from_secs_f64((cpu_ticks() - cpu0) as f64 / ticks);
    Sample { ops, wall, cpu }
}
