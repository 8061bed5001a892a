//! Compressed fields on both backends: every algorithm round-trips text,
//! bytes and serde values; a value is compressed only when that is smaller;
//! values stored before the field was compressed still read; the size
//! limits see the compressed size; a broken value is a clear error.

use aws_sdk_dynamodb::types::AttributeValue as Av;
use dynox_core::prelude::*;
use dynox_tests::{backend_tests, item, raw_get, raw_put};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Doc {
    pub title: String,
    pub lines: Vec<String>,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "packed", max_size = 50_000)]
pub struct Packed {
    #[dyno(partition_key)]
    pub id: String,
    #[dyno(compress)]
    pub zstd: String,
    #[dyno(compress = "lz4")]
    pub lz4: Vec<u8>,
    #[dyno(compress = "gzip")]
    pub gzip: Option<String>,
    #[dyno(serde, compress)]
    pub doc: Doc,
    #[dyno(compress = "lz4")]
    pub blob: bytes::Bytes,
}

fn packed(id: &str, n: usize) -> Packed {
    Packed {
        id: id.into(),
        zstd: "the quick brown fox ".repeat(n),
        lz4: b"jumps over the lazy dog ".repeat(n),
        gzip: Some("pack my box with five dozen liquor jugs ".repeat(n)),
        doc: Doc {
            title: "t".into(),
            lines: vec!["a line of the document".into(); n],
        },
        blob: bytes::Bytes::from(vec![7u8; n * 10]),
    }
}

/// An item written before the fields were compressed (as another tool
/// would), with `blob` as given.
fn stored_before(blob: Vec<u8>) -> dynox_core::Item {
    item([
        ("id", Av::S("old".into())),
        ("zstd", Av::S("plain text".into())),
        ("lz4", Av::B(aws_smithy_types::Blob::new(b"raw".to_vec()))),
        (
            "doc",
            Av::M(item([
                ("title", Av::S("t".into())),
                ("lines", Av::L(vec![Av::S("x".into())])),
            ])),
        ),
        ("blob", Av::B(aws_smithy_types::Blob::new(blob))),
    ])
}

backend_tests! {
    async fn every_algorithm_round_trips_and_stores_less(db: Dynox) -> Result<()> {
        Packed::create_table(&db).await?;
        let big = packed("big", 2_000);
        big.save(&db).await?;
        assert_eq!(*Packed::get(&db, "big").await?.expect("stored"), big);
        let stored = raw_get(&db, &db.table_name::<Packed>(), big.key().to_key_item_for_test()).await;
        for name in ["zstd", "lz4", "gzip", "doc", "blob"] {
            let Some(Av::B(b)) = stored.get(name) else { panic!("{name} stored as B: {stored:?}") };
            assert_eq!(&b.as_ref()[..2], &[0xDC, 0x5A], "{name}");
            assert!(b.as_ref().len() < 4_000, "{name}: {} bytes", b.as_ref().len());
        }
        // 40 KB of text and more: under the model's 50,000-byte limit only compressed
        assert!(dynox_core::item_size(&big.to_item()) < 10_000);

        // small values are not worth it: stored as they are
        let small = Packed { gzip: None, ..packed("small", 1) };
        small.save(&db).await?;
        let stored = raw_get(&db, &db.table_name::<Packed>(), small.key().to_key_item_for_test()).await;
        assert!(matches!(stored.get("zstd"), Some(Av::S(_))), "{stored:?}");
        assert!(matches!(stored.get("doc"), Some(Av::M(_))), "{stored:?}");
        assert!(!stored.contains_key("gzip"));
        assert_eq!(*Packed::get(&db, "small").await?.expect("stored"), small);

        // a smart save writes the changed field compressed
        let mut loaded = Packed::get(&db, "small").await?.expect("stored");
        loaded.zstd = "zz".repeat(10_000);
        loaded.save(&db).await?;
        assert_eq!(Packed::get(&db, "small").await?.expect("stored").zstd.len(), 20_000);
        Ok(())
    }

    async fn values_stored_before_compression_still_read(db: Dynox) -> Result<()> {
        Packed::create_table(&db).await?;
        let table = db.table_name::<Packed>();
        raw_put(&db, &table, stored_before(vec![0xDC, 0x5A, 9])).await?;
        match Packed::get(&db, "old").await {
            // raw bytes that look like a header cannot be told apart: a clear error
            Err(Error::Deserialize { field, .. }) => assert_eq!(field, "blob"),
            other => panic!("expected the header-like blob refused, got {other:?}"),
        }
        raw_put(&db, &table, stored_before(vec![1, 2, 3])).await?;
        let old = Packed::get(&db, "old").await?.expect("reads");
        assert_eq!((old.zstd.as_str(), old.lz4.as_slice(), old.gzip.as_deref()), ("plain text", &b"raw"[..], None));
        assert_eq!(old.doc.lines, ["x"]);
        Ok(())
    }

    async fn a_broken_value_is_a_clear_error(db: Dynox) -> Result<()> {
        Packed::create_table(&db).await?;
        let table = db.table_name::<Packed>();
        let good = packed("broken", 500);
        let mut stored = good.to_item();
        let Some(aws_sdk_dynamodb::types::AttributeValue::B(b)) = stored.get("zstd").cloned() else { panic!("compressed") };
        let mut bytes = b.into_inner();
        bytes.truncate(bytes.len() / 2);
        stored.insert("zstd".into(), Av::B(aws_smithy_types::Blob::new(bytes)));
        raw_put(&db, &table, stored).await?;
        match Packed::get(&db, "broken").await {
            Err(Error::Deserialize { field, found, .. }) => {
                assert_eq!(field, "zstd");
                assert!(found.contains("does not decompress"), "{found}");
            }
            other => panic!("expected a decompression error, got {other:?}"),
        }
        Ok(())
    }

    async fn the_size_limit_sees_the_compressed_size(db: Dynox) -> Result<()> {
        Packed::create_table(&db).await?;
        // compressible: 60 KB of text fits the 50,000-byte limit compressed
        packed("fits", 3_000).save(&db).await?;
        // incompressible: refused before any request
        // 100,000 printable characters from xorshift: about 6.5 bits each,
        // so compression leaves more than 50,000 bytes
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let noise: String = (0..100_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(b'!' + (x % 94) as u8)
            })
            .collect();
        match (Packed { zstd: noise, ..packed("noise", 1) }).save(&db).await {
            Err(Error::ItemTooLarge { .. }) => {}
            other => panic!("expected ItemTooLarge, got {other:?}"),
        }
        Ok(())
    }
}

trait KeyItem {
    fn to_key_item_for_test(&self) -> dynox_core::Item;
}

impl KeyItem for PackedKey {
    fn to_key_item_for_test(&self) -> dynox_core::Item {
        dynox_core::ModelKey::to_key_item(self)
    }
}
