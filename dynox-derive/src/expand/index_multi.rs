//! What a multi-attribute index adds to a model: its schema entry and a
//! typed handle (`Model::by_place()`), whose query takes a tuple of the
//! partition attributes' values.

use super::schema::key_attribute;
use crate::model::{Model, Projection};
use crate::names::{handle_name, is_keyword, without_option};
use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

fn projection(model: &Model, p: &Projection) -> TokenStream {
    let krate = &model.krate;
    match p {
        Projection::All => quote! { #krate::__private::IndexProjection::All },
        Projection::KeysOnly => quote! { #krate::__private::IndexProjection::KeysOnly },
        Projection::Include(a) => {
            quote! { #krate::__private::IndexProjection::Include(&[#(#a),*]) }
        }
    }
}

/// The `IndexSchema` entries.
pub(crate) fn schemas(model: &Model) -> Vec<TokenStream> {
    let krate = &model.krate;
    model
        .multi_indexes
        .iter()
        .map(|index| {
            let name = &index.name;
            let keys = |idents: &[Ident]| -> Vec<TokenStream> {
                idents
                    .iter()
                    .filter_map(|i| model.field(i))
                    .map(|f| key_attribute(model, f))
                    .collect()
            };
            let partition = keys(&index.partition);
            let sort = keys(&index.sort);
            let first_partition = partition.first().cloned().unwrap_or_default();
            let more_partition = partition.iter().skip(1);
            let first_sort = match sort.first() {
                Some(k) => quote! { ::core::option::Option::Some(#k) },
                None => quote! { ::core::option::Option::None },
            };
            let more_sort = sort.iter().skip(1);
            let projection = projection(model, &index.projection);
            quote! {
                #krate::__private::IndexSchema {
                    name: #name,
                    kind: #krate::__private::IndexKind::Global,
                    partition_key: #first_partition,
                    sort_key: #first_sort,
                    more_partition_keys: &[#(#more_partition),*],
                    more_sort_keys: &[#(#more_sort),*],
                    projection: #projection,
                }
            }
        })
        .collect()
}

/// The handle functions.
pub(crate) fn handles(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let mut out = TokenStream::new();
    for index in &model.multi_indexes {
        let name = handle_name(&index.name.value());
        let ident = if is_keyword(&name) {
            Ident::new_raw(&name, index.name.span())
        } else {
            Ident::new(&name, index.name.span())
        };
        let fields = |idents: &[Ident]| -> (Vec<String>, Vec<syn::Type>) {
            idents
                .iter()
                .filter_map(|i| model.field(i))
                .map(|f| (f.attribute.clone(), without_option(&f.ty).clone()))
                .unzip()
        };
        let (partition_names, partition_tys) = fields(&index.partition);
        let (sort_names, sort_tys) = fields(&index.sort);
        let lit = &index.name;
        let doc = format!(
            "The index `{}`, keyed by {} and sorted by {}: queries take a tuple of the partition attributes' values.",
            index.name.value(),
            partition_names.join(", "),
            if sort_names.is_empty() { "nothing".to_owned() } else { sort_names.join(", ") }
        );
        out.extend(quote! {
            #[doc = #doc]
            pub fn #ident() -> #krate::__private::MultiIndex<Self, (#(#partition_tys,)*), (#(#sort_tys,)*)> {
                #krate::__private::MultiIndex::__new(#lit, &[#(#partition_names),*], &[#(#sort_names),*])
            }
        });
    }
    out
}
