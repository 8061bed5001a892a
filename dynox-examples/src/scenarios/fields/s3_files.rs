//! A file kept in S3 with its metadata in the item: uploaded by the save,
//! downloaded on demand, replaced without leaving the old object, and
//! deleted with the item.
//!
//! Needs S3: with `AWS_ENDPOINT_URL_S3` set (the test script points it at
//! moto's server) the example runs there; otherwise it says so and stops.

use dynox_core::prelude::*;
use dynox_core::s3::S3Object;

/// An invoice whose PDF lives in S3.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "ex_invoices")]
pub struct Invoice {
    #[dyno(partition_key)]
    pub id: String,
    pub customer: String,
    #[dyno(s3(bucket = "dynox-examples", prefix = "invoices/"))]
    pub pdf: S3Object,
}

const BUCKET: &str = "dynox-examples";

/// An S3 client of the configured endpoint (path-style, as an emulator on
/// localhost needs), with the example's bucket; `None` without an endpoint.
async fn s3() -> Option<aws_sdk_s3::Client> {
    std::env::var_os("AWS_ENDPOINT_URL_S3")?;
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build(),
    );
    // an S3 emulator starts empty: make the example's bucket once
    if s3.head_bucket().bucket(BUCKET).send().await.is_err() {
        s3.create_bucket()
            .bucket(BUCKET)
            .send()
            .await
            .expect("S3 CreateBucket");
    }
    Some(s3)
}

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    let Some(s3) = s3().await else {
        println!("AWS_ENDPOINT_URL_S3 is not set: this example needs S3 (e.g. `scripts/moto.sh start`); skipped");
        return Ok(());
    };
    let db = db.with_s3(s3.clone());
    Invoice::create_table(&db).if_not_exists().await?;
    let invoice = Invoice {
        id: "inv-1".into(),
        customer: "Ann".into(),
        pdf: S3Object::new(b"%PDF-1.7 first draft".to_vec())
            .content_type("application/pdf")
            .metadata("pages", "1"),
    };
    invoice.save(&db).await?;
    let mut loaded = Invoice::get(&db, "inv-1").await?.expect("saved");
    let first = loaded.pdf.key().expect("uploaded").to_owned();
    println!("stored s3://{BUCKET}/{first} ({} bytes)", loaded.pdf.size());
    assert_eq!(
        loaded.pdf.bytes(&db).await?.as_ref(),
        b"%PDF-1.7 first draft"
    );
    let url = loaded
        .pdf
        .presigned_url(&db, std::time::Duration::from_secs(600))
        .await?;
    println!("a link for 10 minutes: {}...", &url[..url.len().min(60)]);

    // a new version: uploaded, then the old object deleted after the write
    loaded.pdf = S3Object::new(b"%PDF-1.7 final".to_vec()).content_type("application/pdf");
    loaded.save(&db).await?;
    let gone = s3.head_object().bucket(BUCKET).key(&first).send().await;
    assert!(gone.is_err(), "the replaced object is deleted");
    println!("replaced; the first version's object is gone");

    let current = Invoice::get(&db, "inv-1").await?.expect("saved");
    let key = current.pdf.key().expect("uploaded").to_owned();
    Invoice::delete_by_key(&db, "inv-1").await?;
    assert!(s3
        .head_object()
        .bucket(BUCKET)
        .key(&key)
        .send()
        .await
        .is_err());
    println!("deleted with the item");
    Ok(())
}
