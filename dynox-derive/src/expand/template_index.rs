//! What a templated index (`gsi(name = "...", pk = "...", sk = "...")`)
//! adds to a model: its schema entry, the save's rewrite of its keys when
//! their fields change, and a typed handle to query it.

use super::schema::index_schema;
use super::template::render;
use crate::model::Model;
use crate::names::{handle_name, index_keys_name, is_keyword};
use crate::template::Templates;
use crate::template_index::IndexTemplates;
use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

/// The type that stands for an index's keys: `OrderInvertedIndex`.
pub(crate) fn marker_ident(model: &Model, index: &IndexTemplates) -> Ident {
    let name = index_keys_name(&model.ident.to_string(), &index.name.value());
    Ident::new(&name, index.name.span())
}

/// The `IndexSchema` entries of the templated indexes.
pub(crate) fn schemas(model: &Model, t: &Templates) -> Vec<TokenStream> {
    let krate = &model.krate;
    let key = |a: &str| {
        quote! { #krate::__private::KeyAttribute { name: #a, key_type: #krate::__private::KeyType::S } }
    };
    t.indexes
        .iter()
        .map(|index| {
            let partition = [key(&index.partition.attribute)];
            let sort: Vec<TokenStream> = index.sort.iter().map(|s| key(&s.attribute)).collect();
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

/// `DynoModel::__derived`: each index key whose fields changed, rewritten.
pub(crate) fn derived(model: &Model, t: &Templates) -> TokenStream {
    let krate = &model.krate;
    let mut arms = TokenStream::new();
    for template in t.indexes.iter().flat_map(|i| i.written(t)) {
        let sources: Vec<usize> = model
            .stored()
            .enumerate()
            .filter(|(_, f)| template.parts().any(|p| *p == f.ident))
            .map(|(i, _)| i)
            .collect();
        let (name, text) = (
            &template.attribute,
            render(model, template, &|f| quote! { &self.#f }),
        );
        arms.extend(quote! {
            if __dynox_changed.iter().any(|i| [#(#sources),*].contains(i)) {
                __dynox_out.push((#name, #krate::__private::AttributeValue::S(#text)));
            }
        });
    }
    if arms.is_empty() {
        return arms;
    }
    quote! {
        fn __derived(
            &self,
            __dynox_changed: &[usize],
            __dynox_out: &mut ::std::vec::Vec<(&'static str, #krate::__private::AttributeValue)>,
        ) {
            #arms
        }
    }
}

/// The marker types of the indexes and their trait impls (outside the
/// model's impl, so `vis` applies).
pub(crate) fn markers(model: &Model, t: &Templates) -> TokenStream {
    let krate = &model.krate;
    let vis = &model.vis;
    let mut out = TokenStream::new();
    for index in &t.indexes {
        let marker = marker_ident(model, index);
        let doc = format!(
            "The keys of the index `{}` of [`{}`], as a type: the values its queries take.",
            index.name.value(),
            model.ident
        );
        let prefix = index.sort.as_ref().map(|s| s.prefix()).unwrap_or_default();
        let fixed = index
            .sort
            .as_ref()
            .is_some_and(|s| s.parts().next().is_none());
        let shape = index.partition.shape();
        let pk = &index.partition.attribute;
        let sk = match &index.sort {
            Some(s) => {
                let a = &s.attribute;
                quote! { ::core::option::Option::Some(#a) }
            }
            None => quote! { ::core::option::Option::None },
        };
        let tys = index
            .partition
            .parts()
            .filter_map(|f| model.field(f).map(|f| &f.ty));
        out.extend(quote! {
            #[doc = #doc]
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
            #vis struct #marker;

            #[automatically_derived]
            impl #krate::__private::IndexKeys for #marker {
                const SORT_PREFIX: &'static str = #prefix;
                const SORT_FIXED: bool = #fixed;
                const PARTITION_SHAPE: &'static str = #shape;
                const ATTRIBUTES: (&'static str, ::core::option::Option<&'static str>) = (#pk, #sk);
                type Partition = (#(#tys,)*);
            }
        });
    }
    out
}

/// The handle functions: `Order::inverted()`.
pub(crate) fn handles(model: &Model, t: &Templates) -> TokenStream {
    let krate = &model.krate;
    let mut out = TokenStream::new();
    for index in &t.indexes {
        let marker = marker_ident(model, index);
        let name = handle_name(&index.name.value());
        let ident = if is_keyword(&name) {
            Ident::new_raw(&name, index.name.span())
        } else {
            Ident::new(&name, index.name.span())
        };
        let lit = &index.name;
        let doc = format!(
            "The index `{}`, to query by its placeholders.",
            index.name.value()
        );
        out.extend(quote! {
            #[doc = #doc]
            pub fn #ident() -> #krate::__private::TemplateIndex<Self, #marker> {
                #krate::__private::TemplateIndex::__new(#lit)
            }
        });
    }
    out
}

/// `SortTemplate`, `SortPrefix` and `PartitionArgs` for each index marker.
pub(crate) fn value_impls(model: &Model, t: &Templates) -> TokenStream {
    let mut out = TokenStream::new();
    for index in &t.indexes {
        let marker = marker_ident(model, index);
        out.extend(super::template_args::sort_impls_for(
            model,
            index.sort.as_ref(),
            &quote! { #marker },
        ));
        out.extend(super::template_args::partition_impls_for(
            model,
            &index.partition,
            &quote! { #marker },
        ));
    }
    out
}
