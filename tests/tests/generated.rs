//! Generated field values on both backends: made on the first write of an
//! empty field (and kept when the caller set one), or on every write;
//! seen by a `Tracked` value, stored by a save of a borrowed value, a batch
//! and a transaction; stamped by updates; each strategy's shape.

use chrono::{DateTime, Utc};
use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use uuid::Uuid;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "gen_posts")]
pub struct Post {
    #[dyno(partition_key, generate = "uuid_v7")]
    pub id: String,
    pub title: String,
    #[dyno(generate = "rfc3339")]
    pub created_at: String,
    #[dyno(generate = "epoch_millis", on = "write")]
    pub updated_at: u64,
}

/// Every strategy, on a key the caller chooses.
#[derive(DynoModel, Debug, Clone, PartialEq, Default)]
#[dyno(table = "gen_all")]
pub struct Everything {
    #[dyno(partition_key)]
    pub key: String,
    #[dyno(generate = "uuid_v4")]
    pub v4: Uuid,
    #[dyno(generate = "uuid_v7")]
    pub v7: Option<String>,
    #[dyno(generate = "ulid")]
    pub ulid: String,
    #[dyno(generate = "ksuid")]
    pub ksuid: String,
    #[dyno(generate = "epoch_seconds")]
    pub seconds: i64,
    #[dyno(generate = "epoch_millis", on = "write")]
    pub millis: u64,
    #[dyno(generate = "rfc3339")]
    pub at: Option<DateTime<Utc>>,
    pub note: String,
}

/// A generated id inside a key template.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "gen_app", pk = "TICKET#{id}", sk = "DETAILS")]
pub struct Ticket {
    #[dyno(generate = "ulid")]
    pub id: String,
    pub subject: String,
}

fn post(title: &str) -> Post {
    Post {
        id: String::new(),
        title: title.into(),
        created_at: String::new(),
        updated_at: 0,
    }
}

fn everything(key: &str) -> Everything {
    Everything {
        key: key.into(),
        ..Everything::default()
    }
}

fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as u64
}

backend_tests! {
    async fn a_first_save_fills_empty_fields_and_the_tracked_value_sees_them(db: Dynox) -> Result<()> {
        Post::create_table(&db).await?;
        let before = now_millis();
        let mut p = Tracked::new(post("Hello"));
        p.save(&db).await?;
        assert_eq!((p.id.len(), &p.id[14..15]), (36, "7"), "a UUID v7: {}", p.id);
        assert!(p.created_at.ends_with('Z'), "{}", p.created_at);
        assert!(p.updated_at >= before, "{} < {before}", p.updated_at);
        let stored = Post::get(&db, p.id.clone()).await?.expect("stored under the new id");
        assert_eq!(*stored, *p);

        // a value the caller set is kept
        let mut mine = Tracked::new(Post { id: "mine".into(), ..post("Mine") });
        mine.save(&db).await?;
        assert_eq!(mine.id, "mine");
        Ok(())
    }

    async fn a_clean_value_sends_nothing_and_a_change_stamps_the_write(db: Dynox) -> Result<()> {
        Post::create_table(&db).await?;
        let mut p = Tracked::new(post("Hello"));
        p.save(&db).await?;
        let mut loaded = Post::get(&db, p.id.clone()).await?.expect("stored");
        let (created, stamped) = (loaded.created_at.clone(), loaded.updated_at);

        db.reset_metrics();
        loaded.save(&db).await?;
        assert_eq!(db.metrics().requests, 0, "a clean value sends nothing");

        std::thread::sleep(std::time::Duration::from_millis(3));
        loaded.title = "Hello again".into();
        assert_eq!(loaded.changed_fields(), ["title"]);
        loaded.save(&db).await?;
        let stored = Post::get(&db, p.id.clone()).await?.expect("stored");
        assert_eq!(stored.created_at, created, "made once");
        assert!(stored.updated_at > stamped, "stamped on the write");
        assert_eq!(stored.updated_at, loaded.updated_at, "the value saw the stamp");

        // an update by key stamps it too
        std::thread::sleep(std::time::Duration::from_millis(3));
        Post::update_by_key(&db, p.id.clone()).set(Post::TITLE, "Third").await?;
        let stored2 = Post::get(&db, p.id.clone()).await?.expect("stored");
        assert!(stored2.updated_at > stored.updated_at);
        Ok(())
    }

    async fn borrowed_values_batches_and_transactions_store_generated_values(db: Dynox) -> Result<()> {
        Everything::create_table(&db).await?;
        let plain = everything("plain");
        plain.save(&db).await?;
        assert!(plain.ulid.is_empty(), "a borrowed value is not changed");
        let stored = Everything::get(&db, "plain").await?.expect("stored");
        assert!(!stored.ulid.is_empty() && !stored.v4.is_nil());

        // fill first: the caller has the values, and a second save keeps them
        let mut filled = everything("filled");
        filled.fill_generated();
        filled.save(&db).await?;
        filled.save(&db).await?;
        let stored = Everything::get(&db, "filled").await?.expect("stored");
        assert_eq!((stored.ulid.as_str(), stored.v4), (filled.ulid.as_str(), filled.v4));

        db.batch_write().put(&everything("batched")).await?;
        db.transact_write().put(&everything("transacted")).await?;
        for key in ["batched", "transacted"] {
            let stored = Everything::get(&db, key).await?.expect("stored");
            assert_eq!(stored.ulid.len(), 26, "{key}");
        }
        Ok(())
    }

    async fn every_strategy_makes_its_shape(db: Dynox) -> Result<()> {
        Everything::create_table(&db).await?;
        let before = Utc::now();
        let mut e = Tracked::new(everything("e"));
        e.save(&db).await?;
        let stored = Everything::get(&db, "e").await?.expect("stored");
        assert_eq!(stored.v4.get_version_num(), 4);
        let v7: Uuid = stored.v7.as_deref().expect("made").parse().expect("a UUID");
        assert_eq!(v7.get_version_num(), 7);
        assert_eq!(stored.ulid.len(), 26);
        assert_eq!(stored.ksuid.len(), 27);
        assert!(stored.seconds >= before.timestamp() - 1);
        assert!(stored.millis as i64 >= before.timestamp_millis() - 1);
        let at = stored.at.expect("made");
        assert!(at >= before - chrono::Duration::milliseconds(1), "{at} {before}");
        // two items, two ids
        let mut other = Tracked::new(everything("other"));
        other.save(&db).await?;
        assert_ne!(other.ulid, e.ulid);
        assert_ne!(other.v4, e.v4);
        Ok(())
    }

    async fn a_generated_id_can_fill_a_key_template(db: Dynox) -> Result<()> {
        Ticket::create_table(&db).await?;
        let mut t = Tracked::new(Ticket { id: String::new(), subject: "Help".into() });
        t.save(&db).await?;
        assert_eq!(t.id.len(), 26);
        let stored = Ticket::get(&db, t.id.clone()).await?.expect("stored under the new key");
        assert_eq!(stored.subject, "Help");
        Ok(())
    }
}
