//! Names and types as the derive sees them: tokens, not resolved types.

use syn::{Ident, Type};

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
    "verify_table",
    "changes",
    "table_tags",
    "wait_until_active",
    "update_table",
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

/// `tokens` with every token placed at `span`: a type named again where
/// an error about it should point (at an attribute, not the field).
pub(crate) fn respan(
    tokens: proc_macro2::TokenStream,
    span: proc_macro2::Span,
) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .map(|mut t| {
            if let TokenTree::Group(g) = &t {
                let mut group = Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                t = TokenTree::Group(group);
            } else {
                t.set_span(span);
            }
            t
        })
        .collect()
}

/// The type that stands for the keys of templated index `index` of model
/// `model` (`OrderInvertedIndex`): the model's derive makes it, a
/// collection over the index names it.
pub(crate) fn index_keys_name(model: &str, index: &str) -> String {
    format!("{model}{}Index", camel_case(index))
}

/// `by_status` -> `ByStatus`, `gsi-1` -> `Gsi1`: an index name in a type name.
fn camel_case(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}
