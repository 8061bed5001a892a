//! `Dynox::send`: the one place every request passes through on its way
//! to a transport: routing, rate limits, tracing, metrics, hot-partition
//! diagnostics and the IAM record.

use super::Dynox;
use crate::metrics::OperationRecord;
use crate::operation::FromResponse;
use crate::rate_limit::Outcome;
use crate::transport::{Request, Response};
use crate::Result;
use std::time::Instant;
use tracing::Instrument;

impl Dynox {
    /// Sends one rendered request and records what it cost. Every operation
    /// goes through here, so metrics and tracing cover all of them.
    pub(crate) async fn send<O: FromResponse>(&self, table: &str, request: Request) -> Result<O> {
        if let Some(routes) = &self.routes {
            if let Some(other) = routes.for_request(table)? {
                return Box::pin(other.send(table, request)).await;
            }
        }
        let kind = request.kind();
        let reads = request.reads();
        // the HTTP bodies' lengths where the client notes them (an
        // AwsTransport built by Dynox); computed from the request and the
        // response otherwise (the embedded engine, any other transport)
        let measured = self.shared.measured;
        let computed_sent = (!measured).then(|| request.wire_size() as u64);
        let span = tracing::debug_span!(
            "dynox",
            op = kind.as_str(),
            table,
            transport = self.shared.transport.name(),
            bytes_sent = tracing::field::Empty,
            bytes_received = tracing::field::Empty,
            rcu = tracing::field::Empty,
            wcu = tracing::field::Empty,
            error = tracing::field::Empty,
            // OpenTelemetry's semantic conventions for DynamoDB calls
            "db.system" = "dynamodb",
            "rpc.system" = "aws-api",
            "rpc.service" = "DynamoDB",
            "rpc.method" = kind.as_str(),
            "aws.dynamodb.table_names" = table,
            "aws.dynamodb.consumed_capacity" = tracing::field::Empty,
            "aws.request_id" = tracing::field::Empty,
        );
        if let Some(limits) = &self.limits {
            for limit in limits.for_request(table) {
                limit.acquire(reads).instrument(span.clone()).await;
            }
        }
        let hot_keys = self.hot.as_ref().map(|h| h.keys_of(&request));
        self.shared.metrics.permit(&request, table);
        let started = Instant::now();
        let sending = self.shared.transport.send(request).instrument(span.clone());
        // only a measuring client has lengths to note
        let (result, mut bodies) = if measured {
            crate::transport::aws_received::received(sending).await
        } else {
            (sending.await, Default::default())
        };
        let bytes_sent = computed_sent.unwrap_or_else(|| bodies.sent.unwrap_or(0));
        span.record("bytes_sent", bytes_sent);
        let duration = started.elapsed();
        let mut record = OperationRecord {
            kind,
            table: table.to_owned(),
            duration,
            rcu: 0.0,
            wcu: 0.0,
            bytes_sent,
            bytes_received: 0,
            items: 0,
            scanned: 0,
            request_id: None,
            succeeded: result.is_ok(),
        };
        if let Ok(response) = &result {
            record.bytes_received = match bodies.received.filter(|_| measured) {
                Some(length) => length,
                None => response.wire_size() as u64,
            };
            record.items = response.items();
            record.scanned = response.scanned();
            record.request_id = match response.request_id() {
                Some(id) => Some(id.to_owned()),
                None => bodies.request_id.take(),
            };
            if let Some(c) = response.consumed() {
                // DynamoDB splits read and write units only for some
                // operations; otherwise the total belongs to the kind.
                record.rcu = c.read.unwrap_or(if reads { c.total } else { 0.0 });
                record.wcu = c.write.unwrap_or(if reads { 0.0 } else { c.total });
            }
            span.record("bytes_received", record.bytes_received);
            span.record("rcu", record.rcu);
            span.record("wcu", record.wcu);
            span.record("aws.dynamodb.consumed_capacity", record.rcu + record.wcu);
            if let Some(id) = &record.request_id {
                span.record("aws.request_id", id.as_str());
            }
        }
        if let Err(e) = &result {
            span.record("error", tracing::field::display(e));
        }
        if let Some(limits) = &self.limits {
            let outcome = budget_outcome(&result, &record, reads, uses_capacity(kind));
            for limit in limits.for_request(table) {
                limit.settle(outcome);
            }
        }
        if let (Some(hot), Some(keys)) = (&self.hot, hot_keys) {
            hot.record(keys, record.rcu, record.wcu);
        }
        self.shared.metrics.record(record);
        O::from_response(result?)
    }
}

/// Whether a kind of request is paid in a table's capacity units (table
/// management and stream reads are not).
fn uses_capacity(kind: crate::OperationKind) -> bool {
    use crate::OperationKind as K;
    matches!(
        kind,
        K::PutItem
            | K::GetItem
            | K::UpdateItem
            | K::DeleteItem
            | K::Query
            | K::Scan
            | K::BatchGetItem
            | K::BatchWriteItem
            | K::TransactWriteItems
            | K::TransactGetItems
            | K::ExecuteStatement
            | K::BatchExecuteStatement
            | K::ExecuteTransaction
    )
}

/// What a request costs its rate limits: the units DynamoDB reported, or,
/// where it reported none for a request that uses capacity (DynamoDB Local
/// for PartiQL), an upper bound from the sizes (a read unit per 4 KB
/// received, a write unit per KB sent); a throttled request costs a
/// back-off instead.
fn budget_outcome(
    result: &Result<Response>,
    record: &OperationRecord,
    reads: bool,
    uses_capacity: bool,
) -> Outcome {
    match result {
        Err(crate::Error::Throttled { .. }) => Outcome::Throttled { reads },
        Ok(response) if uses_capacity && response.consumed().is_none() => {
            let (received, sent) = (record.bytes_received as f64, record.bytes_sent as f64);
            if reads {
                Outcome::Consumed {
                    read: (received / 4096.0).ceil(),
                    write: 0.0,
                }
            } else {
                Outcome::Consumed {
                    read: 0.0,
                    write: (sent / 1024.0).ceil(),
                }
            }
        }
        _ => Outcome::Consumed {
            read: record.rcu,
            write: record.wcu,
        },
    }
}
