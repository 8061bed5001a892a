//! `#[dyno(s3(bucket = "docs", prefix = "files/"))]` on an `S3Object`
//! field: where its objects go, and where such a field may stand. Whether
//! the type is an `S3Object` is checked by the compiler at the field's type.

use crate::attr::FieldAttrs;
use darling::error::Accumulator;
use darling::Error;
use syn::LitStr;

/// `s3(...)` as written.
#[derive(darling::FromMeta, Clone)]
pub(crate) struct S3Attrs {
    bucket: LitStr,
    prefix: Option<LitStr>,
}

/// An S3-backed field's bucket and key prefix.
pub(crate) struct S3Field {
    pub(crate) bucket: LitStr,
    pub(crate) prefix: String,
}

/// The field's S3 storage, or `None` for a field not stored in S3.
pub(crate) fn resolve(a: &FieldAttrs, key: bool, errors: &mut Accumulator) -> Option<S3Field> {
    let s = a.s3.as_ref()?;
    let refuse = |why: &str, errors: &mut Accumulator| {
        errors.push(Error::custom(format!("`s3` cannot be used {why}")).with_span(&s.bucket));
    };
    if key {
        refuse("on a key: a key is the item's own value", errors);
    }
    let write_once = ("write_once", a.write_once.is_present());
    for (kind, present) in a.storage_options().into_iter().chain([write_once]) {
        if present && kind != "s3" {
            refuse(&format!("with `#[dyno({kind})]`"), errors);
        }
    }
    if !a.gsi.is_empty() || !a.gsi_sort.is_empty() || !a.lsi.is_empty() {
        refuse("on an index key", errors);
    }
    if s.bucket.value().is_empty() {
        refuse("with an empty `bucket`", errors);
    }
    Some(S3Field {
        bucket: s.bucket.clone(),
        prefix: s.prefix.as_ref().map(LitStr::value).unwrap_or_default(),
    })
}
