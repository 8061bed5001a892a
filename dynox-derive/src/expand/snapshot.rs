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
    let clones = model.stored().filter(|f| !f.is_key()).map(|f| {
        let (name, kind) = (&f.ident, f.ops());
        quote! { #name: #kind.copy_of(&self.#name) }
    });
    // Clone by hand through the field helpers, so a type that cannot be
    // cloned reports the one field-type error, not a derive error
    quote! {
        #[doc(hidden)]
        pub struct #ident { #(#fields,)* }

        #[automatically_derived]
        impl ::core::clone::Clone for #ident {
            fn clone(&self) -> Self {
                #ident { #(#clones,)* }
            }
        }
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
        let (name, kind) = (&f.ident, f.ops());
        quote! { #name: #kind.copy_of(&self.#name) }
    });
    let compares = tracked.iter().map(|(index, f)| {
        let (name, kind) = (&f.ident, f.ops());
        quote! {
            if #kind.differ(&self.#name, &__dynox_snapshot.#name) {
                __dynox_out.push(#index);
            }
        }
    });
    let values = model.stored().enumerate().map(|(index, f)| {
        let (name, kind) = (&f.ident, f.ops());
        quote! { #index => #kind.attr(&self.#name), }
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
