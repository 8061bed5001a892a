//! Compressed fields: `#[dyno(compress)]` (zstd) or `compress = "lz4"` /
//! `"gzip"` on a `String`, `Vec<u8>`, `Bytes` or `#[dyno(serde)]` field.
//!
//! ```
//! # use dynox_core::prelude::*;
//! #[derive(DynoModel, Debug, Clone, PartialEq)]
//! #[dyno(table = "pages")]
//! pub struct Page {
//!     #[dyno(partition_key)]
//!     pub url: String,
//!     #[dyno(compress)]
//!     pub html: String,
//! }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! let db = Dynox::memory_with::<(Page,)>();
//! let page = Page { url: "/".into(), html: "<p>hello</p>".repeat(1_000) };
//! page.save(&db).await?;
//! // 12,000 bytes of text, stored in a few dozen
//! assert!(dynox_core::item_size(&page.to_item()) < 200);
//! assert_eq!(Page::get(&db, "/").await?.map(|p| p.html.len()), Some(12_000));
//! # Ok(())
//! # }
//! ```
//!
//! A compressed value is stored as binary (B): three header bytes, `0xDC
//! 0x5A` and the algorithm (1 zstd, 2 lz4, 3 gzip), then the compressed
//! bytes. It is compressed only when that makes it smaller; otherwise the
//! value is stored as the field would store it uncompressed (a string as S,
//! a serde value in its DynamoDB form, bytes as B, or, for bytes that happen
//! to start with the header, the header with algorithm 0, none). So a value
//! stored before the field was compressed reads as it was, and the size
//! checks (`max_size`, the 400 KB limit) see what is stored. A serde field
//! is compressed as its JSON. Reading refuses a value that does not
//! decompress, or that would decompress past 64 MiB, with
//! [`Error::Deserialize`](crate::Error::Deserialize) naming the attribute.

use crate::value::ValueError;
use crate::AttributeValue;
use std::io::Read;

/// The header's first bytes.
const MAGIC: [u8; 2] = [0xDC, 0x5A];
/// The most a value may decompress to: far past any item, and still a
/// bound on a corrupted or hostile one.
const MAX_DECOMPRESSED: usize = 64 << 20;

/// A compression algorithm.
pub trait Codec: 'static {
    /// Its number in the header.
    const ID: u8;
    /// Compresses `data`.
    fn compress(data: &[u8]) -> Vec<u8>;
    /// Decompresses `data`, to at most 64 MiB.
    fn decompress(data: &[u8]) -> Result<Vec<u8>, String>;
}

/// The algorithms, as types: what `compress = "..."` names.
pub mod codec {
    /// zstd (level 3): the default, the best ratio for its speed.
    #[derive(Debug)]
    pub enum Zstd {}
    /// LZ4: the fastest, a lower ratio.
    #[derive(Debug)]
    pub enum Lz4 {}
    /// gzip: readable by any tool.
    #[derive(Debug)]
    pub enum Gzip {}
}

impl Codec for codec::Zstd {
    const ID: u8 = 1;
    fn compress(data: &[u8]) -> Vec<u8> {
        zstd::bulk::compress(data, 3).unwrap_or_default()
    }
    fn decompress(data: &[u8]) -> Result<Vec<u8>, String> {
        zstd::bulk::decompress(data, MAX_DECOMPRESSED).map_err(|e| e.to_string())
    }
}

