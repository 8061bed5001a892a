//! The examples of shared/design/API.md, written as the contract writes
//! them, compile and run (on the embedded engine): the names there are
//! depended on outside this repository.

use dynox_core::prelude::*;
use std::collections::BTreeSet;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "users", hooks)]
pub struct User {
    #[dyno(partition_key)]
    pub pk: String,
    #[dyno(sort_key)]
    pub sk: String,
    pub name: String,
    pub email: Option<String>,
    #[dyno(default)]
    pub age: u32,
    #[dyno(rename = "st")]
    pub status: String,
    pub tags: BTreeSet<String>,
    #[dyno(version)]
    pub version: u64,
    #[dyno(default = "active")]
    pub state: String,
    #[dyno(default)]
    pub updated_at: u64,
}

fn active() -> String {
    "active".into()
}

impl DynoHooks for User {
    fn before_save(&mut self) -> dynox_core::Result<()> {
        self.updated_at += 1;
        Ok(())
    }
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "orders")]
pub struct Order {
    #[dyno(partition_key)]
    pub customer: String,
    #[dyno(sort_key)]
    pub order_id: String,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "audit")]
pub struct AuditLog {
    #[dyno(partition_key)]
    pub id: String,
}

fn user_value() -> User {
    User {
        pk: "USER#1".into(),
        sk: "PROFILE".into(),
        name: "John".into(),
        email: None,
        age: 30,
        status: "pending".into(),
        tags: BTreeSet::new(),
        version: 0,
        state: "active".into(),
        updated_at: 0,
    }
}

#[tokio::test]
async fn the_operations_section() -> dynox_core::Result<()> {
    let db = Dynox::memory();
    User::create_table(&db).await?;

    let user = user_value();
    user.save(&db).await?;
    // the conditional put of the contract: this value is new (version 0),
    // and an item with its key is stored now
    let again = user.save(&db).condition(User::PK.not_exists()).await;
    assert!(
        matches!(again, Err(Error::AlreadyExists { .. })),
        "{again:?}"
    );

    let mut user: Tracked<User> = User::get(&db, "USER#1", "PROFILE").await?.unwrap();
    User::get(&db, "USER#1", "PROFILE")
        .consistent_read(true)
        .await?;

    assert!(!user.is_dirty());
    user.name = "Jane".into();
    assert_eq!(user.changed_fields(), vec!["name"]);
    user.save(&db).await?;
    user.save(&db).await?;
    user.save(&db).full_replace().await?;
    user.save(&db).condition(User::STATUS.eq("pending")).await?;

    user.update(&db)
        .set(User::NAME, "Ann")
        .add(User::AGE, 1)
        .remove(User::EMAIL)
        .await?;
    User::update_by_key(&db, "USER#1", "PROFILE")
        .set(User::NAME, "Ann")
        .await?;
    user.delete(&db)
        .await
        .expect_err("the update by key moved the version on");
    User::delete_by_key(&db, "USER#1", "PROFILE").await?;

    let mut fresh = Tracked::new(user_value());
    fresh.save(&db).await?;
    assert_eq!((fresh.version, fresh.updated_at), (1, 1));
    Ok(())
}

#[test]
fn the_seed_parity_section() -> dynox_core::Result<()> {
    let db = Dynox::memory();
    User::create_table(&db).blocking()?;
    Order::create_table(&db).blocking()?;
    let user = user_value();
    user.save(&db).blocking()?;
    let mut u = User::get(&db, "USER#1", "PROFILE")
        .blocking()?
        .expect("saved");
    u.name = "Jane".into();
    u.save(&db).blocking()?;
    User::update_by_key(&db, "USER#1", "PROFILE")
        .set(User::AGE, 31)
        .blocking()?;
    for order in Order::query(&db, "C1").blocking_iter() {
        let _order: Tracked<Order> = order?;
    }
    let n = Order::query(&db, "C1").count().blocking()?;
    assert_eq!(n, 0);
    User::get(&db, "USER#1", "PROFILE")
        .consistent_read(false)
        .blocking()?;

    let audit_db = Dynox::memory();
    dynox_core::set_default_client(db.clone());
    let db = Dynox::default_client()?;
    let db = db.route::<AuditLog>(audit_db);
    AuditLog::create_table(&db).blocking()?;

    let db = Dynox::memory_with::<(User, Order)>();
    assert!(User::table_exists(&db).blocking()?);

    let user = user_value();
    let json: serde_json::Value = user.to_json();
    let back = User::from_json(&json)?;
    assert_eq!(back, user);
    let typed = user.to_dynamodb_json();
    let back = User::from_dynamodb_json(&typed)?;
    assert_eq!(back, user);
    assert_eq!(typed["pk"], serde_json::json!({ "S": "USER#1" }));
    Ok(())
}

/// The names the crate root held before the public modules still resolve
/// there (hidden from the docs), and name the same items as the modules.
#[test]
fn root_names_of_before_the_modules_still_resolve() {
    fn measured<T: dynox_core::Sized_>() {}
    fn measurable<T: dynox_core::condition::Measurable>() {}
    measured::<String>();
    measurable::<String>();
    let cursor: Option<dynox_core::Cursor> = None::<dynox_core::ops::Cursor>;
    let metrics: dynox_core::Metrics = dynox_core::metrics::Metrics::default();
    let kind: dynox_core::OperationKind = dynox_core::metrics::OperationKind::GetItem;
    let schema: &dynox_core::TableSchema = <User as DynoModel>::SCHEMA;
    let same: &dynox_core::schema::TableSchema = schema;
    let error: dynox_core::ValueError = dynox_core::value::ValueError::missing("S");
    assert!(cursor.is_none() && metrics.requests == 0 && kind.is_read());
    assert_eq!(same.table, "users");
    assert_eq!(error.found, "no attribute (missing)");
}
