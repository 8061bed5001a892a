//! The stub impl emitted with errors, so one mistake gives one error.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub(crate) fn stub(input: &DeriveInput) -> TokenStream {
    // a stub for a generic struct would need bounds of its own, and its
    // errors would bury the real one
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let krate: syn::Path = crate_path(input).unwrap_or_else(|| syn::parse_quote!(::dynox_core));
    quote! {
        #[allow(unused_variables, unreachable_code)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #krate::__private::DynoModel for #ident #ty_generics #where_clause {
                type Key = #krate::__private::FallbackKey<Self>;
                type Snapshot = ();
                const SCHEMA: &'static #krate::__private::TableSchema = #krate::__private::FALLBACK_SCHEMA;
                const FIELDS: &'static [#krate::__private::FieldInfo] = &[];
                fn to_item(&self) -> #krate::__private::Item { ::core::unimplemented!() }
                fn from_item(item: #krate::__private::Item) -> #krate::__private::Result<Self> { ::core::unimplemented!() }
                fn key(&self) -> Self::Key { ::core::unimplemented!() }
                fn snapshot(&self) -> Self::Snapshot {}
                fn changed(&self, snapshot: &Self::Snapshot, out: &mut ::std::vec::Vec<usize>) {}
                fn field_value(&self, index: usize) -> ::core::option::Option<#krate::__private::AttributeValue> { ::core::option::Option::None }
            }
            #[automatically_derived]
            impl #impl_generics #krate::__private::DynoHooks for #ident #ty_generics #where_clause {
                const DEFINED: bool = false;
            }
        };
    }
}

/// `crate = "..."` read leniently, for the stub only.
fn crate_path(input: &DeriveInput) -> Option<syn::Path> {
    let mut found = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("dyno")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let s: syn::LitStr = meta.value()?.parse()?;
                found = s.parse().ok();
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    found
}

/// The stub `DynoValue` impl emitted with a value's errors: the fields
/// that use the type then compile, and show no second error.
pub(crate) fn value_stub(input: &DeriveInput) -> TokenStream {
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let krate: syn::Path = crate_path(input).unwrap_or_else(|| syn::parse_quote!(::dynox_core));
    quote! {
        #[allow(unused_variables, unreachable_code)]
        const _: () = {
            #[automatically_derived]
            impl #krate::__private::DynoValue for #ident {
                const DYNAMO_TYPE: &'static str = "M";
                fn to_attribute_value(&self) -> ::core::option::Option<#krate::__private::AttributeValue> {
                    ::core::unimplemented!()
                }
                fn from_attribute_value(
                    value: ::core::option::Option<#krate::__private::AttributeValue>,
                ) -> ::core::result::Result<Self, #krate::__private::ValueError> {
                    ::core::unimplemented!()
                }
            }
        };
    }
}