impl Codec for codec::Lz4 {
    const ID: u8 = 2;
    fn compress(data: &[u8]) -> Vec<u8> {
        lz4_flex::compress_prepend_size(data)
    }
    fn decompress(data: &[u8]) -> Result<Vec<u8>, String> {
        let size = data
            .get(..4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
            .ok_or("shorter than its size")?;
        if size > MAX_DECOMPRESSED {
            return Err(format!("would decompress to {size} bytes"));
        }
        lz4_flex::decompress_size_prepended(data).map_err(|e| e.to_string())
    }
}

impl Codec for codec::Gzip {
    const ID: u8 = 3;
    fn compress(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = e.write_all(data);
        e.finish().unwrap_or_default()
    }
    fn decompress(data: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(data)
            .take(MAX_DECOMPRESSED as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| e.to_string())?;
        if out.len() > MAX_DECOMPRESSED {
            return Err("would decompress past 64 MiB".into());
        }
        Ok(out)
    }
}

/// `data` compressed with `C`, as a stored value, when that is smaller
/// than `plain_len` bytes.
pub(crate) fn compressed<C: Codec>(data: &[u8], plain_len: usize) -> Option<AttributeValue> {
    let body = C::compress(data);
    (!body.is_empty() && body.len() + MAGIC.len() + 1 < plain_len).then(|| {
        let mut out = Vec::with_capacity(body.len() + 3);
        out.extend_from_slice(&MAGIC);
        out.push(C::ID);
        out.extend_from_slice(&body);
        AttributeValue::B(out.into())
    })
}

/// Bytes stored uncompressed: marked when they could be taken for a header.
pub(crate) fn uncompressed_bytes(data: &[u8]) -> AttributeValue {
    if data.starts_with(&MAGIC) {
        let mut out = Vec::with_capacity(data.len() + 3);
        out.extend_from_slice(&MAGIC);
        out.push(0);
        out.extend_from_slice(data);
        AttributeValue::B(out.into())
    } else {
        AttributeValue::B(data.to_vec().into())
    }
}

/// The bytes a stored binary value holds: decompressed when it has the
/// header, as they are otherwise. Any algorithm reads, so a field's
/// algorithm can change.
pub(crate) fn read_bytes(stored: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, ValueError> {
    let Some(rest) = stored.strip_prefix(&MAGIC) else {
        return Ok(std::borrow::Cow::Borrowed(stored));
    };
    let (algorithm, body) = rest
        .split_first()
        .ok_or_else(|| broken("a header without an algorithm".into()))?;
    let out = match *algorithm {
        0 => return Ok(std::borrow::Cow::Borrowed(body)),
        codec::Zstd::ID => <codec::Zstd as Codec>::decompress(body),
        codec::Lz4::ID => <codec::Lz4 as Codec>::decompress(body),
        codec::Gzip::ID => <codec::Gzip as Codec>::decompress(body),
        other => Err(format!("an unknown algorithm ({other})")),
    };
    out.map(std::borrow::Cow::Owned).map_err(broken)
}

fn broken(why: String) -> ValueError {
    ValueError::custom(
        "a compressed value (B)",
        format!("B that does not decompress: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<C: Codec>() {
        let text = "hello, compressed world; ".repeat(200);
        let Some(AttributeValue::B(b)) = compressed::<C>(text.as_bytes(), text.len()) else {
            panic!("smaller when compressed");
        };
        assert!(b.as_ref().len() < text.len() / 5);
        assert_eq!(
            read_bytes(b.as_ref()).expect("reads").as_ref(),
            text.as_bytes()
        );
    }

    #[test]
    fn every_algorithm_round_trips_and_any_reads_any() {
        round_trip::<codec::Zstd>();
        round_trip::<codec::Lz4>();
        round_trip::<codec::Gzip>();
    }

    #[test]
    fn incompressible_or_broken_values() {
        assert!(compressed::<codec::Zstd>(b"ab", 2).is_none(), "not smaller");
        // bytes that look like a header are marked, and read back as they were
        let tricky = [0xDC, 0x5A, 1, 2, 3];
        let AttributeValue::B(b) = uncompressed_bytes(&tricky) else {
            panic!()
        };
        assert_eq!(read_bytes(b.as_ref()).expect("reads").as_ref(), tricky);
        for broken in [
            &[0xDC, 0x5A][..],
            &[0xDC, 0x5A, 1, 9, 9, 9],
            &[0xDC, 0x5A, 2, 255, 255, 255, 127, 0],
            &[0xDC, 0x5A, 3, 0],
            &[0xDC, 0x5A, 9],
        ] {
            assert!(read_bytes(broken).is_err(), "{broken:?}");
        }
    }
}

/// A field type that `#[dyno(compress)]` takes: text or bytes.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(compress)]` field",
    label = "compression takes `String`, `Vec<u8>`, `bytes::Bytes` (or an `Option` of them), or a `#[dyno(serde)]` field"
)]
pub trait Compressible: Sized {
    /// The bytes to compress; `None` when the value is absent.
    fn data(&self) -> Option<std::borrow::Cow<'_, [u8]>>;
    /// The value stored uncompressed.
    fn plain(&self) -> Option<AttributeValue>;
    /// Reads a stored value, compressed or not.
    fn read(stored: Option<AttributeValue>) -> Result<Self, ValueError>;
}

impl Compressible for String {
    fn data(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        Some(self.as_bytes().into())
    }
    fn plain(&self) -> Option<AttributeValue> {
        Some(AttributeValue::S(self.clone()))
    }
    fn read(stored: Option<AttributeValue>) -> Result<Self, ValueError> {
        match stored {
            Some(AttributeValue::S(s)) => Ok(s),
            Some(AttributeValue::B(b)) => String::from_utf8(read_bytes(b.as_ref())?.into_owned())
                .map_err(|_| {
                    ValueError::custom("text", "B that decompresses to bytes that are not UTF-8")
                }),
            Some(other) => Err(ValueError::wrong_type("S, or B compressed", &other)),
            None => Err(ValueError::missing("S, or B compressed")),
        }
    }
}

macro_rules! compressible_bytes {
    ($($t:ty),*) => {$(
        impl Compressible for $t {
            fn data(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
                let bytes: &[u8] = self.as_ref();
                Some(bytes.into())
            }
            fn plain(&self) -> Option<AttributeValue> {
                Some(uncompressed_bytes(self.as_ref()))
            }
            fn read(stored: Option<AttributeValue>) -> Result<Self, ValueError> {
                match stored {
                    Some(AttributeValue::B(b)) => Ok(read_bytes(b.as_ref())?.into_owned().into()),
                    Some(other) => Err(ValueError::wrong_type("B", &other)),
                    None => Err(ValueError::missing("B")),
                }
            }
        }
    )*};
}

compressible_bytes!(Vec<u8>, bytes::Bytes);

impl<T: Compressible> Compressible for Option<T> {
    fn data(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        self.as_ref().and_then(T::data)
    }
    fn plain(&self) -> Option<AttributeValue> {
        self.as_ref().and_then(T::plain)
    }
    fn read(stored: Option<AttributeValue>) -> Result<Self, ValueError> {
        stored.map(|v| T::read(Some(v))).transpose()
    }
}

/// The stored value of a compressible field, compressed with `C` when
/// that is smaller.
pub(crate) fn to_stored<T: Compressible, C: Codec>(value: &T) -> Option<AttributeValue> {
    let data = value.data()?;
    compressed::<C>(&data, data.len()).or_else(|| value.plain())
}

/// The stored value of a serde field compressed with `C` (its JSON) when
/// that is smaller than its JSON.
pub(crate) fn serde_to_stored<T: serde::Serialize, C: Codec>(value: &T) -> Option<AttributeValue> {
    let plain = crate::value::serde_value::to_attribute_value(value)?;
    match serde_json::to_vec(value) {
        Ok(json) => compressed::<C>(&json, json.len()).or(Some(plain)),
        Err(_) => Some(plain),
    }
}

/// Reads a compressed serde field: its JSON when compressed, its DynamoDB
/// form otherwise.
pub(crate) fn serde_read<T: serde::de::DeserializeOwned>(
    stored: Option<AttributeValue>,
) -> Result<T, ValueError> {
    match stored {
        Some(AttributeValue::B(b)) if b.as_ref().starts_with(&MAGIC) => {
            let json = read_bytes(b.as_ref())?;
            serde_json::from_slice(&json).map_err(|e| {
                ValueError::custom(
                    "a compressed serde value",
                    format!("JSON that does not read: {e}"),
                )
            })
        }
        other => crate::value::serde_value::from_attribute_value(other),
    }
}

/// Plain JSON of a compressed field: base64 text of a compressed value
/// (what `to_json` writes for it) as B; anything else as the field's kind
/// reads it.
pub(crate) fn from_json(
    json: &serde_json::Value,
    otherwise: fn(&serde_json::Value) -> Result<Option<AttributeValue>, ValueError>,
) -> Result<Option<AttributeValue>, ValueError> {
    if let serde_json::Value::String(text) = json {
        if let Ok(bytes) = aws_smithy_types::base64::decode(text) {
            if bytes.len() >= 3 && bytes.starts_with(&MAGIC) && bytes[2] <= codec::Gzip::ID {
                return Ok(Some(AttributeValue::B(bytes.into())));
            }
        }
    }
    otherwise(json)
}
