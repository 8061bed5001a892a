//! `#[dyno(compress)]` / `compress = "lz4"` on a field: which algorithm,
//! and where compression may stand. Resolved as the field's attributes are
//! read; whether the type can be compressed is checked by the compiler at
//! the field's type, as for every kind.

use crate::attr::FieldAttrs;
use darling::error::Accumulator;
use darling::util::Override;
use darling::Error;

/// The algorithms, by the names the attribute takes, and their types in
/// `dynox_core::compress::codec`.
const CODECS: &[(&str, &str)] = &[("zstd", "Zstd"), ("lz4", "Lz4"), ("gzip", "Gzip")];

/// The codec type's name, or `None` for a field that is not compressed.
pub(crate) fn resolve(a: &FieldAttrs, key: bool, errors: &mut Accumulator) -> Option<&'static str> {
    let compress = a.compress.as_ref()?;
    let (name, span) = match compress {
        Override::Inherit => ("zstd".to_owned(), None),
        Override::Explicit(lit) => (lit.value(), Some(lit)),
    };
    let refuse = |why: &str, errors: &mut Accumulator| {
        let e = Error::custom(format!("`compress` cannot be used {why}"));
        errors.push(match span {
            Some(lit) => e.with_span(lit),
            None => e.with_span(&a.ty),
        });
    };
    if key {
        refuse(
            "on a key: DynamoDB compares key values, not what they decompress to",
            errors,
        );
    }
    for (kind, present) in [
        ("ttl", a.ttl.is_present()),
        ("version", a.version.is_present()),
        ("skip", a.skip.is_present()),
    ] {
        if present {
            refuse(&format!("on a `#[dyno({kind})]` field"), errors);
        }
    }
    if !a.gsi.is_empty() || !a.gsi_sort.is_empty() || !a.lsi.is_empty() {
        refuse("on an index key", errors);
    }
    match CODECS.iter().find(|(n, _)| *n == name) {
        Some((_, codec)) => Some(codec),
        None => {
            refuse(
                &format!("with `{name}`: choose `zstd` (the default), `lz4` or `gzip`"),
                errors,
            );
            None
        }
    }
}
