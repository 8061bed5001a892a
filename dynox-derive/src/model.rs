//! The checked model: what the attributes mean, with the tokens kept for spans.

use crate::attr::{FieldAttrs, IndexAttrs, ModelAttrs};
use proc_macro2::Span;
use syn::{Ident, LitStr, Path, Type, Visibility};

pub(crate) struct Model {
    pub(crate) ident: Ident,
    pub(crate) vis: Visibility,
    pub(crate) krate: Path,
    pub(crate) table: Option<LitStr>,
    pub(crate) consistent_read: bool,
    pub(crate) max_size: Option<syn::LitInt>,
    pub(crate) skip_hooks: bool,
    pub(crate) hooks: bool,
    pub(crate) generics: syn::Generics,
    pub(crate) fields: Vec<Field>,
    /// A struct with named fields (the only shape a model can have).
    pub(crate) named_struct: bool,
    /// Projection options of secondary indexes.
    pub(crate) index_options: Vec<IndexAttrs>,
}

pub(crate) struct Field {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    /// The stored attribute name.
    pub(crate) attribute: String,
    /// How the field is stored, resolved once from its attributes.
    pub(crate) kind: FieldKind,
    pub(crate) attrs: FieldAttrs,
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
}

impl FieldKind {
    /// The runtime trait of the kind.
    pub(crate) fn trait_name(self) -> &'static str {
        match self {
            FieldKind::Plain => "PlainField",
            FieldKind::Serde => "SerdeField",
            FieldKind::Ttl => "TtlField",
        }
    }

    fn of(attrs: &FieldAttrs) -> Self {
        // `serde` with `ttl` is refused by validation; TTL wins meanwhile
        if attrs.ttl.is_present() {
            FieldKind::Ttl
        } else if attrs.serde.is_present() {
            FieldKind::Serde
        } else {
            FieldKind::Plain
        }
    }
}

impl Field {
    pub(crate) fn is_partition_key(&self) -> bool {
        self.attrs.partition_key.is_present()
    }
    pub(crate) fn is_sort_key(&self) -> bool {
        self.attrs.sort_key.is_present()
    }
    pub(crate) fn is_key(&self) -> bool {
        self.is_partition_key() || self.is_sort_key()
    }
    pub(crate) fn is_skipped(&self) -> bool {
        self.attrs.skip.is_present()
    }
    /// The constant that holds the field's operations (`put`, `take`,
    /// `copy`, `differs`, ...); see `expand::field_ops`.
    pub(crate) fn ops(&self) -> Ident {
        Ident::new(
            &format!("__DYNOX_OPS_{}", unraw(&self.ident)),
            self.ident.span(),
        )
    }
    pub(crate) fn has_default(&self) -> bool {
        self.attrs.default.is_some()
    }
    /// The span of `default`, or of the field when it has none.
    pub(crate) fn default_span(&self) -> Span {
        self.attrs
            .default
            .as_ref()
            .map_or(self.ident.span(), |d| d.span())
    }
    /// The attribute constant's name: the field name in upper case.
    pub(crate) fn constant(&self) -> Ident {
        Ident::new(&unraw(&self.ident).to_uppercase(), self.ident.span())
    }
    /// The span of the `rename` value, or of the field name.
    pub(crate) fn name_span(&self) -> Span {
        self.attrs
            .rename
            .as_ref()
            .map_or(self.ident.span(), |r| r.span())
    }
}

/// An identifier's name without its raw prefix (`r#type` -> `type`): the
/// name an attribute or constant takes from it.
pub(crate) fn unraw(ident: &Ident) -> String {
    let name = ident.to_string();
    match name.strip_prefix("r#") {
        Some(bare) => bare.to_owned(),
        None => name,
    }
}

/// Whether a type is written as `Option<..>` (the derive sees tokens, not types).
pub(crate) fn is_option(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|s| s == "Option")
}

/// `T` of a type written `Option<T>`, else the type itself: an index key
/// field may be optional (sparse index), but its key values are not.
pub(crate) fn without_option(ty: &Type) -> &Type {
    if let Type::Path(p) = ty {
        if let Some(last) = p.path.segments.last() {
            if last.ident == "Option" {
                if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                    if let Some(syn::GenericArgument::Type(inner)) = args.args.first() {
                        return inner;
                    }
                }
            }
        }
    }
    ty
}

/// The Rust function name of an index handle (`gsi-1` -> `gsi_1`); a Rust
/// keyword becomes a raw identifier (`r#type`).
pub(crate) fn handle_name(index: &str) -> String {
    let mut name: String = index
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("index_{name}");
    }
    name
}

/// Whether `name` is usable as a function name only as a raw identifier.
pub(crate) fn is_keyword(name: &str) -> bool {
    syn::parse_str::<Ident>(name).is_err()
}

/// Names that no raw identifier can take.
pub(crate) const NOT_RAW: &[&str] = &["self", "super", "crate", "_"];

