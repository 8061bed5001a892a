//! `#[derive(DynoCollection)]`: the `Collection` impl, the result struct
//! with a field per variant, `query` and `create_table`, and the checks
//! that need the models' types, as constants the compiler evaluates.

use crate::collection::Collection;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub(crate) fn collection(input: &syn::DeriveInput) -> TokenStream {
    match Collection::from_input(input) {
        Ok(c) => expand(&c),
        Err(e) => e.write_errors(),
    }
}

/// Compile-time checks of each variant against the first: one table, one
/// partition template and entity type attribute, and distinct entity types.
fn checks(c: &Collection) -> TokenStream {
    let krate = &c.krate;
    let name = c.ident.to_string();
    let Some(first) = c.variants.first() else {
        return TokenStream::new();
    };
    let first_ty = &first.ty;
    let mut out = TokenStream::new();
    for (i, v) in c.variants.iter().enumerate() {
        let ty = &v.ty;
        let span = ty.span();
        // a model without key templates fails here, with the trait's name
        out.extend(quote_spanned! { span=>
            const _: () = { #krate::__private::assert_template_model::<#ty>(); };
        });
        if i == 0 {
            continue;
        }
        let table = format!("the models of the collection `{name}` must be stored in one table");
        let shape = format!("the models of the collection `{name}` must share one partition template (the same text around the same placeholder types)");
        let attribute = format!(
            "the models of the collection `{name}` must store their entity type in one attribute"
        );
        out.extend(quote_spanned! { span=>
            const _: () = {
                ::core::assert!(
                    #krate::__private::same_text(
                        <#first_ty as #krate::__private::DynoModel>::SCHEMA.table,
                        <#ty as #krate::__private::DynoModel>::SCHEMA.table,
                    ),
                    #table
                );
                ::core::assert!(
                    #krate::__private::same_text(
                        <#first_ty as #krate::__private::TemplateModel>::PARTITION_SHAPE,
                        <#ty as #krate::__private::TemplateModel>::PARTITION_SHAPE,
                    ),
                    #shape
                );
                ::core::assert!(
                    #krate::__private::same_text(
                        <#first_ty as #krate::__private::TemplateModel>::ENTITY_ATTRIBUTE,
                        <#ty as #krate::__private::TemplateModel>::ENTITY_ATTRIBUTE,
                    ),
                    #attribute
                );
            };
            const _: fn() = #krate::__private::same_partition::<#first_ty, #ty>;
        });
        if let (Some(first_keys), Some(keys)) = (&first.index_keys, &v.index_keys) {
            let message = format!("the models of the collection `{name}` must declare its index with one partition template and key attributes");
            out.extend(quote_spanned! { span=>
                const _: () = ::core::assert!(
                    #krate::__private::same_text(
                        <#first_keys as #krate::__private::IndexKeys>::PARTITION_SHAPE,
                        <#keys as #krate::__private::IndexKeys>::PARTITION_SHAPE,
                    ) && #krate::__private::same_text(
                        <#first_keys as #krate::__private::IndexKeys>::ATTRIBUTES.0,
                        <#keys as #krate::__private::IndexKeys>::ATTRIBUTES.0,
                    ),
                    #message
                );
                const _: fn() = #krate::__private::same_index_partition::<#first_keys, #keys>;
            });
        }
        for earlier in &c.variants[..i] {
            let other = &earlier.ty;
            let message = format!(
                "the variants `{}` and `{}` of the collection `{name}` have the same entity type: give one `#[dyno(entity = \"...\")]`",
                earlier.ident, v.ident
            );
            out.extend(quote_spanned! { span=>
                const _: () = ::core::assert!(
                    !#krate::__private::same_text(
                        <#other as #krate::__private::TemplateModel>::ENTITY,
                        <#ty as #krate::__private::TemplateModel>::ENTITY,
                    ),
                    #message
                );
            });
        }
    }
    out
}

