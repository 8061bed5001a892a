//! Two entity types in one table and one partition: a user's profile and
//! orders. The orders' query keeps to `ORDER#` by itself, and a
//! collection reads both in one request.

use dynox_core::prelude::*;

/// The profile.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_mixed", pk = "USER#{user_id}", sk = "PROFILE")]
pub struct User {
    pub user_id: String,
    pub name: String,
}

/// An order.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_mixed", pk = "USER#{user_id}", sk = "ORDER#{order_id}")]
pub struct Order {
    pub user_id: String,
    pub order_id: String,
    pub total: u64,
}

/// A user's items, by entity type.
#[derive(DynoCollection, Debug)]
pub enum UserItems {
    Profile(User),
    Orders(Order),
}

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    UserItems::create_table(db).await?;
    User {
        user_id: "alice".into(),
        name: "Alice".into(),
    }
    .save(db)
    .await?;
    for (order_id, total) in [("001", 100), ("002", 200)] {
        Order {
            user_id: "alice".into(),
            order_id: order_id.into(),
            total,
        }
        .save(db)
        .await?;
    }

    let found = User::get(db, "alice").await?.expect("saved");
    println!("User: {}", found.name);

    // no key condition to write: the template's `ORDER#` prefix is applied
    println!("Orders:");
    let orders = Order::query(db, "alice").all().await?;
    for order in &orders {
        println!("  {}: ${}", order.order_id, order.total);
    }
    assert_eq!(orders.len(), 2);

    // both entity types in one query
    let items = UserItems::query(db, "alice").all().await?;
    assert_eq!(items.profile.map(|u| u.name).as_deref(), Some("Alice"));
    assert_eq!(items.orders.len(), 2);

    User::delete_by_key(db, "alice").await?;
    for order_id in ["001", "002"] {
        Order::delete_by_key(db, "alice", order_id).await?;
    }
    Ok(())
}
