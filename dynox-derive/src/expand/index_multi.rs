//! What a multi-attribute index adds to a model: its schema entry and a
//! typed handle (`Model::by_place()`), whose query takes a tuple of the
//! partition attributes' values.

use super::schema::{index_schema, key_attribute};
use crate::model::Model;
use crate::names::{handle_name, is_keyword, without_option};
use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

/// The `IndexSchema` entries.
pub(crate) fn schemas(model: &Model) -> Vec<TokenStream> {
    model
        .multi_indexes
        .iter()
        .map(|index| {
            let keys = |idents: &[Ident]| -> Vec<TokenStream> {
                idents
                    .iter()
                    .filter_map(|i| model.field(i))
                    .map(|f| key_attribute(model, f))
                    .collect()
            };
            let (partition, sort) = (keys(&index.partition), keys(&index.sort));
            index_schema(
                model,
                &index.name,
                false,
                &partition,
                &sort,
                &index.projection,
            )
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