fn expand(c: &Collection) -> TokenStream {
    let krate = &c.krate;
    let (ident, vis) = (&c.ident, &c.vis);
    let all = format_ident!("{}All", ident);
    let Some(first) = c.variants.first() else {
        return TokenStream::new();
    };
    let first_ty = &first.ty;
    let tys: Vec<_> = c.variants.iter().map(|v| &v.ty).collect();
    let variants: Vec<_> = c.variants.iter().map(|v| &v.ident).collect();
    let fields: Vec<_> = c.variants.iter().map(|v| &v.field).collect();
    let indexes: Vec<usize> = (0..c.variants.len()).collect();
    let field_docs = c.variants.iter().map(|v| {
        let ty = &v.ty;
        format!("The `{}` items (`{}`).", v.ident, quote!(#ty))
    });
    let all_doc = format!("The items of one `{ident}` partition, gathered by entity type.");
    let query_doc = format!(
        "Queries one partition for the items of every entity type of `{ident}` (one Query, paged as it is read)."
    );
    let checks = checks(c);
    // an index key need not be unique: every model gathers in a `Vec` there
    let slots: Vec<TokenStream> = tys
        .iter()
        .map(|ty| match &c.index {
            Some(_) => quote! { ::std::vec::Vec<#ty> },
            None => quote! { <#ty as #krate::__private::TemplateModel>::Slot },
        })
        .collect();
    // what the query reads by: the table's keys, or the index's
    let (partition_keys, sort_prefixes, index) = match (&c.index, &first.index_keys) {
        (Some(name), Some(first_keys)) => {
            let keys: Vec<_> = c
                .variants
                .iter()
                .filter_map(|v| v.index_keys.as_ref())
                .collect();
            (
                quote! { #first_keys },
                quote! { #(<#keys as #krate::__private::IndexKeys>::SORT_PREFIX),* },
                quote! {
                    const INDEX: ::core::option::Option<(&'static str, &'static str, ::core::option::Option<&'static str>)> =
                        ::core::option::Option::Some((
                            #name,
                            <#first_keys as #krate::__private::IndexKeys>::ATTRIBUTES.0,
                            <#first_keys as #krate::__private::IndexKeys>::ATTRIBUTES.1,
                        ));
                },
            )
        }
        _ => (
            quote! { <#first_ty as #krate::__private::DynoModel>::Key },
            quote! { #(<#tys as #krate::__private::TemplateModel>::SORT_PREFIX),* },
            TokenStream::new(),
        ),
    };
    let create = (c.variants.len() <= 12).then(|| {
        quote! {
            /// Creates the table of the collection's models, with every
            /// index they declare, unless it exists.
            pub async fn create_table(db: &#krate::__private::Dynox) -> #krate::__private::Result<()> {
                db.create_tables::<(#(#tys,)*)>().await
            }
        }
    });
    quote! {
        #[doc = #all_doc]
        #[derive(::core::fmt::Debug, ::core::default::Default)]
        #vis struct #all {
            #(
                #[doc = #field_docs]
                pub #fields: #slots,
            )*
            __dynox_unknown: u64,
        }

        #[doc(hidden)]
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            #checks

            #[automatically_derived]
            impl #all {
                /// How many items of entity types the collection does not
                /// name were skipped.
                pub fn unknown(&self) -> u64 {
                    self.__dynox_unknown
                }
            }

            #[automatically_derived]
            impl #ident {
                #[doc = #query_doc]
                pub fn query(
                    db: &#krate::__private::Dynox,
                    partition: impl #krate::__private::PartitionArgs<#partition_keys>,
                ) -> #krate::__private::CollectionQuery<'_, Self> {
                    let mut __dynox_key = #krate::__private::key_text();
                    #krate::__private::PartitionArgs::write_partition(partition, &mut __dynox_key);
                    #krate::__private::CollectionQuery::__new(db, __dynox_key)
                }

                #create
            }

            #[automatically_derived]
            impl #krate::__private::Collection for #ident {
                type First = #first_ty;
                type All = #all;
                const ENTITIES: &'static [&'static str] =
                    &[#(<#tys as #krate::__private::TemplateModel>::ENTITY),*];
                const SCHEMAS: &'static [&'static #krate::__private::TableSchema] =
                    &[#(<#tys as #krate::__private::DynoModel>::SCHEMA),*];

                #index

                fn sort_prefix() -> ::std::string::String {
                    #krate::__private::common_prefix(&[#sort_prefixes])
                }

                fn decode(item: #krate::__private::Item) -> #krate::__private::Result<#krate::__private::Entry<Self>> {
                    let __dynox_which = match #krate::__private::entity_of(
                        &item,
                        <#first_ty as #krate::__private::TemplateModel>::ENTITY_ATTRIBUTE,
                    ) {
                        #(
                            ::core::option::Option::Some(__dynox_e)
                                if __dynox_e == <#tys as #krate::__private::TemplateModel>::ENTITY => #indexes,
                        )*
                        __dynox_other => {
                            return ::core::result::Result::Ok(#krate::__private::Entry::Unknown(
                                __dynox_other.map(::std::borrow::ToOwned::to_owned),
                            ));
                        }
                    };
                    match __dynox_which {
                        #(
                            #indexes => #krate::__private::decode::<#tys>(item)
                                .map(|v| #krate::__private::Entry::Known(#ident::#variants(v))),
                        )*
                        _ => ::core::unreachable!(),
                    }
                }

                fn gather(all: &mut #all, value: Self) {
                    match value {
                        #( #ident::#variants(v) => #krate::__private::Slot::put(&mut all.#fields, v), )*
                    }
                }

                fn count_unknown(all: &mut #all) {
                    all.__dynox_unknown += 1;
                }
            }
        };
    }
}
