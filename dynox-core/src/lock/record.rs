//! The lock table's item, and the ids a lock hands out.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// One lock, as stored in the lock table (`dynox_locks`, with the client's
/// prefix): who holds it, for how long, and the fencing token of the
/// latest acquisition. Create the table with [`crate::lock::Locks::create_table`].
#[derive(crate::DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "dynox_locks", crate = "crate")]
pub struct LockRecord {
    /// The lock's name.
    #[dyno(partition_key)]
    pub name: String,
    /// Who holds (or last held) it.
    pub owner: String,
    /// A new random value at every acquisition and heartbeat: a holder
    /// that stops beating leaves it unchanged for a whole lease, which is
    /// how others see that the lease expired without trusting any clock.
    pub rvn: String,
    /// One more at every acquisition: the fencing token.
    pub fence: u64,
    /// The holder's lease, in milliseconds.
    pub lease_ms: u64,
    /// Released by its holder: free to take at once.
    pub released: bool,
}

/// A random 128-bit id in hex: from the process's random hasher keys, a
/// counter and the time, so two ids of one process or of two never meet.
pub(crate) fn fresh_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let half = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(n);
        h.write_u64(t);
        h.write_u64(salt);
        h.finish()
    };
    format!("{:016x}{:016x}", half(1), half(2))
}
