//! darling receivers: the `#[dyno(...)]` attributes as written.

use darling::{FromDeriveInput, FromField, FromVariant};
use syn::{Ident, LitStr, Path, Type, Visibility};

/// `#[dyno(...)]` on a `DynoModel` struct.
#[derive(FromDeriveInput)]
#[darling(attributes(dyno), forward_attrs(doc))]
pub(crate) struct ModelAttrs {
    pub(crate) ident: Ident,
    pub(crate) vis: Visibility,
    pub(crate) generics: syn::Generics,
    pub(crate) data: darling::ast::Data<darling::util::Ignored, FieldAttrs>,
    pub(crate) table: Option<LitStr>,
    #[darling(default)]
    pub(crate) consistent_read: bool,
    pub(crate) max_size: Option<syn::LitInt>,
    #[darling(default)]
    pub(crate) skip_hooks: bool,
    #[darling(default)]
    pub(crate) hooks: bool,
    #[darling(rename = "crate")]
    pub(crate) krate: Option<Path>,
    /// `stream = "new_and_old_images"`: the stream `create_table` turns on.
    pub(crate) stream: Option<LitStr>,
    /// `index(name = "...", keys_only)` / `index(name = "...", include = "a,b")`
    #[darling(multiple, rename = "index")]
    pub(crate) index_options: Vec<IndexAttrs>,
    /// `pk = "USER#{id}"`: the partition key composed from fields.
    pub(crate) pk: Option<LitStr>,
    /// `sk = "ORDER#{placed}#{number}"`: the sort key composed from fields.
    pub(crate) sk: Option<LitStr>,
    /// The partition key attribute of a templated model (`pk`).
    pub(crate) pk_attribute: Option<LitStr>,
    /// The sort key attribute of a templated model (`sk`).
    pub(crate) sk_attribute: Option<LitStr>,
    /// The entity type a templated model stores (the struct's name).
    pub(crate) entity: Option<LitStr>,
    /// The attribute that holds the entity type (`_et`).
    pub(crate) entity_attribute: Option<LitStr>,
    /// `gsi(name = "...", pk = "...", sk = "...")`: an index of templates.
    #[darling(multiple, rename = "gsi")]
    pub(crate) gsi_templates: Vec<crate::template_index::GsiAttrs>,
}

/// `#[dyno(index(...))]` on a model: how a secondary index projects.
#[derive(darling::FromMeta, Clone)]
pub(crate) struct IndexAttrs {
    pub(crate) name: LitStr,
    #[darling(default)]
    pub(crate) keys_only: darling::util::Flag,
    pub(crate) include: Option<LitStr>,
}

/// `#[dyno(...)]` on a field.
#[derive(FromField, Clone)]
#[darling(attributes(dyno))]
pub(crate) struct FieldAttrs {
    pub(crate) ident: Option<Ident>,
    pub(crate) ty: Type,
    #[darling(default)]
    pub(crate) partition_key: darling::util::Flag,
    #[darling(default)]
    pub(crate) sort_key: darling::util::Flag,
    pub(crate) rename: Option<LitStr>,
    pub(crate) default: Option<DefaultValue>,
    #[darling(default)]
    pub(crate) skip: darling::util::Flag,
    #[darling(default)]
    pub(crate) version: darling::util::Flag,
    #[darling(default)]
    pub(crate) ttl: darling::util::Flag,
    #[darling(default)]
    pub(crate) serde: darling::util::Flag,
    #[darling(default)]
    pub(crate) sensitive: darling::util::Flag,
    #[darling(multiple)]
    pub(crate) gsi: Vec<LitStr>,
    #[darling(multiple)]
    pub(crate) gsi_sort: Vec<LitStr>,
    #[darling(multiple)]
    pub(crate) lsi: Vec<LitStr>,
    /// `generate = "uuid_v7"`: dynox makes the value.
    pub(crate) generate: Option<LitStr>,
    /// `on = "write"`: made on every write, not only the first.
    pub(crate) on: Option<LitStr>,
    /// `compress` (zstd) or `compress = "lz4"`: stored compressed.
    pub(crate) compress: Option<darling::util::Override<LitStr>>,
    /// `write_once`: no write changes a stored value.
    #[darling(default)]
    pub(crate) write_once: darling::util::Flag,
    /// `encrypt(key = "alias/app")`: stored encrypted.
    pub(crate) encrypt: Option<crate::encrypt::EncryptAttrs>,
    /// `s3(bucket = "docs")`: the bytes in S3, the metadata in the item.
    pub(crate) s3: Option<crate::s3::S3Attrs>,
}

