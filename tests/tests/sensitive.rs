//! `#[dyno(sensitive)]` values never appear in dynox's errors or in the
//! `Debug` of `Tracked` and of failed-condition items, on both backends.

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_tests::models::{Account, AccountKey};
use dynox_tests::{backend_tests, item, raw_put};

const SECRET: &str = "correct-horse-battery-staple";
const PIN: u32 = 987_654;

fn account() -> Account {
    Account {
        id: "A".into(),
        name: "Ann".into(),
        password: SECRET.into(),
        pin: PIN,
    }
}

fn assert_hidden(what: &str, shown: &str) {
    assert!(
        !shown.contains(SECRET),
        "{what} shows the password: {shown}"
    );
    assert!(
        !shown.contains(&PIN.to_string()),
        "{what} shows the pin: {shown}"
    );
}

backend_tests! {
    async fn tracked_debug_redacts_sensitive_fields(db: Dynox) -> Result<()> {
        Account::create_table(&db).await?;
        account().save(&db).await?;
        let loaded = Account::get(&db, "A").await?.expect("stored");
        let shown = format!("{loaded:?}");
        assert_hidden("Debug of Tracked", &shown);
        assert!(shown.contains("Ann") && shown.contains("<redacted>"), "{shown}");
        // the program itself still reads the value
        assert_eq!(loaded.password, SECRET);
        Ok(())
    }

    async fn failed_conditions_show_items_by_shape(db: Dynox) -> Result<()> {
        Account::create_table(&db).await?;
        account().save(&db).await?;
        let err = account().save(&db).condition(Account::ID.not_exists()).await.unwrap_err();
        let Error::ConditionalCheckFailed { item: Some(stored) } = &err else {
            panic!("expected the stored item: {err:?}");
        };
        assert_eq!(stored.get("password"), Some(&AV::S(SECRET.into())), "the value is there for the program");
        assert_hidden("Debug of the error", &format!("{err:?}"));
        assert_hidden("Display of the error", &err.to_string());
        assert!(format!("{err:?}").contains(r#""password": S(28 bytes)"#), "{err:?}");

        let err = db
            .transact_write()
            .check(AccountKey { id: "A".into() }, Account::NAME.eq("Bob"))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::TransactionCanceled { .. }), "{err:?}");
        assert_hidden("Debug of a cancelled transaction", &format!("{err:?}"));
        assert_hidden("Display of a cancelled transaction", &err.to_string());
        Ok(())
    }

    async fn read_errors_of_sensitive_fields_hide_the_value(db: Dynox) -> Result<()> {
        Account::create_table(&db).await?;
        // a pin beyond u32, written by another tool
        raw_put(&db, &db.table_name::<Account>(), item([
            ("id", AV::S("A".into())), ("name", AV::S("Ann".into())),
            ("password", AV::S(SECRET.into())), ("pin", AV::N("98765400000".into())),
        ])).await?;
        let err = Account::get(&db, "A").await.unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(matches!(&err, Error::Deserialize { field, .. } if field == "pin"), "{err:?}");
        assert!(!shown.contains("98765400000"), "{shown}");
        assert!(shown.contains("value hidden"), "{shown}");
        Ok(())
    }
}

/// Records every span and event field dynox emits, as text.
#[derive(Default)]
struct Capture(std::sync::Mutex<String>);

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
        let mut out = self.0.lock().expect("capture");
        out.push_str(span.metadata().name());
        out.push(' ');
        span.record(&mut Fields(&mut out));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().expect("capture")));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        event.record(&mut Fields(&mut self.0.lock().expect("capture")));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn tracing_output_never_carries_sensitive_values() {
    let capture = std::sync::Arc::new(Capture::default());
    tracing::subscriber::with_default(capture.clone(), || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async {
            let db = dynox_tests::connect(dynox_tests::Backend::Embedded);
            Account::create_table(&db).await?;
            account().save(&db).await?;
            let _ = account()
                .save(&db)
                .condition(Account::ID.not_exists())
                .await;
            let _ = db
                .transact_write()
                .check(AccountKey { id: "A".into() }, Account::NAME.eq("Bob"))
                .await;
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
            let _ = Account::get(&db, "B").await;
            Ok::<(), Error>(())
        })
        .expect("operations ran");
    });
    let out = capture.0.lock().expect("capture").clone();
    assert!(
        out.contains("op=\"PutItem\"") && out.contains("error="),
        "the spans were captured: {out}"
    );
    assert_hidden("tracing output", &out);
    assert!(!out.contains("98765400000"), "{out}");
}
