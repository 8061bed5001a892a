//! The static table schema and field list.

use crate::model::{Field, Model};
use proc_macro2::TokenStream;
use quote::quote;

fn key_attribute(model: &Model, f: &Field) -> TokenStream {
    let krate = &model.krate;
    let (name, ty) = (&f.attribute, &f.ty);
    // table keys are `KeyValue`; index keys may be optional (sparse indexes)
    let key_trait = if f.is_key() {
        quote! { #krate::__private::KeyValue }
    } else {
        quote! { #krate::__private::IndexKeyValue }
    };
    quote! {
        #krate::__private::KeyAttribute { name: #name, key_type: <#ty as #key_trait>::KEY_TYPE }
    }
}

fn option(v: Option<TokenStream>) -> TokenStream {
    match v {
        Some(v) => quote! { ::core::option::Option::Some(#v) },
        None => quote! { ::core::option::Option::None },
    }
}

/// The projection of index `name`: ALL unless `index(...)` says otherwise.
fn projection(model: &Model, name: &syn::LitStr) -> TokenStream {
    let krate = &model.krate;
    match model
        .index_options
        .iter()
        .find(|o| o.name.value() == name.value())
    {
        Some(o) if o.keys_only.is_present() => {
            quote! { #krate::__private::IndexProjection::KeysOnly }
        }
        Some(o) => match &o.include {
            Some(list) => {
                let attributes: Vec<String> = list
                    .value()
                    .split(',')
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect();
                quote! { #krate::__private::IndexProjection::Include(&[#(#attributes),*]) }
            }
            None => quote! { #krate::__private::IndexProjection::All },
        },
        None => quote! { #krate::__private::IndexProjection::All },
    }
}

fn indexes(model: &Model) -> Vec<TokenStream> {
    let krate = &model.krate;
    let mut out = Vec::new();
    for pk in model.stored() {
        for name in &pk.attrs.gsi {
            let sort = model
                .stored()
                .find(|f| f.attrs.gsi_sort.iter().any(|s| s.value() == name.value()))
                .map(|f| key_attribute(model, f));
            let (partition, sort) = (key_attribute(model, pk), option(sort));
            let projection = projection(model, name);
            out.push(quote! {
                #krate::__private::IndexSchema {
                    name: #name,
                    kind: #krate::__private::IndexKind::Global,
                    partition_key: #partition,
                    sort_key: #sort,
                    projection: #projection,
                }
            });
        }
    }
    if let Some(table_pk) = model.partition_key() {
        for f in model.stored() {
            for name in &f.attrs.lsi {
                let (partition, sort) = (key_attribute(model, table_pk), key_attribute(model, f));
                let projection = projection(model, name);
                out.push(quote! {
                    #krate::__private::IndexSchema {
                        name: #name,
                        kind: #krate::__private::IndexKind::Local,
                        partition_key: #partition,
                        sort_key: ::core::option::Option::Some(#sort),
                        projection: #projection,
                    }
                });
            }
        }
    }
    out
}

/// `const SCHEMA` and `const FIELDS` of the `DynoModel` impl.
pub(crate) fn consts(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let table = model.table.as_ref().map(|t| t.value()).unwrap_or_default();
    let partition = model.partition_key().map(|f| key_attribute(model, f));
    let sort = option(model.sort_key().map(|f| key_attribute(model, f)));
    let indexes = indexes(model);
    let ttl = option(model.ttl().map(|f| {
        let n = &f.attribute;
        quote!(#n)
    }));
    let version = option(model.version().map(|f| {
        let n = &f.attribute;
        quote!(#n)
    }));
    let consistent_read = model.consistent_read;
    let skip_hooks = model.skip_hooks;
    let max_size = option(model.max_size.as_ref().map(|m| quote!(#m)));
    let sensitive = model
        .stored()
        .filter(|f| f.attrs.sensitive.is_present())
        .map(|f| &f.attribute);
    let fields = model.stored().map(|f| {
        let (name, attribute, key) = (f.ident.to_string(), &f.attribute, f.is_key());
        quote! { #krate::__private::FieldInfo { name: #name, attribute: #attribute, key: #key } }
    });
    quote! {
        const SCHEMA: &'static #krate::__private::TableSchema = &#krate::__private::TableSchema {
            table: #table,
            partition_key: #partition,
            sort_key: #sort,
            indexes: &[#(#indexes),*],
            ttl_attribute: #ttl,
            version_attribute: #version,
            consistent_read: #consistent_read,
            max_size: #max_size,
            skip_hooks: #skip_hooks,
            sensitive: &[#(#sensitive),*],
        };
        const FIELDS: &'static [#krate::__private::FieldInfo] = &[#(#fields),*];
    }
}
