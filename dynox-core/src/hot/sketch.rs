//! The heaviest keys of a stream of weighted events, in bounded memory:
//! the Space-Saving algorithm (Metwally, Agrawal and El Abbadi, 2005). It
//! keeps `capacity` counters; a key not counted takes the place of the
//! lightest one and inherits its weight as the bound of its error. Any key
//! heavier than `total / capacity` is certain to be among the counters.

/// One counted key: a partition key value of a table (by its place in
/// the client's list of tables).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Counter {
    pub(crate) table: usize,
    pub(crate) key: String,
    pub(crate) requests: u64,
    pub(crate) read: f64,
    pub(crate) write: f64,
    /// Weight the key may have inherited from the counter it replaced.
    pub(crate) error: f64,
}

impl Counter {
    pub(crate) fn weight(&self) -> f64 {
        self.read + self.write
    }
}

/// The counters, with their hashes and weights also kept in lists of
/// their own: the pass that looks for a key, or for the lightest counter
/// to replace, reads a few cache lines of numbers, not every counter.
#[derive(Debug, Clone)]
pub(crate) struct SpaceSaving {
    capacity: usize,
    hashes: Vec<u64>,
    weights: Vec<f64>,
    counters: Vec<Counter>,
    /// Key buffers of counters that were reset, for the next ones.
    spare_keys: Vec<String>,
}

/// A new counter's key buffer holds this much text before it grows.
const KEY_CAPACITY: usize = 48;

impl SpaceSaving {
    pub(crate) fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        SpaceSaving {
            capacity,
            hashes: Vec::with_capacity(capacity),
            weights: Vec::with_capacity(capacity),
            counters: Vec::with_capacity(capacity),
            spare_keys: Vec::new(),
        }
    }

    /// Forgets every key, keeping the memory for the next ones.
    pub(crate) fn reset(&mut self) {
        self.hashes.clear();
        self.weights.clear();
        self.spare_keys
            .extend(self.counters.drain(..).map(|c| c.key));
    }

    /// Counts one request of `key` that used `read` and `write` units (a
    /// request that reported none weighs one unit, so keys hit often but
    /// cheaply still show).
    pub(crate) fn add(&mut self, table: usize, key: &str, read: f64, write: f64) -> &Counter {
        let hash = hash(table, key);
        let found = self
            .hashes
            .iter()
            .enumerate()
            .filter(|(_, h)| **h == hash)
            .map(|(i, _)| i)
            .find(|&i| self.counters[i].table == table && self.counters[i].key == key);
        let index = match found {
            Some(i) => i,
            None if self.counters.len() < self.capacity => {
                let mut buffer = self
                    .spare_keys
                    .pop()
                    .unwrap_or_else(|| String::with_capacity(KEY_CAPACITY));
                buffer.clear();
                buffer.push_str(key);
                self.hashes.push(hash);
                self.weights.push(0.0);
                self.counters.push(Counter {
                    table,
                    key: buffer,
                    requests: 0,
                    read: 0.0,
                    write: 0.0,
                    error: 0.0,
                });
                self.counters.len() - 1
            }
            None => {
                let (i, weight) = self.lightest();
                let c = &mut self.counters[i];
                // the evicted key's buffer takes the new key: no allocation
                c.table = table;
                c.key.clear();
                c.key.push_str(key);
                c.requests = 0;
                // the inherited weight stays counted, on the read side
                c.read = weight;
                c.write = 0.0;
                c.error = weight;
                self.hashes[i] = hash;
                i
            }
        };
        let c = &mut self.counters[index];
        c.requests += 1;
        if read + write > 0.0 {
            c.read += read;
            c.write += write;
        } else {
            c.read += 1.0;
        }
        self.weights[index] = c.weight();
        c
    }

    /// The lightest counter's place and weight (the counters are full).
    fn lightest(&self) -> (usize, f64) {
        let mut lightest = (0, f64::INFINITY);
        for (i, &w) in self.weights.iter().enumerate() {
            if w < lightest.1 {
                lightest = (i, w);
            }
        }
        lightest
    }

    pub(crate) fn counters(&self) -> &[Counter] {
        &self.counters
    }
}

/// FNV-1a over the table's place and the key: cheap for short text, and
/// only ever compared within one process.
fn hash(table: usize, key: &str) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    // the table's place is small: mixed in at once, not byte by byte
    let mut h = (0xcbf2_9ce4_8422_2325 ^ table as u64).wrapping_mul(PRIME);
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heavy_key_is_found_among_many_light_ones() {
        let mut s = SpaceSaving::new(8);
        let t = 0;
        for i in 0..10_000u32 {
            s.add(t, &format!("light-{i}"), 1.0, 0.0);
            if i % 4 == 0 {
                s.add(t, "hot", 0.0, 5.0);
            }
        }
        assert_eq!(s.counters().len(), 8, "bounded");
        let hot = s.counters().iter().find(|c| c.key == "hot").expect("found");
        // 2,500 requests of 5 units; what it may have inherited bounds the error
        assert_eq!(hot.write, 12_500.0);
        assert!(hot.requests >= 2_500);
        assert!(hot.weight() - hot.error <= 12_500.0 + 1e-9);
    }

    #[test]
    fn a_request_that_reports_no_units_weighs_one() {
        let mut s = SpaceSaving::new(2);
        let t = 0;
        s.add(t, "a", 0.0, 0.0);
        let a = s.add(t, "a", 0.0, 0.0).clone();
        assert_eq!((a.requests, a.weight()), (2, 2.0));
    }
}
