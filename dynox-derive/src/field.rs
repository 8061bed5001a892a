//! One field of a model, its meaning resolved once from its attributes:
//! the rules that concern one field alone are checked here, where the
//! attributes are read, and only the resolved meaning goes on.

use crate::attr::{DefaultValue, FieldAttrs};
use crate::names::{is_nested_option, is_option, unraw};
use darling::error::Accumulator;
use darling::Error;
use proc_macro2::Span;
use syn::{Ident, LitStr, Type};

pub(crate) struct Field {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    /// The stored attribute name.
    pub(crate) attribute: String,
    /// Where the attribute name was written: the `rename` value, or the
    /// field name.
    pub(crate) name_span: Span,
    /// How the field is stored.
    pub(crate) kind: FieldKind,
    /// Where the kind was chosen (`ttl`, `serde`), or the field name.
    pub(crate) kind_span: Span,
    pub(crate) role: Role,
    /// `#[dyno(sensitive)]`: the value never shows in `Debug` or errors.
    pub(crate) sensitive: bool,
    /// What a missing attribute reads as.
    pub(crate) default: Option<DefaultValue>,
    /// Global indexes this field is the partition key of.
    pub(crate) gsi: Vec<LitStr>,
    /// Global indexes this field is the sort key of.
    pub(crate) gsi_sort: Vec<LitStr>,
    /// Local indexes this field is the sort key of.
    pub(crate) lsi: Vec<LitStr>,
    /// `#[dyno(generate = "...")]`: dynox makes the value.
    pub(crate) generate: Option<crate::generate::Generate>,
    /// `#[dyno(write_once)]`: no write changes a stored value.
    pub(crate) write_once: bool,
    /// `#[dyno(encrypt(..))]`: the master key and mode.
    pub(crate) encrypt: Option<crate::encrypt::Encrypt>,
    /// `#[dyno(s3(..))]`: the bucket and key prefix of its objects.
    pub(crate) s3: Option<crate::s3::S3Field>,
    /// Named by a secondary index's key template (where): saves rewrite
    /// that key when the field changes, and updates cannot set it alone.
    pub(crate) index_part: Option<Span>,
}

/// What part a field plays in the item; the span is where it was chosen.
#[derive(Clone, Copy)]
pub(crate) enum Role {
    Attribute,
    PartitionKey(Span),
    SortKey(Span),
    /// `#[dyno(version)]`: the optimistic-locking counter.
    Version(Span),
    /// `#[dyno(skip)]`: not stored.
    Skipped,
    /// Named by a key template (`pk = "USER#{id}"`): stored, and part of
    /// the key; the span is the template's.
    KeyPart(Span),
}

/// How a field is stored: each kind is a trait of `dynox_core::__private`
/// that gives the same `FieldOps` (`put`, `take`, `copy`, `differs`,
/// `from_json`...), so code generation names the trait once per field and
/// nothing else. A new kind is a variant here and a trait there.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// Through the type's `DynoValue` impl.
    Plain,
    /// `#[dyno(serde)]`: the DynamoDB form of its serde data model.
    Serde,
    /// `#[dyno(ttl)]`: epoch seconds.
    Ttl,
    /// `#[dyno(compress)]`: compressed with the codec named (a type of
    /// `dynox_core::compress::codec`), text and bytes or, with `serde`,
    /// the serde value's JSON.
    Compressed { codec: &'static str, serde: bool },
    /// `#[dyno(encrypt(..))]`: text or bytes, sealed by the operation
    /// layer; a write-only field reads envelopes as they are.
    Encrypted { write_only: bool },
    /// `#[dyno(s3(..))]`: an `S3Object`, whose metadata the item holds.
    Object,
}

