//! The traits a templated model implements for the values of its
//! placeholders: `SortPrefix` (leading sort values, for sort conditions),
//! `PartitionArgs` (the partition's values, for collections), and
//! `TemplateModel` (what a collection checks and gathers by).

use super::template::{steps, write};
use crate::model::Model;
use crate::names::is_string;
use crate::template::{Template, Templates};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

/// `impl #trait_ for` the values of the first `k` placeholders of
/// `template` (the value itself when one, a tuple otherwise), with
/// `method` around the statements that write their key text.
fn impls_for_values(
    model: &Model,
    template: &Template,
    k: usize,
    trait_: &TokenStream,
    method: impl Fn(TokenStream) -> TokenStream,
) -> TokenStream {
    let krate = &model.krate;
    let parts: Vec<&Ident> = template.parts().collect();
    let complete = k == parts.len();
    let tys: Vec<&syn::Type> = parts[..k]
        .iter()
        .filter_map(|f| model.field(f).map(|f| &f.ty))
        .collect();
    let steps = steps(template, if complete { usize::MAX } else { k });
    let body = |value: &dyn Fn(usize) -> TokenStream| method(write(model, &steps, |i, _| value(i)));
    match k {
        0 => {
            let body = body(&|_| quote! {});
            quote! {
                #[automatically_derived]
                impl #trait_ for () { #body }
            }
        }
        1 => {
            let ty = tys[0];
            let own = body(&|_| quote! { &self });
            let mut out = quote! {
                #[automatically_derived]
                impl #trait_ for #ty { #own }
            };
            if is_string(ty) {
                let text = body(&|_| quote! { &::std::borrow::ToOwned::to_owned(self) });
                out.extend(quote! {
                    #[automatically_derived]
                    impl #trait_ for &str { #text }
                    #[automatically_derived]
                    impl #trait_ for &::std::string::String { #text }
                });
            }
            out
        }
        _ => {
            let args: Vec<Ident> = (0..k).map(|i| format_ident!("__DynoxA{}", i)).collect();
            let body = body(&|i| {
                let index = syn::Index::from(i);
                let ty = tys[i];
                quote! { &<_ as #krate::__private::KeyArg<#ty>>::into_key_part(self.#index) }
            });
            quote! {
                #[automatically_derived]
                impl<#(#args: #krate::__private::KeyArg<#tys>),*> #trait_ for (#(#args,)*) { #body }
            }
        }
    }
}

/// `SortTemplate` for the key type, and `SortPrefix` for the leading
/// values of the sort template's placeholders.
pub(crate) fn sort_impls(model: &Model, t: &Templates) -> TokenStream {
    let key = model.key_ident();
    sort_impls_for(model, t.sort.as_ref(), &quote! { #key })
}

/// `SortTemplate` for `key` (a key type, or an index's marker), and
/// `SortPrefix` for the leading values of `sort`'s placeholders.
pub(crate) fn sort_impls_for(
    model: &Model,
    sort: Option<&Template>,
    key: &TokenStream,
) -> TokenStream {
    let krate = &model.krate;
    let Some(sort) = sort else {
        return TokenStream::new();
    };
    let prefix = sort.prefix();
    let n = sort.parts().count();
    let fixed = n == 0;
    let mut out = quote! {
        #[automatically_derived]
        impl #krate::__private::SortTemplate for #key {
            const SORT_PREFIX: &'static str = #prefix;
            const SORT_FIXED: bool = #fixed;
        }
    };
    let trait_ = quote! { #krate::__private::SortPrefix<#key> };
    for k in 1..=n {
        let complete = k == n;
        out.extend(impls_for_values(model, sort, k, &trait_, |statements| {
            quote! {
                fn write_sort_prefix(self, __dynox_key: &mut ::std::string::String) -> bool {
                    #statements
                    #complete
                }
            }
        }));
    }
    out
}

/// `PartitionArgs<key>` for the values of `partition`'s placeholders.
pub(crate) fn partition_impls_for(
    model: &Model,
    partition: &Template,
    key: &TokenStream,
) -> TokenStream {
    let krate = &model.krate;
    let n = partition.parts().count();
    let trait_ = quote! { #krate::__private::PartitionArgs<#key> };
    impls_for_values(model, partition, n, &trait_, |statements| {
        quote! {
            fn write_partition(self, __dynox_key: &mut ::std::string::String) {
                #statements
            }
        }
    })
}

/// `TemplateModel` for the model, and `PartitionArgs` for the values of
/// its partition template.
pub(crate) fn template_model_impl(model: &Model, t: &Templates) -> TokenStream {
    let krate = &model.krate;
    let (ident, key) = (&model.ident, model.key_ident());
    let (entity, attribute) = (&t.entity, &t.entity_attribute);
    let shape = t.partition.shape();
    let sort_prefix = t.sort.as_ref().map(|s| s.prefix()).unwrap_or_default();
    let tys = t
        .partition
        .parts()
        .filter_map(|f| model.field(f).map(|f| &f.ty));
    // one item per partition when the sort key has nothing to vary
    let unique = t.sort.as_ref().is_none_or(|s| s.parts().next().is_none());
    let slot = if unique {
        quote! { ::core::option::Option<Self> }
    } else {
        quote! { ::std::vec::Vec<Self> }
    };
    let args = partition_impls_for(model, &t.partition, &quote! { #key });
    quote! {
        #[automatically_derived]
        impl #krate::__private::TemplateModel for #ident {
            const ENTITY: &'static str = #entity;
            const ENTITY_ATTRIBUTE: &'static str = #attribute;
            const PARTITION_SHAPE: &'static str = #shape;
            const SORT_PREFIX: &'static str = #sort_prefix;
            type Partition = (#(#tys,)*);
            type Slot = #slot;
        }
        #args
    }
}
