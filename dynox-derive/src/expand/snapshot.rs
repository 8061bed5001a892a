//! The shadow snapshot of the loaded values, and the field-by-field diff.

use crate::model::Model;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(crate) fn snapshot_ident(model: &Model) -> syn::Ident {
    format_ident!("__DynoxSnapshot{}", model.ident)
}

pub(crate) fn snapshot_struct(model: &Model) -> TokenStream {
    let ident = snapshot_ident(model);
    let fields = model.stored().filter(|f| !f.is_key()).map(|f| {
        let (name, ty) = (&f.ident, &f.ty);
        quote! { #name: #ty }
    });
    quote! {
        #[doc(hidden)]
        #[derive(::core::clone::Clone)]
        pub struct #ident { #(#fields,)* }
    }
}

/// `snapshot`, `changed` and `field_value` of the `DynoModel` impl.
pub(crate) fn methods(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = snapshot_ident(model);
    let tracked: Vec<_> = model
        .stored()
        .enumerate()
        .filter(|(_, f)| !f.is_key())
        .collect();
    let copies = tracked.iter().map(|(_, f)| {
        let name = &f.ident;
        quote! { #name: ::core::clone::Clone::clone(&self.#name) }
    });
    let compares = tracked.iter().map(|(index, f)| {
        let name = &f.ident;
        quote! {
            if self.#name != __dynox_snapshot.#name {
                __dynox_out.push(#index);
            }
        }
    });
    let values = model.stored().enumerate().map(|(index, f)| {
        let name = &f.ident;
        if f.is_serde() {
            quote! { #index => #krate::__private::serde_to_attr(&self.#name), }
        } else {
            quote! { #index => #krate::__private::to_attr(&self.#name), }
        }
    });
    quote! {
        fn snapshot(&self) -> #ident {
            #ident { #(#copies,)* }
        }

        fn changed(&self, __dynox_snapshot: &#ident, __dynox_out: &mut ::std::vec::Vec<usize>) {
            #(#compares)*
        }

        fn field_value(&self, __dynox_index: usize) -> ::core::option::Option<#krate::__private::AttributeValue> {
            match __dynox_index {
                #(#values)*
                _ => ::core::option::Option::None,
            }
        }
    }
}
