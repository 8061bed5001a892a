//! Where the embedded engine and DynamoDB Local answer the same requests
//! differently, measured and pinned: if either engine changes, this test
//! fails and docs/engines.md is brought up to date. dynox sends the same
//! requests to both (the differential tests check that); these are the
//! engines' own differences.
#![cfg(feature = "dynamodb-local")]

use dynox_core::prelude::*;
use dynox_tests::models::Profile;
use dynox_tests::{connect, Backend};

/// Requests and read units of one call.
#[derive(Debug, PartialEq)]
struct Cost {
    requests: u64,
    rcu: f64,
}

async fn cost<T>(db: &Dynox, call: impl std::future::Future<Output = Result<T>>) -> Cost {
    db.reset_metrics();
    call.await.expect("the call succeeds");
    let m = db.metrics();
    Cost {
        requests: m.requests,
        rcu: m.total_rcu,
    }
}

/// 3,000 items of about 1 KB in one partition: about 3 MB, four 1 MB pages.
async fn big_partition(db: &Dynox) -> Result<()> {
    Profile::create_table(db).await?;
    let values: Vec<Profile> = (0..3000)
        .map(|i| Profile {
            sk: format!("S{i:05}"),
            ..Profile::new("BIG", 1000)
        })
        .collect();
    db.batch_write().put_all(&values).await?;
    Ok(())
}

struct Measured {
    empty_query: Cost,
    whole_query: Cost,
    filtered_query: Cost,
}

async fn measure(backend: Backend) -> Measured {
    let db = connect(backend);
    big_partition(&db).await.expect("written");
    Measured {
        empty_query: cost(&db, Profile::query(&db, "NONE").all()).await,
        whole_query: cost(&db, Profile::query(&db, "BIG").all()).await,
        filtered_query: cost(
            &db,
            Profile::query(&db, "BIG")
                .filter(Profile::NAME.eq("nobody"))
                .all(),
        )
        .await,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_engines_differ_only_where_measured() {
    let embedded = measure(Backend::Embedded).await;
    let local = measure(Backend::DynamoDbLocal).await;

    // 1. A read that finds nothing: the embedded engine charges the minimum
    //    read (0.5 RCU eventually consistent), DynamoDB Local nothing.
    assert_eq!(
        embedded.empty_query,
        Cost {
            requests: 1,
            rcu: 0.5
        }
    );
    assert_eq!(
        local.empty_query,
        Cost {
            requests: 1,
            rcu: 0.0
        }
    );

    // 2. Four 1 MB pages, four requests on both; DynamoDB Local's read
    //    units over them come to one more.
    assert_eq!(
        embedded.whole_query,
        Cost {
            requests: 4,
            rcu: 411.0
        }
    );
    assert_eq!(
        local.whole_query,
        Cost {
            requests: 4,
            rcu: 412.0
        }
    );

    // 3. A filter that keeps nothing: DynamoDB applies the 1 MB page limit
    //    to the items read, before the filter (its Query documentation), and
    //    so does the embedded engine, in four requests; DynamoDB Local reads
    //    the whole partition in one request.
    assert_eq!(
        embedded.filtered_query,
        Cost {
            requests: 4,
            rcu: 411.0
        }
    );
    assert_eq!(
        local.filtered_query,
        Cost {
            requests: 1,
            rcu: 411.0
        }
    );
}
