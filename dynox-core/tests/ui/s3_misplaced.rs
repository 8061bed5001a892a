use dynox_core::prelude::*;
use dynox_core::s3::S3Object;

#[derive(DynoModel)]
#[dyno(table = "docs")]
struct Doc {
    #[dyno(partition_key)]
    id: String,
    #[dyno(s3(bucket = "docs"), encrypt(key = "alias/app"))]
    file: S3Object,
    #[dyno(s3(bucket = ""))]
    other: S3Object,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "docs")]
pub struct Page {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(s3(bucket = "docs"))]
    pub file: S3Object,
}

async fn misuse(db: &Dynox) -> Result<()> {
    // an object's metadata cannot be set or compared by an update
    Page::update_by_key(db, "p").set(Page::FILE, S3Object::new(vec![1])).await?;
    Ok(())
}

fn main() {
    let _ = misuse;
}
