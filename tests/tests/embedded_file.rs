//! The embedded engine kept in a file: data survives reopening it.

use dynox_core::prelude::*;
use dynox_tests::models::User;

#[tokio::test]
async fn items_survive_reopening_the_file() -> Result<()> {
    let dir = std::env::temp_dir().join(format!("dynox-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("data.db");
    {
        let db = Dynox::embedded(&path)?;
        User::create_table(&db).await?;
        User::new("U", "P", "kept").save(&db).await?;
    }
    let db = Dynox::embedded(&path)?;
    let loaded = User::get(&db, "U", "P").await?.expect("still stored");
    assert_eq!(loaded.name, "kept");
    drop(db);
    std::fs::remove_dir_all(&dir).expect("cleaned up");
    Ok(())
}
