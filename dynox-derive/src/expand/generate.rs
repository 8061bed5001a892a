//! What generated fields add to a model: one operations constant per
//! field (spanned at `generate`, so a strategy that cannot make the type
//! is one error there), and the `DynoModel` methods that fill them.

use crate::field::Field;
use crate::model::Model;
use crate::names::{respan, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned, ToTokens};

fn ops(f: &Field) -> syn::Ident {
    format_ident!("__DYNOX_GEN_{}", unraw(&f.ident))
}

fn generated(model: &Model) -> impl Iterator<Item = &Field> {
    model.stored().filter(|f| f.generate.is_some())
}

/// The constants, one per generated field.
pub(crate) fn consts(model: &Model) -> TokenStream {
    let krate = &model.krate;
    generated(model)
        .filter_map(|f| {
            let g = f.generate.as_ref()?;
            let (span, strategy, ops) = (g.span, &g.strategy, ops(f));
            let ty = respan(f.ty.to_token_stream(), span);
            Some(quote_spanned! { span=>
                const #ops: #krate::__private::GenOps<#ty> =
                    <#ty as #krate::__private::GeneratedBy<#krate::__private::strategy::#strategy>>::GEN;
            })
        })
        .collect()
}

/// `GENERATES`, `__generate` and `__write_stamps` of the `DynoModel` impl.
pub(crate) fn methods(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let fields: Vec<&Field> = generated(model).collect();
    if fields.is_empty() {
        return TokenStream::new();
    }
    let fills = fields.iter().filter_map(|f| {
        let (name, ops) = (&f.ident, ops(f));
        let g = f.generate.as_ref()?;
        Some(if g.on_write {
            quote! { self.#name = (#ops.generate)(); }
        } else {
            quote! {
                if __dynox_creating && (#ops.is_empty)(&self.#name) {
                    self.#name = (#ops.generate)();
                }
            }
        })
    });
    let stamps = fields
        .iter()
        .filter(|f| f.generate.as_ref().is_some_and(|g| g.on_write))
        .map(|f| {
            let (attribute, ops, kind) = (&f.attribute, ops(f), f.ops());
            quote! { __dynox_out.push((#attribute, #kind.attr(&(#ops.generate)()))); }
        });
    quote! {
        const GENERATES: bool = true;

        fn __generate(&mut self, __dynox_creating: bool) {
            #(#fills)*
        }

        fn __write_stamps(
            __dynox_out: &mut ::std::vec::Vec<(&'static str, ::core::option::Option<#krate::__private::AttributeValue>)>,
        ) {
            #(#stamps)*
        }
    }
}
