//! Code generation: one file per generated concern.

mod checks;
mod collection;
mod consts;
mod fallback;
mod generate;
mod index_multi;
mod item;
mod keys;
mod schema;
mod snapshot;
mod template;
mod template_args;
mod template_index;
mod value;

use crate::attr::ModelAttrs;
use crate::model::Model;
use crate::validate::validate;
use darling::FromDeriveInput;
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub(crate) use collection::collection;
pub(crate) use value::value;

/// `#[derive(DynoModel)]`: parse, build the model, validate, expand; on any
/// error, the errors and a stub impl so the user sees no cascade.
pub(crate) fn model(input: &DeriveInput) -> TokenStream {
    let attrs = match ModelAttrs::from_derive_input(input) {
        Ok(attrs) => attrs,
        Err(e) => return with_fallback(input, e),
    };
    if let Err(e) = Model::shape(&attrs) {
        return with_fallback(input, e);
    }
    let mut errors = darling::Error::accumulator();
    let model = Model::resolve(attrs, &mut errors);
    validate(&model, &mut errors);
    match errors.finish() {
        Ok(()) => expand(&model),
        Err(e) => with_fallback(input, e),
    }
}

fn with_fallback(input: &DeriveInput, e: darling::Error) -> TokenStream {
    let errors = e.write_errors();
    let stub = fallback::stub(input);
    quote! { #errors #stub }
}

fn expand(model: &Model) -> TokenStream {
    let key_struct = keys::key_struct(model);
    let key_impl = keys::key_impl(model);
    let entry_points = keys::entry_points(model);
    let constants = consts::constants(model);
    let model_impl = item::model_impl(model);
    let snapshot = snapshot::snapshot_struct(model);
    let checks = checks::type_checks(model);
    let hooks = if model.hooks {
        quote! {}
    } else {
        let krate = &model.krate;
        let ident = &model.ident;
        quote! {
            #[automatically_derived]
            impl #krate::__private::DynoHooks for #ident {
                const DEFINED: bool = false;
            }
        }
    };
    let ident = &model.ident;
    let field_ops = field_ops(model);
    let generated = generate::consts(model);
    let templates = match &model.templates {
        Some(t) => {
            let consts = template::template_consts(model, t);
            let parts = template::part_ops(model, t);
            let sort = template_args::sort_impls(model, t);
            let model_impl = template_args::template_model_impl(model, t);
            let index_values = template_index::value_impls(model, t);
            quote! { #consts #parts #sort #model_impl #index_values }
        }
        None => quote! {},
    };
    let index_markers = match &model.templates {
        Some(t) => template_index::markers(model, t),
        None => quote! {},
    };
    quote! {
        #key_struct
        #index_markers
        #[doc(hidden)]
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            #[automatically_derived]
            impl #ident {
                #constants
                #entry_points
            }
            #field_ops
            #generated
            #templates
            #snapshot
            #model_impl
            #key_impl
            #hooks
            #checks
        };
    }
}

/// One constant per stored field with its kind's operations: the only place
/// the field's type meets the kind's trait, spanned at the type, so a type
/// that does not fit is one error there for each capability it lacks.
fn field_ops(model: &Model) -> TokenStream {
    let krate = &model.krate;
    model
        .stored()
        .map(|f| {
            let (ty, ops) = (&f.ty, f.ops());
            let kind = f.kind.trait_path(krate);
            quote::quote_spanned! { syn::spanned::Spanned::span(ty)=>
                const #ops: #krate::__private::FieldOps<#ty> = <#ty as #kind>::OPS;
            }
        })
        .collect()
}
