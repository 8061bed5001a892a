//! The typed key struct and the entry points that take typed key arguments.

use crate::model::{is_string, Field, Model};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(crate) fn key_struct(model: &Model) -> TokenStream {
    let vis = &model.vis;
    let key = model.key_ident();
    let doc = format!("The primary key of [`{}`].", model.ident);
    let fields = model.keys().into_iter().map(|f| {
        let (ident, ty) = (&f.ident, &f.ty);
        let role = if f.is_partition_key() {
            "partition"
        } else {
            "sort"
        };
        let doc = format!("The {role} key, stored as `{}`.", f.attribute);
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
    let keys = model.keys();
    let n = keys.len();
    let puts = keys.iter().map(|f| {
        let (ident, name) = (&f.ident, &f.attribute);
        quote! { #krate::__private::put_attr(&mut __dynox_item, #name, &self.#ident); }
    });
    quote! {
        #[automatically_derived]
        impl #krate::__private::ModelKey for #key {
            fn to_key_item(&self) -> #krate::__private::Item {
                let mut __dynox_item = #krate::__private::new_item(#n);
                #(#puts)*
                __dynox_item
            }
        }
    }
}

/// A key argument: `impl Into<String>` for strings, the field's type otherwise.
fn param(f: &Field) -> (TokenStream, TokenStream) {
    let ident = &f.ident;
    let ty = &f.ty;
    if is_string(ty) {
        (
            quote! { #ident: impl ::core::convert::Into<::std::string::String> },
            quote! { #ident: ::core::convert::Into::into(#ident) },
        )
    } else {
        (quote! { #ident: #ty }, quote! { #ident })
    }
}

pub(crate) fn entry_points(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let key = model.key_ident();
    let keys = model.keys();
    let (params, inits): (Vec<_>, Vec<_>) = keys.iter().map(|f| param(f)).unzip();
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
    }
}
