//! The heaviest keys of a stream of weighted events, in bounded memory:
//! the Space-Saving algorithm (Metwally, Agrawal and El Abbadi, 2005). It
//! keeps `capacity` counters; a key not counted takes the place of the
//! lightest one and inherits its weight as the bound of its error. Any key
//! heavier than `total / capacity` is certain to be among the counters.

/// One counted key: a partition key value of a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Counter {
    /// A hash of table and key, compared first: a pass over the counters
    /// compares numbers, not text.
    hash: u64,
    pub(crate) table: std::sync::Arc<str>,
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

#[derive(Debug, Clone)]
pub(crate) struct SpaceSaving {
    capacity: usize,
    counters: Vec<Counter>,
}

impl SpaceSaving {
    pub(crate) fn new(capacity: usize) -> Self {
        SpaceSaving {
            capacity: capacity.max(1),
            counters: Vec::new(),
        }
    }

    /// Counts one request of `key` that used `read` and `write` units (a
    /// request that reported none weighs one unit, so keys hit often but
    /// cheaply still show).
    pub(crate) fn add(
        &mut self,
        table: &std::sync::Arc<str>,
        key: &str,
        read: f64,
        write: f64,
    ) -> &Counter {
        let hash = hash(table, key);
        // one pass finds the key, or the lightest counter to replace
        let mut found = None;
        let mut lightest: Option<(usize, f64)> = None;
        for (i, c) in self.counters.iter().enumerate() {
            if c.hash == hash && c.key == key && *c.table == **table {
                found = Some(i);
                break;
            }
            if lightest.is_none_or(|(_, w)| c.weight() < w) {
                lightest = Some((i, c.weight()));
            }
        }
        let index = match (found, lightest) {
            (Some(i), _) => i,
            (None, _) if self.counters.len() < self.capacity => {
                self.counters.push(Counter {
                    hash,
                    table: table.clone(),
                    key: key.to_owned(),
                    requests: 0,
                    read: 0.0,
                    write: 0.0,
                    error: 0.0,
                });
                self.counters.len() - 1
            }
            (None, lightest) => {
                let (i, weight) = lightest.unwrap_or((0, 0.0));
                let c = &mut self.counters[i];
                // the evicted key's buffer takes the new key: no allocation
                c.hash = hash;
                c.key.clear();
                c.key.push_str(key);
                if *c.table != **table {
                    c.table = table.clone();
                }
                c.requests = 0;
                // the inherited weight stays counted, on the read side
                c.read = weight;
                c.write = 0.0;
                c.error = weight;
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
        c
    }

    pub(crate) fn counters(&self) -> &[Counter] {
        &self.counters
    }
}

/// FNV-1a over the table and the key: cheap for short text, and only
/// ever compared within one process.
fn hash(table: &str, key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in table.bytes().chain([0x1f]).chain(key.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heavy_key_is_found_among_many_light_ones() {
        let mut s = SpaceSaving::new(8);
        let t: std::sync::Arc<str> = "t".into();
        for i in 0..10_000u32 {
            s.add(&t, &format!("light-{i}"), 1.0, 0.0);
            if i % 4 == 0 {
                s.add(&t, "hot", 0.0, 5.0);
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
        let t: std::sync::Arc<str> = "t".into();
        s.add(&t, "a", 0.0, 0.0);
        let a = s.add(&t, "a", 0.0, 0.0).clone();
        assert_eq!((a.requests, a.weight()), (2, 2.0));
    }
}
