//! Measure what smart save and full replace really cost (smart-save guide,
//! "Measure WCU consumed"). DynamoDB bills an UpdateItem by the larger of the
//! item before and after the update, so both cost the same write units; smart
//! save sends far fewer bytes and leaves other writers' fields alone.

use crate::models::Profile;
use dynox_core::prelude::*;

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Profile::create_table(db).if_not_exists().await?;
    // a ~1.1 KB item, as in the guide
    Profile::sample("USER#wcu", 1000).save(db).await?;
    let mut user = Profile::get(db, "USER#wcu", "PROFILE")
        .await?
        .expect("saved");

    // Test 1: smart save (only the changed field)
    Profile::reset_metrics(db);
    user.name = "Jane Doe".into();
    user.save(db).await?;
    let smart = Profile::metrics(db);

    // Test 2: full replace (all fields)
    Profile::reset_metrics(db);
    user.name = "Bob Smith".into();
    user.save(db).full_replace().await?;
    let full = Profile::metrics(db);

    println!("=== WCU Comparison ===");
    println!(
        "Smart save (UpdateItem): {} WCU, {} bytes sent",
        smart.total_wcu, smart.bytes_sent
    );
    println!(
        "Full replace (PutItem):  {} WCU, {} bytes sent",
        full.total_wcu, full.bytes_sent
    );
    println!(
        "Savings: {} WCU, {} bytes",
        full.total_wcu - smart.total_wcu,
        full.bytes_sent - smart.bytes_sent
    );

    user.delete(db).await?;
    Ok(())
}