/// Functions the derive or dynox's traits already give a model: an index
/// handle of the same name would hide them.
pub(crate) const TAKEN_NAMES: &[&str] = &[
    "get",
    "query",
    "key",
    "delete_by_key",
    "update_by_key",
    "save",
    "delete",
    "update",
    "create_table",
    "delete_table",
    "describe_table",
    "batch_get",
    "scan",
    "table_exists",
    "item_size",
    "estimated_wcu",
    "estimated_rcu",
    "metrics",
    "reset_metrics",
    "to_item",
    "from_item",
    "snapshot",
    "changed",
    "field_value",
    "version",
    "set_version",
];

/// Whether a type is written `Option<Option<..>>`.
pub(crate) fn is_nested_option(ty: &Type) -> bool {
    is_option(ty) && is_option(without_option(ty)) && without_option(ty) != ty
}

/// Whether a type is written as `String`.
pub(crate) fn is_string(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|s| s == "String")
}

fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Group(g) => last_segment(&g.elem),
        _ => None,
    }
}

impl Model {
    /// The model of a parsed struct; `None` fields when it is not a struct
    /// with named fields (darling already reported that).
    pub(crate) fn from_attrs(attrs: ModelAttrs) -> Self {
        let named_struct = matches!(&attrs.data, darling::ast::Data::Struct(f) if f.style == darling::ast::Style::Struct);
        let fields = attrs
            .data
            .take_struct()
            .map(|f| f.fields)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| {
                let ident = a.ident.clone()?;
                let attribute = a
                    .rename
                    .as_ref()
                    .map_or_else(|| unraw(&ident), |r| r.value());
                Some(Field {
                    ident,
                    ty: a.ty.clone(),
                    attribute,
                    kind: FieldKind::of(&a),
                    attrs: a,
                })
            })
            .collect();
        Model {
            ident: attrs.ident,
            vis: attrs.vis,
            krate: attrs
                .krate
                .unwrap_or_else(|| syn::parse_quote!(::dynox_core)),
            table: attrs.table,
            consistent_read: attrs.consistent_read,
            max_size: attrs.max_size,
            skip_hooks: attrs.skip_hooks,
            hooks: attrs.hooks,
            generics: attrs.generics,
            fields,
            named_struct,
            index_options: attrs.index_options,
        }
    }

    /// Stored fields (not skipped), in declaration order.
    pub(crate) fn stored(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| !f.is_skipped())
    }

    pub(crate) fn partition_key(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.is_partition_key())
    }

    pub(crate) fn sort_key(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.is_sort_key())
    }

    /// The key fields: partition key, then sort key.
    pub(crate) fn keys(&self) -> Vec<&Field> {
        self.partition_key()
            .into_iter()
            .chain(self.sort_key())
            .collect()
    }

    pub(crate) fn key_ident(&self) -> Ident {
        Ident::new(&format!("{}Key", self.ident), self.ident.span())
    }

    pub(crate) fn version(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.attrs.version.is_present())
    }

    /// The names of the secondary indexes the fields declare.
    pub(crate) fn index_names(&self) -> Vec<String> {
        self.stored()
            .flat_map(|f| f.attrs.gsi.iter().chain(&f.attrs.lsi))
            .map(|n| n.value())
            .collect()
    }

    pub(crate) fn ttl(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.attrs.ttl.is_present())
    }
}

/// A secondary index, worked out once from the fields' `gsi`, `gsi_sort`
/// and `lsi` and the model's `index(...)` options.
pub(crate) struct IndexDef<'a> {
    pub(crate) name: &'a LitStr,
    /// A local index shares the table's partition key.
    pub(crate) local: bool,
    pub(crate) partition: &'a Field,
    pub(crate) sort: Option<&'a Field>,
    pub(crate) projection: Projection,
}

/// Which attributes an index copies.
pub(crate) enum Projection {
    All,
    KeysOnly,
    Include(Vec<String>),
}

impl Model {
    /// The secondary indexes: global ones in field order, then local ones.
    pub(crate) fn indexes(&self) -> Vec<IndexDef<'_>> {
        let mut out = Vec::new();
        for pk in self.stored() {
            for name in &pk.attrs.gsi {
                let sort = self
                    .stored()
                    .find(|f| f.attrs.gsi_sort.iter().any(|s| s.value() == name.value()));
                out.push(IndexDef {
                    name,
                    local: false,
                    partition: pk,
                    sort,
                    projection: self.projection(name),
                });
            }
        }
        if let Some(table_pk) = self.partition_key() {
            for f in self.stored() {
                for name in &f.attrs.lsi {
                    out.push(IndexDef {
                        name,
                        local: true,
                        partition: table_pk,
                        sort: Some(f),
                        projection: self.projection(name),
                    });
                }
            }
        }
        out
    }

    /// The projection of index `name`: ALL unless `index(...)` says otherwise.
    fn projection(&self, name: &LitStr) -> Projection {
        match self
            .index_options
            .iter()
            .find(|o| o.name.value() == name.value())
        {
            Some(o) if o.keys_only.is_present() => Projection::KeysOnly,
            Some(IndexAttrs {
                include: Some(list),
                ..
            }) => Projection::Include(
                list.value()
                    .split(',')
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect(),
            ),
            _ => Projection::All,
        }
    }
}
