//! `.consistent_read(bool)` reaches the request, on both backends: a model
//! whose reads are strongly consistent by default reads eventually
//! consistently when a call says `false`, and the read units halve.

use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::{Limited, LimitedKey, User, UserKey};

fn last_rcu(db: &Dynox) -> f64 {
    db.last_operation().expect("a request").rcu
}

backend_tests! {
    async fn a_call_overrides_the_models_consistency(db: Dynox) -> Result<()> {
        // Limited is `consistent_read` by default; an item under 4 KB
        Limited::create_table(&db).await?;
        Limited { id: "l".into(), body: "x".repeat(100) }.save(&db).await?;
        Limited::get(&db, "l").await?.expect("stored");
        assert_eq!(last_rcu(&db), 1.0, "the model's default: strongly consistent");
        Limited::get(&db, "l").consistent_read(false).await?.expect("stored");
        assert_eq!(last_rcu(&db), 0.5, "eventually consistent for this call");

        Limited::scan(&db).all().await?;
        assert_eq!(last_rcu(&db), 1.0);
        Limited::scan(&db).consistent_read(false).all().await?;
        assert_eq!(last_rcu(&db), 0.5);
        Limited::query(&db, "l").consistent_read(false).all().await?;
        assert_eq!(last_rcu(&db), 0.5);
        Limited::batch_get(&db, [LimitedKey { id: "l".into() }]).await?;
        assert_eq!(last_rcu(&db), 1.0);
        Limited::batch_get(&db, [LimitedKey { id: "l".into() }]).consistent_read(false).await?;
        assert_eq!(last_rcu(&db), 0.5);

        // and the other way round for a model that reads eventually by default
        User::create_table(&db).await?;
        User::new("U", "P", "n").save(&db).await?;
        User::get(&db, "U", "P").await?;
        assert_eq!(last_rcu(&db), 0.5);
        User::get(&db, "U", "P").consistent_read(true).await?;
        assert_eq!(last_rcu(&db), 1.0);
        User::batch_get(&db, [UserKey { pk: "U".into(), sk: "P".into() }]).consistent_read(true).await?;
        assert_eq!(last_rcu(&db), 1.0);
        Ok(())
    }
}
