//! `#[dyno(sensitive)]` values never reach a tracing span or event, on both
//! backends.
//!
//! This test has a binary of its own and installs its subscriber as the
//! global default before anything traces. A scoped subscriber
//! (`with_default`) beside other tests in one binary saw nothing now and
//! then: a callsite whose interest another thread had cached while no
//! subscriber was set stays disabled for the scoped one.
//!
//! What it reads: everything dynox emits, at every level, and everything
//! any crate emits at DEBUG and above. The AWS SDK's TRACE events
//! (`aws_smithy_runtime::client::orchestrator`) print whole HTTP responses,
//! stored items included; that is the SDK's own output, which the README
//! says to keep below TRACE where items hold secrets.

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_tests::models::{Account, AccountKey};
use dynox_tests::secrets::{account, assert_hidden, SECRET};
use dynox_tests::{item, raw_put, Backend};
use std::sync::{Arc, Mutex};

/// Records the fields of the spans and events that [`read`] selects, as text.
#[derive(Default)]
struct Capture(Mutex<String>);

/// dynox's own output at every level; any crate's at DEBUG and above.
fn read(meta: &tracing::Metadata<'_>) -> bool {
    meta.target().starts_with("dynox") || *meta.level() <= tracing::Level::DEBUG
}

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={value:?} ", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        if !read(span.metadata()) {
            return tracing::span::Id::from_u64(2);
        }
        let mut out = self.0.lock().expect("capture");
        out.push_str(span.metadata().name());
        out.push(' ');
        span.record(&mut Fields(&mut out));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, id: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        if id.into_u64() != 1 {
            return;
        }
        values.record(&mut Fields(&mut self.0.lock().expect("capture")));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        if !read(event.metadata()) {
            return;
        }
        event.record(&mut Fields(&mut self.0.lock().expect("capture")));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// The operations whose spans and errors could carry the secret: a put, a
/// failed condition, a cancelled transaction and a read error of a
/// sensitive field.
async fn exercise(backend: Backend) -> Result<()> {
    let db = dynox_tests::connect(backend);
    Account::create_table(&db).await?;
    account().save(&db).await?;
    let failed = account()
        .save(&db)
        .condition(Account::ID.not_exists())
        .await;
    assert!(
        matches!(failed, Err(Error::ConditionalCheckFailed { .. })),
        "{failed:?}"
    );
    let canceled = db
        .transact_write()
        .check(AccountKey { id: "A".into() }, Account::NAME.eq("Bob"))
        .await;
    assert!(
        matches!(canceled, Err(Error::TransactionCanceled { .. })),
        "{canceled:?}"
    );
    raw_put(
        &db,
        &db.table_name::<Account>(),
        item([
            ("id", AV::S("B".into())),
            ("name", AV::S("Bob".into())),
            ("password", AV::S(SECRET.into())),
            ("pin", AV::N("98765400000".into())),
        ]),
    )
    .await?;
    let unreadable = Account::get(&db, "B").await;
    assert!(
        matches!(unreadable, Err(Error::Deserialize { .. })),
        "{unreadable:?}"
    );
    Ok(())
}

fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::Embedded];
    if cfg!(feature = "dynamodb-local") {
        all.push(Backend::DynamoDbLocal);
        all.push(Backend::DynamoDbLocalLean);
    }
    all
}

#[test]
fn tracing_output_never_carries_sensitive_values() {
    let capture = Arc::new(Capture::default());
    tracing::subscriber::set_global_default(capture.clone()).expect("the only subscriber");
    // interest cached before the line above (none should be) is asked again
    tracing::callsite::rebuild_interest_cache();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    for backend in backends() {
        capture.0.lock().expect("capture").clear();
        rt.block_on(exercise(backend))
            .unwrap_or_else(|e| panic!("operations ran on {backend:?}: {e:?}"));
        let out = capture.0.lock().expect("capture").clone();
        let transport = match backend {
            Backend::Embedded => "transport=\"embedded\"",
            Backend::DynamoDbLocal => "transport=\"aws\"",
            Backend::DynamoDbLocalLean => "transport=\"aws-lean\"",
        };
        assert!(
            out.contains("op=\"PutItem\"") && out.contains("error=") && out.contains(transport),
            "the spans were captured on {backend:?}: {out}"
        );
        assert_hidden(&format!("tracing output on {backend:?}"), &out);
        assert!(!out.contains("98765400000"), "{backend:?}: {out}");
    }
}
