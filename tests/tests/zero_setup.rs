//! `Dynox::memory_with::<(..)>()`: one line of set-up gives a fresh embedded
//! engine with the models' tables, in a plain test and in an async one.

use dynox_core::prelude::*;
use dynox_tests::models::{Counter, Order, Session, User};

#[test]
fn a_plain_test_gets_its_tables_in_one_line() {
    let db = Dynox::memory_with::<(User, Order, Session)>();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        for exists in [
            User::table_exists(&db).await,
            Order::table_exists(&db).await,
            Session::table_exists(&db).await,
        ] {
            assert!(exists.expect("described"), "every table was created");
        }
        assert!(
            !Counter::table_exists(&db).await.expect("described"),
            "and no other"
        );
        // the TTL of Session is set up as create_table sets it up
        let ttl = Session::describe_table(&db).await.expect("described");
        assert_eq!(ttl.table_name(), Some("sessions"));
    });
}

#[tokio::test]
async fn inside_an_async_test_too_and_each_call_is_a_fresh_engine() -> Result<()> {
    let db = Dynox::memory_with::<(User,)>();
    User::new("U", "P", "n").save(&db).await?;
    let other = Dynox::memory_with::<(User, User)>(); // a model named twice is created once
    assert!(
        User::get(&other, "U", "P").await?.is_none(),
        "a fresh engine, not shared"
    );
    assert!(User::get(&db, "U", "P").await?.is_some());
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn on_a_single_threaded_runtime_it_does_not_wait_on_the_runtime() -> Result<()> {
    let db = Dynox::memory_with::<(Order, Counter)>();
    assert!(Order::table_exists(&db).await?);
    assert!(Counter::table_exists(&db).await?);
    Ok(())
}