impl FieldKind {
    /// The runtime trait of the kind, as a path under `__private`.
    pub(crate) fn trait_path(self, krate: &syn::Path) -> proc_macro2::TokenStream {
        let private = quote::quote! { #krate::__private };
        match self {
            FieldKind::Plain => quote::quote! { #private::PlainField },
            FieldKind::Serde => quote::quote! { #private::SerdeField },
            FieldKind::Ttl => quote::quote! { #private::TtlField },
            FieldKind::Compressed { codec, serde } => {
                let codec = Ident::new(codec, Span::call_site());
                if serde {
                    quote::quote! { #private::CompressedSerdeField<#private::codec::#codec> }
                } else {
                    quote::quote! { #private::CompressedField<#private::codec::#codec> }
                }
            }
            FieldKind::Object => quote::quote! { #private::ObjectField },
            FieldKind::Encrypted { write_only } => {
                quote::quote! { #private::EncryptedField<#write_only> }
            }
        }
    }
}

impl Field {
    /// The field's meaning; errors in its own attributes go to `errors`
    /// (all of them, so one build shows every mistake). `None` for a field
    /// without a name, which darling has already refused.
    pub(crate) fn resolve(a: FieldAttrs, errors: &mut Accumulator) -> Option<Field> {
        let ident = a.ident.clone()?;
        let key = a.partition_key.is_present() || a.sort_key.is_present();
        if key {
            key_rules(&a, errors);
        } else if a.skip.is_present() {
            skip_rules(&a, errors);
        } else {
            attribute_rules(&a, errors);
        }
        let role = if a.partition_key.is_present() {
            Role::PartitionKey(a.partition_key.span())
        } else if a.sort_key.is_present() {
            Role::SortKey(a.sort_key.span())
        } else if a.skip.is_present() {
            Role::Skipped
        } else if a.version.is_present() {
            Role::Version(a.version.span())
        } else {
            Role::Attribute
        };
        let codec = crate::compress::resolve(&a, key, errors);
        let encrypt = crate::encrypt::resolve(&a, key, errors);
        let s3 = crate::s3::resolve(&a, key, errors);
        let (kind, kind_span) = if key {
            (FieldKind::Plain, ident.span())
        } else if let Some(s3) = &s3 {
            (FieldKind::Object, s3.bucket.span())
        } else if let Some(e) = &encrypt {
            let write_only = e.write_only();
            (FieldKind::Encrypted { write_only }, e.key.span())
        } else if let Some(codec) = codec {
            let serde = a.serde.is_present();
            (FieldKind::Compressed { codec, serde }, ident.span())
        } else if a.ttl.is_present() {
            (FieldKind::Ttl, a.ttl.span())
        } else if a.serde.is_present() {
            (FieldKind::Serde, a.serde.span())
        } else {
            (FieldKind::Plain, ident.span())
        };
        let generate = crate::generate::resolve(&a, key, errors);
        let rename = a.rename.filter(|r| {
            let empty = r.value().is_empty();
            if empty && !a.skip.is_present() {
                errors.push(
                    Error::custom("`#[dyno(rename = \"\")]`: an attribute name must not be empty")
                        .with_span(r),
                );
            }
            !empty
        });
        Some(Field {
            attribute: rename.as_ref().map_or_else(|| unraw(&ident), |r| r.value()),
            name_span: rename.as_ref().map_or(ident.span(), |r| r.span()),
            ident,
            ty: a.ty,
            kind,
            kind_span,
            role,
            // an encrypted value is a secret wherever it is shown
            sensitive: a.sensitive.is_present() || encrypt.is_some(),
            default: a.default,
            gsi: a.gsi,
            gsi_sort: a.gsi_sort,
            lsi: a.lsi,
            index_part: None,
            generate,
            write_once: a.write_once.is_present(),
            encrypt,
            s3,
        })
    }

    pub(crate) fn is_partition_key(&self) -> bool {
        matches!(self.role, Role::PartitionKey(_))
    }
    pub(crate) fn is_sort_key(&self) -> bool {
        matches!(self.role, Role::SortKey(_))
    }
    /// Part of the item's identity: a key field, or a field a key
    /// template names. Neither is tracked for changes nor updated.
    pub(crate) fn is_key(&self) -> bool {
        self.is_partition_key() || self.is_sort_key() || self.is_key_part()
    }
    pub(crate) fn is_key_part(&self) -> bool {
        matches!(self.role, Role::KeyPart(_))
    }
    pub(crate) fn is_version(&self) -> bool {
        matches!(self.role, Role::Version(_))
    }
    pub(crate) fn is_skipped(&self) -> bool {
        matches!(self.role, Role::Skipped)
    }
    /// Whether the field is a key of a secondary index.
    pub(crate) fn is_index_key(&self) -> bool {
        !self.gsi.is_empty() || !self.gsi_sort.is_empty() || !self.lsi.is_empty()
    }
    /// Where the role was chosen, or the field name.
    pub(crate) fn role_span(&self) -> Span {
        match self.role {
            Role::PartitionKey(s) | Role::SortKey(s) | Role::Version(s) | Role::KeyPart(s) => s,
            Role::Attribute | Role::Skipped => self.ident.span(),
        }
    }
    /// The constant that holds the field's operations (`put`, `take`,
    /// `copy`, `differs`, ...); see `expand::field_ops`.
    pub(crate) fn ops(&self) -> Ident {
        Ident::new(
            &format!("__DYNOX_OPS_{}", unraw(&self.ident)),
            self.ident.span(),
        )
    }
    /// Where a key template names the field (the table's, else an
    /// index's), or the field name.
    pub(crate) fn template_span(&self) -> Span {
        match self.role {
            Role::KeyPart(s) => s,
            _ => self.index_part.unwrap_or_else(|| self.ident.span()),
        }
    }
    /// The constant that holds a key template placeholder's operations
    /// (`write`, `parse`); see `expand::template::part_ops`.
    pub(crate) fn part_ops(&self) -> Ident {
        Ident::new(
            &format!("__DYNOX_PART_{}", unraw(&self.ident)),
            self.ident.span(),
        )
    }
    /// The attribute constant's name: the field name in upper case.
    pub(crate) fn constant(&self) -> Ident {
        Ident::new(&unraw(&self.ident).to_uppercase(), self.ident.span())
    }
}

/// Key attributes are always stored as they are, so options that make them
/// absent, computed or hidden do not apply, and a key is one key.
fn key_rules(a: &FieldAttrs, errors: &mut Accumulator) {
    if a.partition_key.is_present() && a.sort_key.is_present() {
        errors.push(
            Error::custom("a field cannot be both `partition_key` and `sort_key`")
                .with_span(&a.sort_key.span()),
        );
    }
    if is_option(&a.ty) {
        errors.push(
            Error::custom(
                "a key attribute must always have a value: remove the `Option` from this key field",
            )
            .with_span(&a.ty),
        );
    }
    if a.sensitive.is_present() {
        errors.push(
            Error::custom(
                "`#[dyno(sensitive)]` cannot be used on a key field: keys show in requests, cursors and errors by design; keep secrets out of keys",
            )
            .with_span(&a.sensitive.span()),
        );
    }
    let conflicts = [
        ("default", a.default.as_ref().map(DefaultValue::span)),
        ("skip", a.skip.is_present().then(|| a.skip.span())),
        ("version", a.version.is_present().then(|| a.version.span())),
        ("ttl", a.ttl.is_present().then(|| a.ttl.span())),
        ("serde", a.serde.is_present().then(|| a.serde.span())),
    ];
    for (name, span) in conflicts {
        if let Some(span) = span {
            errors.push(
                Error::custom(format!(
                    "`#[dyno({name})]` cannot be used on a key field: keys are always stored as they are"
                ))
                .with_span(&span),
            );
        }
    }
}

/// A skipped field is not stored, so storage options on it mean nothing.
fn skip_rules(a: &FieldAttrs, errors: &mut Accumulator) {
    if a.rename.is_some()
        || a.default.is_some()
        || a.version.is_present()
        || a.ttl.is_present()
        || a.serde.is_present()
        || a.sensitive.is_present()
        || !a.gsi.is_empty()
        || !a.gsi_sort.is_empty()
        || !a.lsi.is_empty()
    {
        errors.push(
            Error::custom("`#[dyno(skip)]` fields are not stored: remove the other `dyno` options from this field")
                .with_span(&a.skip.span()),
        );
    }
}

/// The rules of a stored attribute that is not a key.
fn attribute_rules(a: &FieldAttrs, errors: &mut Accumulator) {
    // `Option<Option<T>>`: `None` and `Some(None)` would both be an absent
    // attribute, and `Some(None)` would read back as `None`
    if is_nested_option(&a.ty) {
        errors.push(
            Error::custom(
                "`Option<Option<..>>` cannot be stored: `None` and `Some(None)` are both an absent attribute; use one `Option`, or an enum that says what the inner `None` means",
            )
            .with_span(&a.ty),
        );
    }
    if a.ttl.is_present() && a.serde.is_present() {
        errors.push(
            Error::custom("choose one of `ttl` (epoch seconds) and `serde` for this field")
                .with_span(&a.serde.span()),
        );
    }
    if a.version.is_present() {
        if is_option(&a.ty) {
            errors.push(
                Error::custom("the `#[dyno(version)]` field must not be an `Option`: use `u64`, starting at 0")
                    .with_span(&a.ty),
            );
        }
        for (name, flag) in [("ttl", &a.ttl), ("serde", &a.serde)] {
            if flag.is_present() {
                errors.push(
                    Error::custom(format!(
                        "`#[dyno({name})]` cannot be used on the `#[dyno(version)]` field: a version is a plain integer"
                    ))
                    .with_span(&flag.span()),
                );
            }
        }
    }
    // a TTL attribute is read as epoch seconds and a version as 0 when
    // missing: a default function would bypass both
    if let Some(DefaultValue::Function(path)) = &a.default {
        let what = if a.ttl.is_present() {
            Some("a `#[dyno(ttl)]` field (a missing TTL is no expiry: use an `Option`)")
        } else if a.version.is_present() {
            Some("the `#[dyno(version)]` field (a missing version is always 0)")
        } else {
            None
        };
        if let Some(what) = what {
            errors.push(
                Error::custom(format!("`default = \"...\"` does not apply to {what}"))
                    .with_span(path),
            );
        }
    }
}
