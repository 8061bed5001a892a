//! Ids and times that dynox makes: a ULID key and a creation time made on
//! the first save (and kept by every later write), an update time stamped
//! on every write.

use dynox_core::prelude::*;

/// An article with generated fields.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "ex_articles")]
pub struct Article {
    #[dyno(partition_key, generate = "ulid")]
    pub id: String,
    pub title: String,
    #[dyno(write_once, generate = "rfc3339")]
    pub created_at: String,
    #[dyno(generate = "epoch_millis", on = "write")]
    pub updated_at: u64,
}

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Article::create_table(db).if_not_exists().await?;
    let mut article = Tracked::new(Article {
        id: String::new(),
        title: "Draft".into(),
        created_at: String::new(),
        updated_at: 0,
    });
    article.save(db).await?;
    println!(
        "id {} created {} updated {}",
        article.id, article.created_at, article.updated_at
    );
    assert_eq!(article.id.len(), 26, "a ULID");

    let created = article.created_at.clone();
    article.title = "Published".into();
    article.save(db).await?;
    let stored = Article::get(db, article.id.clone()).await?.expect("saved");
    println!(
        "after an edit: created {} updated {}",
        stored.created_at, stored.updated_at
    );
    assert_eq!(stored.created_at, created, "made once, kept");

    Article::delete_by_key(db, article.id.clone()).await?;
    Ok(())
}
