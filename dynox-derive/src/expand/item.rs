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
    let table = model.table.as_ref().map(|t| t.value()).unwrap_or_default();
    let n = model.stored().count();

    // every use of a field type is spanned at the type, so a type that does
    // not fit gives one (deduplicated) error there
    let puts = model.stored().map(|f| {
        let (name, attribute, ty) = (&f.ident, &f.attribute, &f.ty);
        if f.is_serde() {
            quote_spanned! { ty.span()=> #krate::__private::serde_put_attr::<#ty>(&mut __dynox_item, #attribute, &self.#name); }
        } else if f.attrs.ttl.is_present() {
            quote_spanned! { ty.span()=> #krate::__private::ttl_put_attr::<#ty>(&mut __dynox_item, #attribute, &self.#name); }
        } else {
            quote_spanned! { ty.span()=> #krate::__private::put_field::<#ty>(&mut __dynox_item, #attribute, &self.#name); }
        }
    });
    let takes = model.fields.iter().map(|f| {
        let (name, attribute, ty) = (&f.ident, &f.attribute, &f.ty);
        let span = ty.span();
        // a missing version attribute is version 0: an item stored before
        // the table adopted versioning
        let has_default = f.has_default() || f.attrs.version.is_present();
        // `default = "path"`: the function runs only when the attribute is
        // missing; spanned at the string, so a wrong path or type shows there
        if let Some(crate::attr::DefaultValue::Function(path)) = &f.attrs.default {
            let span = syn::spanned::Spanned::span(path);
            let helper = if f.is_serde() {
                quote_spanned!(span=> serde_take_field_or_else)
            } else {
                quote_spanned!(span=> take_model_field_or_else)
            };
            let take = quote_spanned! { span=>
                #krate::__private::#helper::<#ty, _>(&mut item, #table, #attribute, #path)
            };
            return if f.attrs.sensitive.is_present() {
                quote_spanned! { span=> #name: #krate::__private::hide_found(#take)? }
            } else {
                quote_spanned! { span=> #name: #take? }
            };
        }
        let take = match (f.is_skipped(), f.is_serde(), has_default) {
            (true, _, _) => quote! { ::core::result::Result::<_, #krate::__private::Error>::Ok(::core::default::Default::default()) },
            (false, false, _) if f.attrs.ttl.is_present() => {
                quote_spanned! { span=> #krate::__private::ttl_take_field::<#ty>(&mut item, #table, #attribute) }
            }
            (false, true, false) => {
                quote_spanned! { span=> #krate::__private::serde_take_field::<#ty>(&mut item, #table, #attribute) }
            }
            (false, true, true) => {
                quote_spanned! { span=> #krate::__private::serde_take_field_or_default::<#ty>(&mut item, #table, #attribute) }
            }
            (false, false, false) => {
                quote_spanned! { span=> #krate::__private::take_model_field::<#ty>(&mut item, #table, #attribute) }
            }
            (false, false, true) => {
                quote_spanned! { span=> #krate::__private::take_model_field_or_default::<#ty>(&mut item, #table, #attribute) }
            }
        };
        if f.attrs.sensitive.is_present() {
            // the value of a sensitive field never reaches an error message
            quote_spanned! { span=> #name: #krate::__private::hide_found(#take)? }
        } else {
            quote_spanned! { span=> #name: #take? }
        }
    });
    // plain JSON is read as each field's type directs (base64 binary, sets);
    // serde and TTL fields keep JSON's natural form, as they are stored
    let json_readers = model
        .stored()
        .filter(|f| !f.is_serde() && !f.attrs.ttl.is_present())
        .map(|f| {
            let (attribute, ty) = (&f.attribute, &f.ty);
            quote_spanned! { ty.span()=> #attribute => #krate::__private::field_from_json::<#ty>(json) }
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
                __dynox_item
            }

            fn from_item(mut item: #krate::__private::Item) -> #krate::__private::Result<Self> {
                ::core::result::Result::Ok(#ident { #(#takes,)* })
            }

            fn __attribute_from_json(
                attribute: &str,
                json: &#krate::__private::JsonValue,
            ) -> ::core::result::Result<::core::option::Option<#krate::__private::AttributeValue>, #krate::__private::ValueError> {
                match attribute {
                    #(#json_readers,)*
                    _ => #krate::__private::natural_from_json(json),
                }
            }

            fn key(&self) -> #key {
                #key { #(#key_fields: ::core::clone::Clone::clone(&self.#key_fields),)* }
            }

            #tracking
            #version
        }
    }
}
