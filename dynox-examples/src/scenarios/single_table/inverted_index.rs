//! The inverted index: the table's sort key as the index's partition key,
//! so an order finds its user.

use dynox_core::prelude::*;

/// An order under its user; `inverted` turns the keys around.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_inverted",
    pk = "USER#{user_id}",
    sk = "ORDER#{order_id}",
    gsi(
        name = "inverted",
        pk_attribute = "sk",
        pk = "ORDER#{order_id}",
        sk_attribute = "pk",
        sk = "USER#{user_id}"
    )
)]
pub struct UserOrder {
    pub user_id: String,
    pub order_id: String,
    pub status: String,
}

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    UserOrder::create_table(db).if_not_exists().await?;
    for (user_id, order_id, status) in [
        ("alice", "001", "shipped"),
        ("alice", "002", "pending"),
        ("bob", "003", "shipped"),
    ] {
        UserOrder {
            user_id: user_id.into(),
            order_id: order_id.into(),
            status: status.into(),
        }
        .save(db)
        .await?;
    }

    println!("Alice's orders:");
    let alice = UserOrder::query(db, "alice").all().await?;
    for order in &alice {
        println!("  {}: {}", order.order_id, order.status);
    }
    assert_eq!(alice.len(), 2);

    println!("Who made order 003?");
    let by_order = UserOrder::inverted().query(db, "003").all().await?;
    for order in &by_order {
        println!("  User: {}", order.user_id);
    }
    assert_eq!(by_order.len(), 1);
    assert_eq!(by_order[0].user_id, "bob");

    for (user_id, order_id) in [("alice", "001"), ("alice", "002"), ("bob", "003")] {
        UserOrder::delete_by_key(db, user_id, order_id).await?;
    }
    Ok(())
}
