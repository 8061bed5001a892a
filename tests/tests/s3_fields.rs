//! S3-backed fields against moto's S3 (started by the README's test
//! command; a missing moto fails these tests), on both DynamoDB
//! transports: uploads on save, downloads, presigned URLs, one upload per
//! content, no object left behind by a refused write, a replaced file or a
//! deleted item, and the window an unknown outcome leaves.
#![cfg(feature = "dynamodb-local")]

use dynox_core::prelude::*;
use dynox_core::s3::S3Object;
use dynox_tests::faults::{LostWrite, RefusedWrite};
use dynox_tests::objects::{exists, moto_s3, Uploads};
use dynox_tests::{backend_tests, unique_prefix};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "s3_docs")]
pub struct Doc {
    #[dyno(partition_key)]
    pub id: String,
    pub title: String,
    #[dyno(s3(bucket = "dynox-tests", prefix = "docs/"))]
    pub file: S3Object,
    #[dyno(s3(bucket = "dynox-tests"))]
    pub thumbnail: Option<S3Object>,
}

/// A model whose bucket does not exist.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "s3_docs")]
pub struct Lost {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(s3(bucket = "dynox-no-such-bucket"))]
    pub file: S3Object,
}

/// A model with a compressed field beside its object.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "s3_docs")]
pub struct Packed {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(compress)]
    pub body: String,
    #[dyno(s3(bucket = "dynox-tests", prefix = "packed/"))]
    pub file: S3Object,
}

/// `len` bytes of text that no algorithm compresses much.
fn incompressible(len: usize) -> String {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b'!' + (x % 90) as u8)
        })
        .collect()
}

/// `db` through `wrapper`, with the same table prefix and S3 client.
fn wrapped(
    db: &Dynox,
    wrapper: Arc<dyn dynox_core::transport::Transport>,
    s3: &aws_sdk_s3::Client,
) -> Dynox {
    Dynox::from_transport(wrapper)
        .with_table_prefix(db.table_prefix())
        .with_s3(s3.clone())
}

async fn setup(db: &Dynox) -> Result<(Dynox, aws_sdk_s3::Client, Uploads)> {
    let (s3, uploads) = moto_s3().await;
    // a prefix of its own: tests share one bucket, and objects are keyed by table
    let db = db.with_table_prefix(unique_prefix()).with_s3(s3.clone());
    Doc::create_table(&db).await?;
    Ok((db, s3, uploads))
}

fn doc(id: &str, body: &str) -> Doc {
    Doc {
        id: id.into(),
        title: format!("title {id}"),
        file: S3Object::new(body.as_bytes().to_vec())
            .content_type("text/plain")
            .metadata("author", "ann"),
        thumbnail: None,
    }
}

async fn loaded(db: &Dynox, id: &str) -> Result<Tracked<Doc>> {
    Ok(Doc::get(db, id).await?.expect("stored"))
}

/// GETs `url` (moto on loopback, plain HTTP) and answers the body.
async fn http_get(url: &str) -> Vec<u8> {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest.split_at(rest.find('/').expect("a path"));
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    let at = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers end");
    assert!(
        response.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&response[..at])
    );
    response[at + 4..].to_vec()
}

