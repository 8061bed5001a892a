//! Per-request metrics: what each operation cost, as DynamoDB reported it.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

pub use crate::operation::OperationKind;

/// What one request cost.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationRecord {
    /// The request's kind.
    pub kind: OperationKind,
    /// The table it went to (with the client's prefix).
    pub table: String,
    /// Wall time from sending to the answer.
    pub duration: Duration,
    /// Read capacity units DynamoDB reported.
    pub rcu: f64,
    /// Write capacity units DynamoDB reported.
    pub wcu: f64,
    /// Size of the request in DynamoDB's JSON wire format.
    pub bytes_sent: u64,
    /// Size of the response in DynamoDB's JSON wire format.
    pub bytes_received: u64,
    /// Items read or written.
    pub items: u64,
    /// Items a query or scan read before its filter (DynamoDB's
    /// `ScannedCount`; 0 for other requests).
    pub scanned: u64,
    /// DynamoDB's id of the request (`x-amzn-RequestId`), for AWS support;
    /// `None` on the embedded engine.
    pub request_id: Option<String>,
    /// Whether DynamoDB accepted the request.
    pub succeeded: bool,
}

/// Totals for one table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableMetrics {
    /// Requests sent.
    pub requests: u64,
    /// Requests that failed.
    pub errors: u64,
    /// Read capacity units consumed.
    pub total_rcu: f64,
    /// Write capacity units consumed.
    pub total_wcu: f64,
    /// Request bytes (DynamoDB JSON wire format).
    pub bytes_sent: u64,
    /// Response bytes (DynamoDB JSON wire format).
    pub bytes_received: u64,
    /// Time spent waiting for DynamoDB.
    pub duration: Duration,
    /// Items read or written.
    pub items: u64,
    /// Items queries and scans read before their filters.
    pub scanned_count: u64,
    /// Requests by kind.
    pub operations: BTreeMap<OperationKind, u64>,
}

impl TableMetrics {
    fn add(&mut self, r: &OperationRecord) {
        self.requests += 1;
        self.errors += u64::from(!r.succeeded);
        self.total_rcu += r.rcu;
        self.total_wcu += r.wcu;
        self.bytes_sent += r.bytes_sent;
        self.bytes_received += r.bytes_received;
        self.duration += r.duration;
        self.items += r.items;
        self.scanned_count += r.scanned;
        *self.operations.entry(r.kind).or_default() += 1;
    }

    fn subtract(&mut self, t: &TableMetrics) {
        self.requests -= t.requests;
        self.errors -= t.errors;
        self.total_rcu -= t.total_rcu;
        self.total_wcu -= t.total_wcu;
        self.bytes_sent -= t.bytes_sent;
        self.bytes_received -= t.bytes_received;
        self.duration = self.duration.saturating_sub(t.duration);
        self.items -= t.items;
        self.scanned_count -= t.scanned_count;
        for (kind, n) in &t.operations {
            if let Some(mine) = self.operations.get_mut(kind) {
                *mine -= n;
                if *mine == 0 {
                    self.operations.remove(kind);
                }
            }
        }
    }
}

/// Totals over every request a client sent since the last reset.
///
/// ```
/// # use dynox_core::prelude::*;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
/// # fn order(id: &str, total: u32) -> Order { Order { customer: "c1".into(), id: id.into(), total } }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// # let db = Dynox::memory_with::<(Order,)>();
/// order("o1", 5).save(&db).await?;
/// db.reset_metrics();
/// Order::get(&db, "c1", "o1").consistent_read(true).await?;
/// let m = db.metrics();
/// assert_eq!(m.requests, 1);
/// assert_eq!(m.total_rcu, 1.0); // a strongly consistent read of an item under 4 KB
/// assert_eq!(db.last_operation().map(|r| r.kind), Some(dynox_core::OperationKind::GetItem));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    /// Requests sent.
    pub requests: u64,
    /// Requests that failed.
    pub errors: u64,
    /// Read capacity units consumed.
    pub total_rcu: f64,
    /// Write capacity units consumed.
    pub total_wcu: f64,
    /// Request bytes (DynamoDB JSON wire format).
    pub bytes_sent: u64,
    /// Response bytes (DynamoDB JSON wire format).
    pub bytes_received: u64,
    /// Time spent waiting for DynamoDB.
    pub duration: Duration,
    /// Items read or written.
    pub items: u64,
    /// Items queries and scans read before their filters: far above
    /// `items`, a filter is discarding what the reads paid for.
    pub scanned_count: u64,
    /// Requests by kind.
    pub operations: BTreeMap<OperationKind, u64>,
    /// The same totals per table.
    pub tables: BTreeMap<String, TableMetrics>,
}

