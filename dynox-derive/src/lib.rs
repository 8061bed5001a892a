//! The derives of dynox: `#[derive(DynoModel)]` and `#[derive(DynoValue)]`.
//!
//! Use them through `dynox_core`, which re-exports both. Each runs one way:
//! parse the `#[dyno(...)]` attributes (`attr`); resolve each option once
//! into the checked model, checking the rules of one field as it is read
//! (`model`, `field`; `value_model` for a value); check the rules across
//! fields (`validate`); then generate code (`expand`) that reaches the
//! runtime only through `dynox_core::__private`. On any error, the errors come with a stub impl
//! (`expand/fallback.rs`), so one mistake gives one error.

mod attr;
mod collection;
mod compress;
mod encrypt;
mod expand;
mod field;
mod generate;
mod index_multi;
mod model;
mod names;
mod s3;
mod template;
mod template_index;
mod validate;
mod value_model;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `DynoModel`: item mapping, typed keys, attribute constants,
/// change tracking and the table schema. See the `dynox_core` docs.
#[proc_macro_derive(DynoModel, attributes(dyno))]
pub fn derive_dyno_model(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::model(&input).into()
}

/// Derives `DynoValue`: a struct is stored as a map (M), an enum of unit
/// variants as a string (S).
#[proc_macro_derive(DynoValue, attributes(dyno))]
pub fn derive_dyno_value(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::value(&input).into()
}

/// Derives `DynoCollection` on an enum of models that share a partition
/// template: one query reads the items of every variant, each read as the
/// variant its entity type names. See `dynox_core::template`.
#[proc_macro_derive(DynoCollection, attributes(dyno))]
pub fn derive_dyno_collection(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::collection(&input).into()
}
