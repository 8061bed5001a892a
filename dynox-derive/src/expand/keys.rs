//! The typed key struct and the entry points that take typed key arguments.

use crate::field::Field;
use crate::model::Model;
use crate::names::{handle_name, is_keyword, is_string, without_option};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(crate) fn key_struct(model: &Model) -> TokenStream {
    let vis = &model.vis;
    let key = model.key_ident();
    let doc = format!("The primary key of [`{}`].", model.ident);
    let fields = model.keys().into_iter().map(|f| {
        let (ident, ty) = (&f.ident, &f.ty);
        let doc = if f.is_key_part() {
            format!(
                "A placeholder of the key templates, stored as `{}`.",
                f.attribute
            )
        } else if f.is_partition_key() {
            format!("The partition key, stored as `{}`.", f.attribute)
        } else {
            format!("The sort key, stored as `{}`.", f.attribute)
        };
        quote! { #[doc = #doc] pub #ident: #ty }
    });
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        #vis struct #key { #(#fields,)* }
    }
}

pub(crate) fn key_impl(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let key = model.key_ident();
    let ident = &model.ident;
    let keys = model.keys();
    let n = keys.len();
    let puts = match &model.templates {
        Some(t) => super::template::put_keys(model, t, false, |f| quote! { &self.#f }),
        None => keys
            .iter()
            .map(|f| {
                let (ident, name) = (&f.ident, &f.attribute);
                quote! { #krate::__private::put_attr(&mut __dynox_item, #name, &self.#ident); }
            })
            .collect(),
    };
    quote! {
        #[automatically_derived]
        impl #krate::__private::ModelKey for #key {
            type Model = #ident;
            fn to_key_item(&self) -> #krate::__private::Item {
                let mut __dynox_item = #krate::__private::new_item(#n);
                #puts
                __dynox_item
            }
        }
    }
}

/// A key argument and its value: any text (`KeyText`) for strings, the
/// field's type otherwise.
pub(crate) fn param(krate: &syn::Path, f: &Field) -> (TokenStream, TokenStream) {
    let ident = &f.ident;
    let ty = &f.ty;
    if is_string(ty) {
        (
            quote! { #ident: impl #krate::__private::KeyText },
            quote! { #krate::__private::KeyText::into_key_string(#ident) },
        )
    } else {
        (quote! { #ident: #ty }, quote! { #ident })
    }
}

pub(crate) fn entry_points(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let key = model.key_ident();
    let keys = model.keys();
    let (params, inits): (Vec<_>, Vec<_>) = keys
        .iter()
        .map(|f| {
            let (param, value) = param(krate, f);
            let ident = &f.ident;
            (param, quote! { #ident: #value })
        })
        .unzip();
    let key_fields = keys.iter().map(|f| &f.ident);
    let names: Vec<String> = keys.iter().map(|f| format!("`{}`", f.ident)).collect();
    let names = names.join(" and ");
    let get_doc = format!("Reads the item with key {names} (GetItem); `None` when there is none.");
    let delete_doc = format!("Deletes the item with key {names} in one request, without hooks.");
    let update_doc = format!("Updates the item with key {names} in one request, without hooks.");

    // `db` reads best in the docs, unless a key field already has that name
    let db = if keys.iter().any(|f| f.ident == "db") {
        format_ident!("__dynox_db")
    } else {
        format_ident!("db")
    };
    let query = match &model.templates {
        Some(t) => super::template::query_entry(model, t, &db),
        None => query_entry(model, &db),
    };
    let mut indexes = index_handles(model);
    if let Some(t) = &model.templates {
        indexes.push(super::template_index::handles(model, t));
    }
    indexes.push(super::index_multi::handles(model));
    quote! {
        /// This value's primary key.
        pub fn key(&self) -> #key {
            #key { #(#key_fields: ::core::clone::Clone::clone(&self.#key_fields),)* }
        }

        #[doc = #get_doc]
        pub fn get(#db: &#krate::__private::Dynox, #(#params),*) -> #krate::__private::Get<'_, Self> {
            #krate::__private::get::<Self>(#db, #key { #(#inits,)* })
        }

        #[doc = #delete_doc]
        pub fn delete_by_key(#db: &#krate::__private::Dynox, #(#params),*) -> #krate::__private::DeleteByKey<'_, Self> {
            #krate::__private::delete_by_key::<Self>(#db, #key { #(#inits,)* })
        }

        #[doc = #update_doc]
        pub fn update_by_key(#db: &#krate::__private::Dynox, #(#params),*) -> #krate::__private::UpdateByKey<'_, Self> {
            #krate::__private::update_by_key::<Self>(#db, #key { #(#inits,)* })
        }

        #query
        #(#indexes)*
    }
}

/// The type of an optional key field as a type argument: `()` when absent.
fn key_type(f: Option<&Field>) -> TokenStream {
    match f {
        Some(f) => {
            let ty = without_option(&f.ty);
            quote! { #ty }
        }
        None => quote! { () },
    }
}

fn query_entry(model: &Model, db: &syn::Ident) -> TokenStream {
    let krate = &model.krate;
    let Some(pk) = model.partition_key() else {
        return TokenStream::new();
    };
    let (pk_ident, pk_ty, pk_name) = (&pk.ident, &pk.ty, &pk.attribute);
    let sk_ty = key_type(model.sort_key());
    let sk_name = match model.sort_key() {
        Some(f) => {
            let n = &f.attribute;
            quote! { ::core::option::Option::Some(#n) }
        }
        None => quote! { ::core::option::Option::None },
    };
    let doc = format!(
        "Queries the items whose partition key `{}` is `{pk_ident}` (Query), in sort-key order.",
        pk.attribute
    );
    quote! {
        #[doc = #doc]
        pub fn query<__DynoxPk: #krate::__private::FieldValue<#pk_ty>>(
            #db: &#krate::__private::Dynox,
            #pk_ident: __DynoxPk,
        ) -> #krate::__private::Query<'_, Self, #sk_ty> {
            #krate::__private::query::<Self, #sk_ty>(
                #db,
                ::core::option::Option::None,
                #pk_name,
                #krate::__private::FieldValue::into_attribute_value(#pk_ident),
                #sk_name,
            )
        }
    }
}

/// The handle's identifier; validation refused the names none can take.
fn handle_ident(index: &str, span: proc_macro2::Span) -> syn::Ident {
    let name = handle_name(index);
    if is_keyword(&name) {
        syn::Ident::new_raw(&name, span)
    } else {
        syn::Ident::new(&name, span)
    }
}

fn index_handles(model: &Model) -> Vec<TokenStream> {
    model
        .indexes()
        .into_iter()
        .map(|index| handle(&model.krate, index.name, index.partition, index.sort))
        .collect()
}

fn handle(krate: &syn::Path, name: &syn::LitStr, pk: &Field, sort: Option<&Field>) -> TokenStream {
    let ident = handle_ident(&name.value(), name.span());
    let (pk_ty, pk_name) = (without_option(&pk.ty), &pk.attribute);
    let sk_ty = key_type(sort);
    let sk_name = match sort {
        Some(f) => {
            let n = &f.attribute;
            quote! { ::core::option::Option::Some(#n) }
        }
        None => quote! { ::core::option::Option::None },
    };
    let doc = format!(
        "The secondary index `{}`, to query or scan with typed keys.",
        name.value()
    );
    quote! {
        #[doc = #doc]
        pub fn #ident() -> #krate::__private::Index<Self, #pk_ty, #sk_ty> {
            #krate::__private::Index::__new(#name, #pk_name, #sk_name)
        }
    }
}
