//! `.blocking()` and `.blocking_iter()` from plain `fn`s, with no async
//! runtime: every operation returns what `.await` returns, on both backends.
//! Inside a runtime, `.blocking()` refuses with a clear error instead of
//! blocking a worker thread.

use dynox_core::prelude::*;
use dynox_tests::models::{Counter, CounterKey, User, UserKey};
use dynox_tests::{connect, Backend};

fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::Embedded];
    if cfg!(feature = "dynamodb-local") {
        all.push(Backend::DynamoDbLocal);
        all.push(Backend::DynamoDbLocalLean);
    }
    all
}

fn user(sk: usize) -> User {
    let mut u = User::new("P", &format!("S{sk:05}"), "n");
    u.status = "x".repeat(1000); // ~1 KB items: 1,500 of them span two pages
    u
}

fn every_operation(db: &Dynox) -> Result<()> {
    User::create_table(db).blocking()?;
    Counter::create_table(db).blocking()?;
    assert!(User::table_exists(db).blocking()?);

    user(0).save(db).blocking()?;
    let mut loaded = User::get(db, "P", "S00000")
        .consistent_read(true)
        .blocking()?
        .expect("saved");
    loaded.name = "changed".into();
    loaded.save(db).blocking()?; // smart save
    User::update_by_key(db, "P", "S00000")
        .set(User::AGE, 31u32)
        .blocking()?;
    let stored = User::get(db, "P", "S00000")
        .consistent_read(true)
        .blocking()?
        .expect("saved");
    assert_eq!((stored.name.as_str(), stored.age), ("changed", 31));
    loaded.update(db).add(User::AGE, 1u32).blocking()?;
    assert_eq!(loaded.age, 32);

    let values: Vec<User> = (1..1500).map(user).collect();
    let report = db.batch_write().put_all(&values).blocking()?;
    assert_eq!(report.written, 1499);
    let keys = (0..10).map(|i| UserKey {
        pk: "P".into(),
        sk: format!("S{i:05}"),
    });
    assert_eq!(
        User::batch_get(db, keys)
            .consistent_read(true)
            .blocking()?
            .len(),
        10
    );

    // a lazy iterator, one page at a time
    db.reset_metrics();
    let mut seen = 0;
    for u in User::query(db, "P").consistent_read(true).blocking_iter() {
        let u = u?;
        assert_eq!(u.pk, "P");
        seen += 1;
    }
    assert_eq!(seen, 1500);
    assert!(
        db.metrics().requests >= 2,
        "several pages: {}",
        db.metrics().requests
    );
    assert_eq!(User::query(db, "P").count().blocking()?, 1500);
    assert_eq!(
        User::scan(db).consistent_read(true).blocking_iter().count(),
        1500
    );
    assert_eq!(
        User::query(db, "P")
            .limit(10)
            .page()
            .blocking()?
            .items
            .len(),
        10
    );
    // PartiQL as well: awaited whole, or a row at a time
    let select = format!(
        r#"SELECT * FROM "{}" WHERE pk = ?"#,
        db.table_name::<User>()
    );
    assert_eq!(db.statement(&select).bind("P").blocking()?.len(), 1500);
    let mut rows = 0;
    for u in db
        .statement(&select)
        .bind("P")
        .model::<User>()
        .blocking_iter()
    {
        assert_eq!(u?.pk, "P");
        rows += 1;
    }
    assert_eq!(rows, 1500);

    let mut c = Tracked::new(Counter {
        id: "c".into(),
        count: 0,
        note: None,
        version: 0,
    });
    c.save(db).blocking()?;
    db.transact_write()
        .update(CounterKey { id: "c".into() }, |u| {
            u.increment(Counter::COUNT, 2)
        })
        .blocking()?;
    let got = db
        .transact_get()
        .get(CounterKey { id: "c".into() })
        .blocking()?;
    assert_eq!(got.get::<Counter>(0)?.map(|c| c.count), Some(2));

    User::delete_by_key(db, "P", "S00001").blocking()?;
    loaded.delete(db).blocking()?;
    assert!(User::get(db, "P", "S00000")
        .consistent_read(true)
        .blocking()?
        .is_none());
    // errors come back as they do from `.await`
    let r = user(2).save(db).condition(User::PK.not_exists()).blocking();
    assert!(
        matches!(r, Err(Error::ConditionalCheckFailed { .. })),
        "{r:?}"
    );
    User::delete_table(db).blocking()?;
    Ok(())
}

#[test]
fn every_operation_runs_from_a_plain_fn() {
    for backend in backends() {
        every_operation(&connect(backend)).unwrap_or_else(|e| panic!("{backend:?}: {e:?}"));
    }
}

#[test]
fn blocking_calls_from_many_threads_share_one_runtime() {
    for backend in backends() {
        let db = connect(backend);
        User::create_table(&db).blocking().expect("table");
        std::thread::scope(|s| {
            for t in 0..8 {
                let db = &db;
                s.spawn(move || {
                    for i in 0..20 {
                        user(t * 100 + i).save(db).blocking().expect("saved");
                    }
                });
            }
        });
        assert_eq!(
            User::query(&db, "P").count().blocking().expect("counted"),
            160
        );
    }
}

#[tokio::test(flavor = "current_thread")]
async fn inside_a_runtime_blocking_says_to_await_instead() {
    let db = Dynox::memory_with::<(User,)>();
    let r = User::get(&db, "P", "S").blocking();
    match r {
        Err(e @ Error::Configuration { .. }) => {
            assert!(e.to_string().contains("use `.await`"), "{e}")
        }
        other => panic!("expected a configuration error, got {other:?}"),
    }
    let first = User::query(&db, "P").blocking_iter().next();
    assert!(
        matches!(first, Some(Err(Error::Configuration { .. }))),
        "{first:?}"
    );
    // and `.await` works as usual
    assert!(User::get(&db, "P", "S").await.expect("read").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inside_a_multi_threaded_runtime_too() {
    let db = Dynox::memory_with::<(User,)>();
    let r = User::scan(&db).count().blocking();
    assert!(matches!(r, Err(Error::Configuration { .. })), "{r:?}");
}
