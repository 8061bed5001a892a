//! A sort key of several placeholders, `ORDER#{order_id}#{date}`, and a
//! query by the partition's placeholder.

use dynox_core::prelude::*;

/// An order under its user.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_multiple",
    pk = "USER#{user_id}",
    sk = "ORDER#{order_id}#{date}"
)]
pub struct Order {
    pub user_id: String,
    pub order_id: String,
    pub date: String,
    pub status: String,
}

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Order::create_table(db).if_not_exists().await?;
    let order = Order {
        user_id: "123".into(),
        order_id: "456".into(),
        date: "2024-01-15".into(),
        status: "pending".into(),
    };
    order.save(db).await?;

    // every order of user 123, by the placeholder
    let orders = Order::query(db, "123").all().await?;
    for o in &orders {
        println!("{}: {}", o.order_id, o.status);
    }
    assert_eq!(orders.len(), 1);
    // narrowed by the leading sort placeholder
    let same = Order::query(db, "123").sort_prefix("456").all().await?;
    assert_eq!(same.len(), 1);

    Order::delete_by_key(db, "123", "456", "2024-01-15").await?;
    Ok(())
}