backend_tests! {
    async fn a_save_uploads_and_a_load_downloads(db: Dynox) -> Result<()> {
        let (db, s3, uploads) = setup(&db).await?;
        let d = doc("d1", "hello from s3");
        d.save(&db).await?;
        assert_eq!(uploads.puts(), 1);
        let got = loaded(&db, "d1").await?;
        let file = &got.file;
        assert!(file.is_stored());
        assert_eq!(file.bucket(), Some("dynox-tests"));
        let key = file.key().expect("stored").to_owned();
        assert!(key.starts_with(&format!("docs/{}/d1/file/", db.table_name::<Doc>())), "{key}");
        assert_eq!(key.rsplit('/').next().map(str::len), Some(64), "a SHA-256: {key}");
        assert_eq!(file.size(), 13);
        assert!(!file.etag().unwrap_or_default().is_empty());
        assert_eq!(file.get_content_type(), Some("text/plain"));
        assert_eq!(file.get_metadata().get("author").map(String::as_str), Some("ann"));
        assert!(got.thumbnail.is_none());
        assert!(exists(&s3, &key).await);
        // the bytes, a file, and a presigned URL
        assert_eq!(file.bytes(&db).await?.as_ref(), b"hello from s3");
        let path = std::env::temp_dir().join(format!("{}d1.txt", unique_prefix()));
        file.save_to(&db, &path).await?;
        assert_eq!(std::fs::read(&path).expect("written"), b"hello from s3");
        std::fs::remove_file(&path).ok();
        let url = file.presigned_url(&db, std::time::Duration::from_secs(60)).await?;
        assert!(url.contains("X-Amz-Signature="), "{url}");
        assert_eq!(http_get(&url).await, b"hello from s3");
        // a pending object reads its own bytes; it has no key yet
        let pending = doc("d2", "not yet").file;
        assert_eq!(pending.bytes(&db).await?.as_ref(), b"not yet");
        assert!(matches!(pending.presigned_url(&db, std::time::Duration::from_secs(1)).await, Err(Error::Refused { .. })));
        Ok(())
    }

    async fn the_same_bytes_upload_once(db: Dynox) -> Result<()> {
        let (db, _, uploads) = setup(&db).await?;
        let d = doc("same", "identical bytes");
        d.save(&db).await?;
        d.save(&db).await?; // a repeat (or a retry) finds the object there
        assert_eq!(uploads.puts(), 1);
        // a smart save of another field sends no object at all
        let mut t = loaded(&db, "same").await?;
        t.title = "renamed".into();
        t.save(&db).await?;
        assert_eq!(uploads.puts(), 1);
        assert_eq!(loaded(&db, "same").await?.file.bytes(&db).await?.as_ref(), b"identical bytes");
        Ok(())
    }

    async fn a_replaced_or_deleted_file_leaves_no_object(db: Dynox) -> Result<()> {
        let (db, s3, _) = setup(&db).await?;
        doc("r", "version one").save(&db).await?;
        let mut t = loaded(&db, "r").await?;
        let first = t.file.key().expect("stored").to_owned();
        // a smart save with a new file: the old object goes after the write
        t.file = S3Object::new(b"version two".to_vec());
        t.thumbnail = Some(S3Object::new(b"thumb".to_vec()));
        t.save(&db).await?;
        assert!(!exists(&s3, &first).await, "the replaced object is deleted");
        let t = loaded(&db, "r").await?;
        let second = t.file.key().expect("stored").to_owned();
        let thumb = t.thumbnail.as_ref().and_then(S3Object::key).expect("stored").to_owned();
        assert!(exists(&s3, &second).await && exists(&s3, &thumb).await);
        // a whole-item replace without the thumbnail deletes it, keeps the file
        Doc { thumbnail: None, ..t.clone().into_inner() }.save(&db).await?;
        assert!(!exists(&s3, &thumb).await);
        assert!(exists(&s3, &second).await);
        // removing the optional field by an update deletes its object
        let mut t = loaded(&db, "r").await?;
        t.thumbnail = Some(S3Object::new(b"thumb again".to_vec()));
        t.save(&db).await?;
        let thumb = loaded(&db, "r").await?.thumbnail.as_ref().and_then(S3Object::key).expect("stored").to_owned();
        Doc::update_by_key(&db, "r").remove(Doc::THUMBNAIL).await?;
        assert!(!exists(&s3, &thumb).await);
        // deleting the item deletes its objects
        Doc::delete_by_key(&db, "r").await?;
        assert!(!exists(&s3, &second).await);
        // a tracked delete too
        doc("r2", "doomed").save(&db).await?;
        let mut t = loaded(&db, "r2").await?;
        let key = t.file.key().expect("stored").to_owned();
        t.delete(&db).await?;
        assert!(!exists(&s3, &key).await);
        Ok(())
    }

    async fn a_refused_write_deletes_what_it_uploaded(db: Dynox) -> Result<()> {
        let (db, s3, _) = setup(&db).await?;
        doc("c", "kept").save(&db).await?;
        let kept = loaded(&db, "c").await?.file.key().expect("stored").to_owned();
        // a create-only save of another file over an existing item: refused
        let refused = doc("c", "refused bytes").save(&db).condition(Doc::ID.not_exists()).await;
        assert!(matches!(refused, Err(Error::ConditionalCheckFailed { .. })));
        let refused_key = format!("docs/{}/c/file/{}", db.table_name::<Doc>(), sha256_hex(b"refused bytes"));
        assert!(!exists(&s3, &refused_key).await, "the refused upload is deleted");
        assert!(exists(&s3, &kept).await, "the stored item's object stays");
        assert_eq!(loaded(&db, "c").await?.file.bytes(&db).await?.as_ref(), b"kept");
        Ok(())
    }

    async fn an_unknown_outcome_keeps_the_object_the_item_may_point_at(db: Dynox) -> Result<()> {
        let (db, s3, uploads) = setup(&db).await?;
        for applied in [true, false] {
            let faulty = Arc::new(LostWrite::new(db.transport().clone(), applied));
            let lossy = Dynox::from_transport(faulty.clone())
                .with_table_prefix(db.table_prefix())
                .with_s3(s3.clone());
            let id = format!("u{applied}");
            let body = format!("uncertain {applied}");
            faulty.arm();
            let lost = doc(&id, &body).save(&lossy).await;
            assert!(matches!(lost, Err(Error::Unreachable { .. })), "{lost:?}");
            // the object stays: when the write was applied the item points at it
            let key = format!("docs/{}/{id}/file/{}", db.table_name::<Doc>(), sha256_hex(body.as_bytes()));
            assert!(exists(&s3, &key).await, "kept after an unknown outcome ({applied})");
            if applied {
                assert_eq!(loaded(&db, &id).await?.file.bytes(&db).await?.as_ref(), body.as_bytes());
            } else {
                assert!(Doc::get(&db, &id).await?.is_none());
            }
            // and a retry finds it and uploads nothing more
            let before = uploads.puts();
            doc(&id, &body).save(&lossy).await?;
            assert_eq!(uploads.puts(), before, "the retry uploaded again ({applied})");
            assert_eq!(loaded(&db, &id).await?.file.key(), Some(key.as_str()));
        }
        Ok(())
    }

    async fn an_injected_refusal_deletes_the_new_object_and_keeps_the_old(db: Dynox) -> Result<()> {
        let (db, s3, uploads) = setup(&db).await?;
        let refusing = Arc::new(RefusedWrite::new(db.transport().clone()));
        let faulty = wrapped(&db, refusing.clone(), &s3);
        // a new item: its upload is deleted, no item is written
        refusing.arm();
        let refused = doc("f1", "never stored").save(&faulty).await;
        assert!(matches!(refused, Err(Error::Validation { .. })), "{refused:?}");
        assert_eq!(uploads.puts(), 1, "it was uploaded before the write");
        let key = format!("docs/{}/f1/file/{}", db.table_name::<Doc>(), sha256_hex(b"never stored"));
        assert!(!exists(&s3, &key).await, "the refused write's object is deleted");
        assert!(Doc::get(&db, "f1").await?.is_none());
        // a smart save that replaces the file: the new object goes, the old stays
        doc("f2", "old file").save(&db).await?;
        let mut t = loaded(&faulty, "f2").await?;
        let old = t.file.key().expect("stored").to_owned();
        t.file = S3Object::new(b"new file".to_vec());
        refusing.arm();
        assert!(matches!(t.save(&faulty).await, Err(Error::Validation { .. })));
        let new = format!("docs/{}/f2/file/{}", db.table_name::<Doc>(), sha256_hex(b"new file"));
        assert!(!exists(&s3, &new).await, "the refused replacement is deleted");
        assert!(exists(&s3, &old).await, "the stored item's object stays");
        assert_eq!(loaded(&db, "f2").await?.file.bytes(&db).await?.as_ref(), b"old file");
        // the same value saved again once the fault is gone: stored, old object deleted
        t.save(&faulty).await?;
        assert!(exists(&s3, &new).await && !exists(&s3, &old).await);
        // a refused delete keeps the item and its object
        refusing.arm();
        assert!(Doc::delete_by_key(&faulty, "f2").await.is_err());
        assert!(exists(&s3, &new).await);
        assert_eq!(loaded(&db, "f2").await?.file.bytes(&db).await?.as_ref(), b"new file");
        Ok(())
    }

    async fn a_replace_with_an_unknown_outcome_keeps_both_objects(db: Dynox) -> Result<()> {
        let (db, s3, uploads) = setup(&db).await?;
        let lost = Arc::new(LostWrite::new(db.transport().clone(), true));
        let faulty = wrapped(&db, lost.clone(), &s3);
        doc("w", "first").save(&db).await?;
        let mut t = loaded(&faulty, "w").await?;
        let old = t.file.key().expect("stored").to_owned();
        t.file = S3Object::new(b"second".to_vec());
        lost.arm();
        assert!(matches!(t.save(&faulty).await, Err(Error::Unreachable { .. })));
        let new = format!("docs/{}/w/file/{}", db.table_name::<Doc>(), sha256_hex(b"second"));
        // the write was applied, so the item points at the new object; the
        // old one cannot be known to be unused and stays (the documented window)
        assert_eq!(loaded(&db, "w").await?.file.key(), Some(new.as_str()));
        assert!(exists(&s3, &new).await && exists(&s3, &old).await);
        let before = uploads.puts();
        // a retry of the same save uploads nothing more
        let mut again = loaded(&faulty, "w").await?;
        again.file = S3Object::new(b"second".to_vec());
        again.save(&faulty).await?;
        assert_eq!(uploads.puts(), before, "the retry found the object");
        Ok(())
    }

    async fn too_large_after_compression_is_refused_before_any_upload(db: Dynox) -> Result<()> {
        let (db, s3, uploads) = setup(&db).await?;
        let big = incompressible(500_000);
        let p = Packed { id: "p".into(), body: big.clone(), file: S3Object::new(b"packed".to_vec()) };
        let key = format!("packed/{}/p/file/{}", db.table_name::<Doc>(), sha256_hex(b"packed"));
        assert!(matches!(p.save(&db).await, Err(Error::ItemTooLarge { .. })));
        assert_eq!(uploads.puts(), 0, "nothing uploaded");
        assert!(!exists(&s3, &key).await);
        // a loaded value's smart save with an oversized change, too
        Packed { body: "small".into(), ..p.clone() }.save(&db).await?;
        assert_eq!(uploads.puts(), 1);
        let mut t = Packed::get(&db, "p").await?.expect("stored");
        t.body = big;
        t.file = S3Object::new(b"packed, second".to_vec());
        assert!(matches!(t.save(&db).await, Err(Error::ItemTooLarge { .. })));
        assert_eq!(uploads.puts(), 1, "nothing uploaded for the refused save");
        assert_eq!(Packed::get(&db, "p").await?.expect("stored").body, "small");
        Ok(())
    }

    async fn large_objects_go_in_parts(db: Dynox) -> Result<()> {
        let (db, _, uploads) = setup(&db).await?;
        // 17 MiB: above the 16 MiB threshold, three 8 MiB parts
        let big: Vec<u8> = (0..17 << 20).map(|i: u32| (i % 251) as u8).collect();
        let d = Doc { file: S3Object::new(big.clone()), ..doc("big", "") };
        d.save(&db).await?;
        assert_eq!((uploads.puts(), uploads.parts()), (0, 3));
        let got = loaded(&db, "big").await?;
        assert_eq!(got.file.size(), big.len() as u64);
        assert!(got.file.bytes(&db).await? == big);
        Ok(())
    }

    async fn a_missing_bucket_or_object_is_its_own_error(db: Dynox) -> Result<()> {
        let (db, s3, _) = setup(&db).await?;
        let lost = Lost { id: "l".into(), file: S3Object::new(b"x".to_vec()) }.save(&db).await;
        match lost {
            Err(Error::S3 { code, bucket, .. }) => {
                assert_eq!((code.as_deref(), bucket.as_str()), (Some("NoSuchBucket"), "dynox-no-such-bucket"));
            }
            other => panic!("expected Error::S3, got {other:?}"),
        }
        assert!(Doc::get(&db, "l").await?.is_none(), "nothing written");
        doc("m", "soon gone").save(&db).await?;
        let t = loaded(&db, "m").await?;
        s3.delete_object().bucket("dynox-tests").key(t.file.key().expect("stored")).send().await.expect("delete");
        match t.file.bytes(&db).await {
            Err(Error::S3 { code, .. }) => assert_eq!(code.as_deref(), Some("NoSuchKey")),
            other => panic!("expected Error::S3, got {other:?}"),
        }
        // no S3 client: a configuration error before anything is sent
        let without = Dynox::from_transport(db.transport().clone()).with_table_prefix(db.table_prefix());
        assert!(matches!(doc("n", "x").save(&without).await, Err(Error::Configuration { .. })));
        assert!(Doc::get(&db, "n").await?.is_none());
        Ok(())
    }

    async fn batches_and_transactions_are_refused_and_large_files_fit(db: Dynox) -> Result<()> {
        let (db, _, _) = setup(&db).await?;
        let d = doc("b", "x");
        assert!(matches!(db.batch_write().put(&d).await, Err(Error::Refused { .. })));
        assert!(matches!(db.batch_write().delete(d.key()).await, Err(Error::Refused { .. })));
        assert!(matches!(db.transact_write().put(&d).await, Err(Error::Refused { .. })));
        assert!(Doc::get(&db, "b").await?.is_none());
        // a 1 MB file: far over the item limit, but not in the item
        let big = Doc { file: S3Object::new(vec![b'a'; 1 << 20]), ..doc("one_mb", "") };
        big.save(&db).await?;
        assert!(dynox_core::item_size(&loaded(&db, "one_mb").await?.to_item()) < 2_000);
        Ok(())
    }
}

/// The hex SHA-256 of `data`, as object keys end.
fn sha256_hex(data: &[u8]) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, data);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}
