//! The least-privilege IAM policy a client derives from what its requests
//! needed, on both backends.

use dynox_core::partiql::Partiql;
use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::{Order, OrderKey, User};
use serde_json::Value;
use std::collections::BTreeMap;

/// The policy as `resource -> actions`, with the client's table prefix
/// taken out of the ARNs.
fn granted(db: &Dynox) -> BTreeMap<String, Vec<String>> {
    let policy = db.iam_policy();
    assert_eq!(policy["Version"], "2012-10-17");
    policy["Statement"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| {
            assert_eq!(s["Effect"], "Allow");
            let resource = s["Resource"]
                .as_str()
                .expect("a resource")
                .replace(db.table_prefix(), "");
            let actions = s["Action"]
                .as_array()
                .expect("actions")
                .iter()
                .map(|a| a.as_str().expect("an action").to_owned())
                .collect();
            (resource, actions)
        })
        .collect()
}

fn order(id: &str) -> Order {
    Order {
        customer: "c".into(),
        order_id: id.into(),
        status: "open".into(),
        total: 1,
        coupon: None,
        body: String::new(),
    }
}

backend_tests! {
    async fn the_policy_allows_exactly_what_the_requests_needed(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        Order::create_table(&db).await?;
        db.reset_metrics(); // the program's own requests, not the set-up's
        order("o1").save(&db).await?;
        Order::get(&db, "c", "o1").await?;
        Order::by_status().query(&db, "open").all().await?;
        db.transact_write()
            .check(OrderKey { customer: "c".into(), order_id: "o1".into() }, Order::TOTAL.eq(1))
            .put(&User::new("U", "1", "n"))
            .await?;
        let table = db.table_name::<Order>();
        db.run_statement(Partiql::new(format!(r#"SELECT * FROM "{table}" WHERE customer = ?"#)).bind("c"))
            .await?;

        let expected: BTreeMap<String, Vec<String>> = [
            (
                "arn:aws:dynamodb:*:*:table/orders",
                vec![
                    "dynamodb:ConditionCheckItem",
                    "dynamodb:GetItem",
                    "dynamodb:PartiQLSelect",
                    "dynamodb:PutItem",
                ],
            ),
            ("arn:aws:dynamodb:*:*:table/orders/index/by_status", vec!["dynamodb:Query"]),
            ("arn:aws:dynamodb:*:*:table/users", vec!["dynamodb:PutItem"]),
        ]
        .into_iter()
        .map(|(r, a)| (r.to_owned(), a.into_iter().map(str::to_owned).collect()))
        .collect();
        assert_eq!(granted(&db), expected);
        let _: Value = db.iam_policy(); // a JSON document as IAM takes it
        Ok(())
    }
}