#[derive(Default)]
struct State {
    totals: TableMetrics,
    tables: BTreeMap<String, TableMetrics>,
    last: Option<OperationRecord>,
    /// What the requests needed, for `Dynox::iam_policy`.
    permissions: std::collections::BTreeSet<crate::iam::Permission>,
    /// Kinds (a bit each) whose permissions on a table are recorded, for
    /// the kinds whose permissions the table alone decides.
    permitted: std::collections::HashMap<String, u64>,
}

/// The store behind `Dynox::metrics`; a short lock per request.
#[derive(Default)]
pub(crate) struct MetricsStore {
    state: Mutex<State>,
}

impl MetricsStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // a panic while holding this lock cannot leave totals half-written in
        // a way that matters more than losing all metrics, so keep going
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn record(&self, record: OperationRecord) {
        let mut s = self.lock();
        s.totals.add(&record);
        match s.tables.get_mut(&record.table) {
            Some(t) => t.add(&record),
            None => {
                let mut t = TableMetrics::default();
                t.add(&record);
                s.tables.insert(record.table.clone(), t);
            }
        }
        s.last = Some(record);
    }

    pub(crate) fn snapshot(&self) -> Metrics {
        let s = self.lock();
        let t = &s.totals;
        Metrics {
            requests: t.requests,
            errors: t.errors,
            total_rcu: t.total_rcu,
            total_wcu: t.total_wcu,
            bytes_sent: t.bytes_sent,
            bytes_received: t.bytes_received,
            duration: t.duration,
            items: t.items,
            scanned_count: t.scanned_count,
            operations: t.operations.clone(),
            tables: s.tables.clone(),
        }
    }

    pub(crate) fn table(&self, table: &str) -> TableMetrics {
        self.lock().tables.get(table).cloned().unwrap_or_default()
    }

    pub(crate) fn last(&self) -> Option<OperationRecord> {
        self.lock().last.clone()
    }

    /// Notes what `request`, sent for `label`, needed. Most requests name
    /// one table and need one action, known from their kind: those are
    /// worked out once per table and kind, not at every request.
    pub(crate) fn permit(&self, request: &crate::transport::Request, label: &str) {
        let kind = request.kind();
        let bit = 1u64 << (kind as u32 % 64);
        let by_kind = matches!(
            kind,
            OperationKind::PutItem
                | OperationKind::GetItem
                | OperationKind::UpdateItem
                | OperationKind::DeleteItem
        );
        if by_kind
            && self
                .lock()
                .permitted
                .get(label)
                .is_some_and(|kinds| kinds & bit != 0)
        {
            return;
        }
        let needed = crate::iam::permissions(request, label);
        let mut s = self.lock();
        for p in needed {
            if !s.permissions.contains(&p) {
                s.permissions.insert(p);
            }
        }
        if by_kind {
            *s.permitted.entry(label.to_owned()).or_default() |= bit;
        }
    }

    pub(crate) fn policy(&self) -> serde_json::Value {
        crate::iam::policy(&self.lock().permissions)
    }

    pub(crate) fn reset(&self) {
        *self.lock() = State::default();
    }

    pub(crate) fn reset_table(&self, table: &str) {
        let mut s = self.lock();
        if let Some(t) = s.tables.remove(table) {
            s.totals.subtract(&t);
        }
    }
}
