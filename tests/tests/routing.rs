//! `db.route::<M>(other)`: one model's requests go through another client,
//! everything else through `db`; a batch or transaction over both is refused
//! before anything is sent. On both backends, and across them: from the
//! embedded engine to DynamoDB Local and back.

use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::{Member, User};
#[cfg(feature = "dynamodb-local")]
use dynox_tests::{connect, Backend};

fn member(id: &str) -> Member {
    Member {
        id: id.into(),
        status: "active".into(),
        roles: vec![],
        visits: 1,
        settings: Default::default(),
    }
}

/// `main` routes `Member` to `other`: check where each request goes.
async fn check_routing(main: Dynox, other: Dynox) -> Result<()> {
    let db = main.route::<Member>(other.clone());
    User::create_table(&db).await?;
    Member::create_table(&db).await?;
    assert!(
        Member::table_exists(&other).await?,
        "the routed table is created through the other client"
    );
    assert!(!Member::table_exists(&main).await?);
    assert!(!User::table_exists(&other).await?);

    other.reset_metrics();
    main.reset_metrics();
    member("m").save(&db).await?;
    User::new("U", "P", "n").save(&db).await?;
    assert!(
        Member::get(&other, "m").await?.is_some(),
        "stored through the other client"
    );
    assert!(
        User::get(&main, "U", "P").await?.is_some(),
        "the rest through the main one"
    );
    let loaded = Member::get(&db, "m")
        .await?
        .expect("read back through the route");
    assert_eq!(loaded.visits, 1);
    // metrics stay with the client that carried each request, per table:
    // the save and the two reads of the member, the save and read of the user
    assert_eq!(Member::metrics(&other).requests, 3);
    assert_eq!(other.metrics().requests, 3);
    assert_eq!(User::metrics(&main).requests, 2);
    assert_eq!(main.metrics().requests, 2);
    // a PartiQL statement goes where the table it names goes
    let table = db.table_name::<Member>();
    let rows = db
        .statement(format!(r#"SELECT * FROM "{table}" WHERE id = ?"#))
        .bind("m")
        .model::<Member>()
        .all()
        .await?;
    assert_eq!(rows.len(), 1);
    assert_eq!(other.metrics().requests, 4);
    assert_eq!(main.metrics().requests, 2);

    // one request over tables of two clients is refused, and nothing is sent
    main.reset_metrics();
    other.reset_metrics();
    let r = db
        .batch_write()
        .put(&member("m2"))
        .put(&User::new("U2", "P", "n"))
        .await;
    assert!(
        matches!(&r, Err(Error::Configuration { message }) if message.contains("two clients")),
        "{r:?}"
    );
    let r = db
        .transact_write()
        .put(&member("m3"))
        .put(&User::new("U3", "P", "n"))
        .await;
    assert!(matches!(r, Err(Error::Configuration { .. })), "{r:?}");
    assert_eq!(
        main.metrics().requests + other.metrics().requests,
        0,
        "nothing was sent"
    );
    // a batch within one client goes through
    db.batch_write()
        .put(&member("m4"))
        .put(&member("m5"))
        .await?;
    assert_eq!(Member::scan(&other).count().await?, 3);
    Ok(())
}

backend_tests! {
    async fn a_routed_model_goes_through_its_own_client(db: Dynox) -> Result<()> {
        // the other client: another embedded engine
        let other = Dynox::memory().with_table_prefix(dynox_tests::unique_prefix());
        check_routing(db, other).await
    }
}

#[cfg(feature = "dynamodb-local")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn routes_cross_from_the_embedded_engine_to_dynamodb_local_and_back() {
    let (embedded, local) = (connect(Backend::Embedded), connect(Backend::DynamoDbLocal));
    check_routing(embedded.clone(), local.clone())
        .await
        .expect("embedded to Local");
    let (embedded, local) = (connect(Backend::Embedded), connect(Backend::DynamoDbLocal));
    check_routing(local, embedded)
        .await
        .expect("Local to embedded");
}
