//! Index names that are Rust keywords get raw-identifier handles.

use dynox_core::prelude::*;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "items")]
struct Item {
    #[dyno(partition_key)]
    id: String,
    #[dyno(gsi = "type")]
    kind: String,
    #[dyno(gsi = "match")]
    other: String,
}

#[tokio::test]
async fn keyword_index_names_have_raw_handles() -> Result<()> {
    let db = Dynox::memory();
    Item::create_table(&db).await?;
    Item {
        id: "1".into(),
        kind: "book".into(),
        other: "x".into(),
    }
    .save(&db)
    .await?;
    let found = Item::r#type().query(&db, "book").all().await?;
    assert_eq!(found.len(), 1);
    assert_eq!(Item::r#match().query(&db, "x").all().await?.len(), 1);
    Ok(())
}
