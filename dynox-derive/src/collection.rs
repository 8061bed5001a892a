//! `#[derive(DynoCollection)]`: an enum of models that share a partition,
//! read as the variant that each item's entity type names. Parsed and
//! checked here; what can only be checked with the models' types (same
//! table, same partition template, distinct entity types) is checked by
//! the compiler on the generated code (`expand/collection.rs`).

use crate::names::{index_keys_name, unraw};
use darling::{FromDeriveInput, FromField, FromVariant};
use syn::{Ident, LitStr, Path, Type, Visibility};

#[derive(FromDeriveInput)]
#[darling(attributes(dyno), supports(enum_newtype))]
struct CollectionAttrs {
    ident: Ident,
    vis: Visibility,
    generics: syn::Generics,
    data: darling::ast::Data<VariantAttrs, darling::util::Ignored>,
    #[darling(rename = "crate")]
    krate: Option<Path>,
    /// `index = "inverted"`: the collection is read from this templated
    /// index of its models, not the table.
    index: Option<LitStr>,
}

#[derive(FromVariant)]
#[darling(attributes(dyno))]
struct VariantAttrs {
    ident: Ident,
    fields: darling::ast::Fields<VariantField>,
    /// The result struct's field for the variant (its name in snake case).
    rename: Option<LitStr>,
}

#[derive(FromField)]
struct VariantField {
    ty: Type,
}

/// A checked collection.
pub(crate) struct Collection {
    pub(crate) ident: Ident,
    pub(crate) vis: Visibility,
    pub(crate) krate: Path,
    pub(crate) variants: Vec<Variant>,
    /// The templated index it reads, if not the table.
    pub(crate) index: Option<LitStr>,
}

pub(crate) struct Variant {
    pub(crate) ident: Ident,
    /// The model it holds.
    pub(crate) ty: Type,
    /// The result struct's field.
    pub(crate) field: Ident,
    /// With an index: the type of its keys in the model (`OrderInvertedIndex`).
    pub(crate) index_keys: Option<Type>,
}

/// `OrderLines` -> `order_lines`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The type of the keys of `index` in the model `ty`: the path of the
/// model with its last name `{Model}{Index in camel case}Index`, as the
/// model's derive names it.
fn index_keys(ty: &Type, index: &str) -> Option<Type> {
    let Type::Path(p) = ty else { return None };
    let mut path = p.clone();
    let last = path.path.segments.last_mut()?;
    let name = index_keys_name(&last.ident.to_string(), index);
    last.ident = syn::Ident::new(&name, last.ident.span());
    Some(Type::Path(path))
}

impl Collection {
    pub(crate) fn from_input(input: &syn::DeriveInput) -> darling::Result<Self> {
        let attrs = CollectionAttrs::from_derive_input(input)?;
        let mut errors = darling::Error::accumulator();
        if !attrs.generics.params.is_empty() {
            errors.push(
                darling::Error::custom("`DynoCollection` cannot be derived for a generic enum")
                    .with_span(&attrs.generics),
            );
        }
        let variants: Vec<VariantAttrs> = attrs.data.take_enum().unwrap_or_default();
        if variants.is_empty() {
            errors.push(
                darling::Error::custom(
                    "a collection needs a variant for each model, e.g. `Orders(Order)`",
                )
                .with_span(&attrs.ident),
            );
        }
        let mut resolved: Vec<Variant> = Vec::new();
        for v in variants {
            let Some(field) = v.fields.fields.into_iter().next() else {
                continue;
            };
            let name = v
                .rename
                .as_ref()
                .map_or_else(|| snake_case(&unraw(&v.ident)), |r| r.value());
            let ident = match syn::parse_str::<Ident>(&name) {
                Ok(ident) => ident,
                Err(_) => {
                    errors.push(
                        darling::Error::custom(format!(
                            "`{name}` is not a field name the result struct can have: add `#[dyno(rename = \"...\")]`"
                        ))
                        .with_span(&v.ident),
                    );
                    continue;
                }
            };
            if let Some(first) = resolved.iter().find(|r| r.field == ident) {
                errors.push(
                    darling::Error::custom(format!(
                        "the variants `{}` and `{}` would both be the result's field `{name}`: rename one (`#[dyno(rename = \"...\")]`)",
                        first.ident, v.ident
                    ))
                    .with_span(&v.ident),
                );
                continue;
            }
            let index_keys = match &attrs.index {
                None => None,
                Some(index) => match index_keys(&field.ty, &index.value()) {
                    Some(t) => Some(t),
                    None => {
                        errors.push(
                            darling::Error::custom("a collection over an index names each model by its type's path, e.g. `Orders(Order)`")
                                .with_span(&field.ty),
                        );
                        continue;
                    }
                },
            };
            resolved.push(Variant {
                ident: v.ident,
                ty: field.ty,
                field: ident,
                index_keys,
            });
        }
        errors.finish()?;
        Ok(Collection {
            ident: attrs.ident,
            vis: attrs.vis,
            krate: attrs
                .krate
                .unwrap_or_else(|| syn::parse_quote!(::dynox_core)),
            variants: resolved,
            index: attrs.index,
        })
    }
}
