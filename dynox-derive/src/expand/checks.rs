//! Compile-time checks of field types, spanned at each type so that the
//! error points at it: keys must be S/N/B, versions integers, and so on.

use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote_spanned;
use syn::spanned::Spanned;

pub(crate) fn type_checks(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let mut checks = TokenStream::new();
    for f in model.stored() {
        let ty = &f.ty;
        let span = ty.span();
        // what every field of a kind needs is checked where the kind's
        // trait is used; these are the roles' extra needs
        let check = if f.is_key_part() {
            // checked by its operations' constant (`template::part_ops`)
            continue;
        } else if f.is_key() {
            quote_spanned! { span=> #krate::__private::assert_key::<#ty>(); }
        } else if f.is_index_key() {
            quote_spanned! { span=> #krate::__private::assert_index_key::<#ty>(); }
        } else if f.is_version() {
            quote_spanned! { span=> #krate::__private::assert_version::<#ty>(); }
        } else {
            continue;
        };
        checks.extend(quote_spanned! { span=> const _: () = { #check }; });
    }
    checks
}
