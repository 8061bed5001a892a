//! The `DynoModel` impl: item mapping, key, schema, tracking, version.

use super::{schema, snapshot};
use crate::model::Model;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

pub(crate) fn model_impl(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = &model.ident;
    let key = model.key_ident();
    let snapshot_ident = snapshot::snapshot_ident(model);
    let consts = schema::consts(model);
    let tracking = snapshot::methods(model);
    let table = &model.table;
    let n = model.stored().count() + if model.templates.is_some() { 3 } else { 0 };
    let generate = super::generate::methods(model);
    let (put_keys, read_keys, derived) = match &model.templates {
        Some(t) => (
            super::template::put_keys(model, t, true, |f| quote! { &self.#f }),
            super::template::read_keys(model, t),
            super::template_index::derived(model, t),
        ),
        None => (TokenStream::new(), TokenStream::new(), TokenStream::new()),
    };

    // every use of a field type is spanned at the type, so a type that does
    // not fit gives one (deduplicated) error there
    let puts = model.stored().map(|f| {
        let (name, attribute, kind) = (&f.ident, &f.attribute, f.ops());
        quote! { #kind.put(&self.#name, &mut __dynox_item, #attribute); }
    });
    let takes = model.fields.iter().map(|f| {
        let (name, attribute) = (&f.ident, &f.attribute);
        if f.is_skipped() {
            return quote! { #name: ::core::default::Default::default() };
        }
        let kind = f.ops();
        let take = match &f.default {
            // `default = "path"`: the function runs only when the attribute
            // is missing; spanned at the string, so a wrong path or type
            // shows there
            Some(crate::attr::DefaultValue::Function(path)) => {
                let span = syn::spanned::Spanned::span(path);
                quote_spanned! { span=> #kind.take_or_else(&mut item, #table, #attribute, #path) }
            }
            // a missing version attribute is version 0: an item stored
            // before the table adopted versioning
            Some(crate::attr::DefaultValue::Trait(_)) => {
                quote! { #kind.take_or_default(&mut item, #table, #attribute) }
            }
            None if f.is_version() => {
                quote! { #kind.take_or_default(&mut item, #table, #attribute) }
            }
            None => quote! { #kind.take(&mut item, #table, #attribute) },
        };
        if f.sensitive {
            // the value of a sensitive field never reaches an error message
            quote! { #name: #krate::__private::hide_found(#take)? }
        } else {
            quote! { #name: #take? }
        }
    });
    // plain JSON is read as each field's kind and type direct (base64
    // binary, sets)
    let json_readers = model.stored().map(|f| {
        let (attribute, kind) = (&f.attribute, f.ops());
        quote! { #attribute => #kind.json(json) }
    });
    let key_fields = model.keys().into_iter().map(|f| &f.ident);
    let version = model.version().map(|f| {
        let (name, ty) = (&f.ident, &f.ty);
        quote_spanned! { ty.span()=>
            fn version(&self) -> u64 {
                <#ty as #krate::__private::VersionValue>::to_version(self.#name)
            }
            fn set_version(&mut self, __dynox_version: u64) {
                self.#name = <#ty as #krate::__private::VersionValue>::from_version(__dynox_version);
            }
        }
    });

    quote! {
        #[automatically_derived]
        impl #krate::__private::DynoModel for #ident {
            type Key = #key;
            type Snapshot = #snapshot_ident;
            #consts

            fn to_item(&self) -> #krate::__private::Item {
                let mut __dynox_item = #krate::__private::new_item(#n);
                #(#puts)*
                #put_keys
                __dynox_item
            }

            fn from_item(mut item: #krate::__private::Item) -> #krate::__private::Result<Self> {
                #read_keys
                ::core::result::Result::Ok(#ident { #(#takes,)* })
            }

            fn __attribute_from_json(
                attribute: &str,
                json: &#krate::__private::JsonValue,
            ) -> ::core::result::Result<::core::option::Option<#krate::__private::AttributeValue>, #krate::__private::ValueError> {
                match attribute {
                    #(#json_readers,)*
                    _ => ::core::result::Result::Ok(#krate::__private::natural_json(json)),
                }
            }

            fn key(&self) -> #key {
                #key { #(#key_fields: ::core::clone::Clone::clone(&self.#key_fields),)* }
            }

            #tracking
            #version
            #derived
            #generate
        }
    }
}