impl FieldAttrs {
    /// The options that choose how a field is stored, by name, for the
    /// kinds that exclude one another (`s3` with `encrypt`, ...).
    pub(crate) fn storage_options(&self) -> [(&'static str, bool); 8] {
        [
            ("ttl", self.ttl.is_present()),
            ("version", self.version.is_present()),
            ("skip", self.skip.is_present()),
            ("serde", self.serde.is_present()),
            ("compress", self.compress.is_some()),
            ("encrypt", self.encrypt.is_some()),
            ("s3", self.s3.is_some()),
            ("generate", self.generate.is_some()),
        ]
    }
}

/// `#[dyno(default)]` or `#[dyno(default = "path")]` on a field: what a
/// missing attribute reads as.
#[derive(Clone)]
pub(crate) enum DefaultValue {
    /// `Default::default()`; the span of the word `default`.
    Trait(proc_macro2::Span),
    /// A call of the function at this path (serde's form); its tokens
    /// carry the span of the string they were written in.
    Function(syn::ExprPath),
}

impl DefaultValue {
    pub(crate) fn span(&self) -> proc_macro2::Span {
        match self {
            DefaultValue::Trait(span) => *span,
            DefaultValue::Function(path) => syn::spanned::Spanned::span(path),
        }
    }
}

impl darling::FromMeta for DefaultValue {
    fn from_meta(item: &syn::Meta) -> darling::Result<Self> {
        use syn::spanned::Spanned;
        match item {
            syn::Meta::Path(p) => Ok(DefaultValue::Trait(p.span())),
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(path),
                    ..
                }) => path.parse::<syn::ExprPath>().map(DefaultValue::Function).map_err(|_| {
                    darling::Error::custom(format!(
                        "`default = \"{}\"` is not a path to a function: write e.g. `default = \"active\"` or `default = \"crate::defaults::active\"`",
                        path.value()
                    ))
                    .with_span(path)
                }),
                other => Err(darling::Error::custom(
                    "`default = \"...\"` takes the path of a function in quotes, e.g. `default = \"active\"` with `fn active() -> String`",
                )
                .with_span(other)),
            },
            syn::Meta::List(l) => Err(darling::Error::custom(
                "write `#[dyno(default)]` or `#[dyno(default = \"path::to::function\")]`",
            )
            .with_span(l)),
        }
    }
}

/// `#[dyno(...)]` on a `DynoValue` struct or enum.
#[derive(FromDeriveInput)]
#[darling(attributes(dyno))]
pub(crate) struct ValueAttrs {
    pub(crate) ident: Ident,
    pub(crate) generics: syn::Generics,
    pub(crate) data: darling::ast::Data<VariantAttrs, ValueFieldAttrs>,
    pub(crate) rename_all: Option<LitStr>,
    #[darling(rename = "crate")]
    pub(crate) krate: Option<Path>,
}

/// `#[dyno(...)]` on a field of a `DynoValue` struct.
#[derive(FromField, Clone)]
#[darling(attributes(dyno))]
pub(crate) struct ValueFieldAttrs {
    pub(crate) ident: Option<Ident>,
    pub(crate) ty: Type,
    pub(crate) rename: Option<LitStr>,
    #[darling(default)]
    pub(crate) default: darling::util::Flag,
    #[darling(default)]
    pub(crate) skip: darling::util::Flag,
}

/// `#[dyno(...)]` on a variant of a `DynoValue` enum.
#[derive(FromVariant, Clone)]
#[darling(attributes(dyno))]
pub(crate) struct VariantAttrs {
    pub(crate) ident: Ident,
    pub(crate) fields: darling::ast::Fields<darling::util::Ignored>,
    pub(crate) rename: Option<LitStr>,
}
