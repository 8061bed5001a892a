//! Attribute constants: `User::NAME: Attr<User, String>`.

use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn constants(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = &model.ident;
    let consts = model.stored().map(|f| {
        let constant = f.constant();
        let ty = &f.ty;
        let (name, field) = (&f.attribute, f.ident.to_string());
        if f.is_key() || f.index_part.is_some() {
            // a key attribute's conditions are `Condition<Keyed<M>>`: not a
            // table query's filter, and no update can name it (nor a field
            // of a templated index key, which only a save rewrites with it)
            let doc = format!("The `{field}` key attribute (stored as `{name}`), for conditions.");
            quote! {
                #[doc = #doc]
                pub const #constant: #krate::__private::Attr<#krate::__private::Keyed<#ident>, #ty> = #krate::__private::Attr::__new(#name, #field);
            }
        } else if f.encrypt.is_some() || f.s3.is_some() {
            // a ciphertext or an S3 object's metadata cannot be compared
            // with a value: `exists`, `not_exists` and `remove` only
            let doc = format!("The `{field}` attribute (stored as `{name}`, encrypted or in S3): `exists`, `not_exists`, `remove`.");
            quote! {
                #[doc = #doc]
                pub const #constant: #krate::__private::Attr<#ident, #krate::__private::Sealed<#ty>> = #krate::__private::Attr::__new(#name, #field);
            }
        } else {
            let doc = format!("The `{field}` attribute (stored as `{name}`), for conditions and updates.");
            quote! {
                #[doc = #doc]
                pub const #constant: #krate::__private::Attr<#ident, #ty> = #krate::__private::Attr::__new(#name, #field);
            }
        }
    });
    quote! { #(#consts)* }
}
