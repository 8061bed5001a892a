//! A fixed workload for instruction counts of the two AWS transports
//! (`valgrind --tool=callgrind`): N puts and N gets of 1 KB items against
//! DynamoDB Local (`AWS_ENDPOINT_URL_DYNAMODB`), one task, through
//! `Dynox::from_env_lean()`, or `Dynox::from_env()` with `LEAN_COST_SDK=1`.
//! Shows where a request's client-side work goes, which timing on a shared
//! machine cannot.

use dynox_core::prelude::*;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "lean_cost_rows")]
struct Row {
    #[dyno(partition_key)]
    pk: String,
    #[dyno(sort_key)]
    sk: String,
    n: u64,
    body: String,
}

fn row(n: u64) -> Row {
    Row {
        pk: format!("P{}", n % 100),
        sk: format!("{n:08}"),
        n,
        body: "x".repeat(1_000),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    let db = if std::env::var_os("LEAN_COST_SDK").is_some() {
        Dynox::from_env().await?
    } else {
        Dynox::from_env_lean().await?
    };
    let db = db.with_table_prefix(format!("cost{}_", std::process::id()));
    Row::create_table(&db).await?;
    for i in 0..n {
        row(i).save(&db).await?;
    }
    for i in 0..n {
        let r = row(i);
        Row::get(&db, r.pk, r.sk).await?;
    }
    Row::delete_table(&db).await?;
    Ok(())
}
