//! A large text field stored compressed: fewer bytes on the wire and in
//! the table (and so fewer capacity units), read back as it was.

use dynox_core::prelude::*;

/// A page whose HTML is stored compressed (zstd).
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "ex_pages")]
pub struct Page {
    #[dyno(partition_key)]
    pub url: String,
    #[dyno(compress)]
    pub html: String,
}

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Page::create_table(db).if_not_exists().await?;
    let html = "<tr><td>row</td><td>of a long table</td></tr>".repeat(2_000);
    let page = Page {
        url: "/report".into(),
        html: html.clone(),
    };
    db.reset_metrics();
    page.save(db).await?;
    let stored = dynox_core::item_size(&page.to_item());
    println!(
        "{} bytes of HTML stored in {stored} bytes; {} WCU",
        html.len(),
        db.metrics().total_wcu
    );
    assert!(stored < html.len() / 10);

    let loaded = Page::get(db, "/report").await?.expect("saved");
    assert_eq!(loaded.html, html);
    Page::delete_by_key(db, "/report").await?;
    Ok(())
}
