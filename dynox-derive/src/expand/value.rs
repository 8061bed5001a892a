//! `#[derive(DynoValue)]`: a struct stored as a map, or an enum of unit
//! variants stored as a string. Reads the checked `ValueModel`.

use super::fallback;
use crate::value_model::{Shape, ValueField, ValueModel, Variant};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Ident, Path};

pub(crate) fn value(input: &DeriveInput) -> TokenStream {
    match ValueModel::from_input(input) {
        Ok(model) => match &model.shape {
            Shape::Map(fields) => map_struct(&model.ident, &model.krate, fields),
            Shape::Text(variants) => unit_enum(&model.ident, &model.krate, variants),
        },
        Err(e) => {
            let errors = e.write_errors();
            let stub = fallback::value_stub(input);
            quote! { #errors #stub }
        }
    }
}

fn map_struct(ident: &Ident, krate: &Path, fields: &[ValueField]) -> TokenStream {
    let stored: Vec<&ValueField> = fields.iter().filter(|f| !f.skip).collect();
    let n = stored.len();
    let attributes: Vec<&String> = stored.iter().map(|f| &f.attribute).collect();
    let puts = stored.iter().map(|f| {
        let (name, attribute) = (&f.ident, &f.attribute);
        quote! { #krate::__private::put_attr(&mut __dynox_map, #attribute, &self.#name); }
    });
    let takes = fields.iter().map(|f| {
        let (name, attribute) = (&f.ident, &f.attribute);
        if f.skip {
            quote! { #name: ::core::default::Default::default() }
        } else if f.default {
            quote! { #name: #krate::__private::take_nested_or_default(&mut __dynox_map, #attribute)? }
        } else {
            quote! { #name: #krate::__private::take_nested(&mut __dynox_map, #attribute)? }
        }
    });
    let json_readers = stored.iter().map(|f| {
        let (ty, attribute) = (&f.ty, &f.attribute);
        quote! { #attribute => #krate::__private::nested_from_json::<#ty>(json) }
    });
    let constants = stored.iter().map(|f| {
        let (ty, attribute) = (&f.ty, &f.attribute);
        let constant = f.constant();
        let field = f.ident.to_string();
        let doc = format!("The `{field}` field (stored as `{attribute}`), for paths into this value.");
        quote! {
            #[doc = #doc]
            pub const #constant: #krate::__private::Attr<#ident, #ty> = #krate::__private::Attr::__new(#attribute, #field);
        }
    });
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            #[automatically_derived]
            impl #ident {
                #(#constants)*
            }

            #[automatically_derived]
            impl #krate::__private::Nested for #ident {}

            #[automatically_derived]
            impl #krate::__private::Projection for #ident {
                const ATTRIBUTES: &'static [&'static str] = &[#(#attributes),*];
                fn from_projected(item: #krate::__private::Item) -> #krate::__private::Result<Self> {
                    #krate::__private::projected::<Self>(item)
                }
            }

            #[automatically_derived]
            impl #krate::__private::DynoValue for #ident {
                const DYNAMO_TYPE: &'static str = "M";

                fn to_attribute_value(&self) -> ::core::option::Option<#krate::__private::AttributeValue> {
                    let mut __dynox_map = #krate::__private::new_item(#n);
                    #(#puts)*
                    ::core::option::Option::Some(#krate::__private::AttributeValue::M(__dynox_map))
                }

                fn from_attribute_value(
                    value: ::core::option::Option<#krate::__private::AttributeValue>,
                ) -> ::core::result::Result<Self, #krate::__private::ValueError> {
                    match value {
                        ::core::option::Option::Some(#krate::__private::AttributeValue::M(mut __dynox_map)) => {
                            ::core::result::Result::Ok(#ident { #(#takes,)* })
                        }
                        ::core::option::Option::Some(other) => {
                            ::core::result::Result::Err(#krate::__private::ValueError::wrong_type("M", &other))
                        }
                        ::core::option::Option::None => {
                            ::core::result::Result::Err(#krate::__private::ValueError::missing("M"))
                        }
                    }
                }

                fn attribute_value_from_json(
                    json: &#krate::__private::JsonValue,
                ) -> ::core::result::Result<::core::option::Option<#krate::__private::AttributeValue>, #krate::__private::ValueError> {
                    #krate::__private::struct_from_json(json, |attribute, json| match attribute {
                        #(#json_readers,)*
                        _ => ::core::result::Result::Ok(#krate::__private::natural_json(json)),
                    })
                }
            }
        };
    }
}

fn unit_enum(ident: &Ident, krate: &Path, variants: &[Variant]) -> TokenStream {
    let names: Vec<(&Ident, &String)> = variants.iter().map(|v| (&v.ident, &v.stored)).collect();
    let to: Vec<TokenStream> = names
        .iter()
        .map(|(v, s)| quote! { #ident::#v => #s })
        .collect();
    let from = names
        .iter()
        .map(|(v, s)| quote! { #s => ::core::result::Result::Ok(#ident::#v) });
    let expected = format!(
        "S holding one of {}",
        names
            .iter()
            .map(|(_, s)| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    quote! {
        #[doc(hidden)]
        #[allow(clippy::all)]
        const _: () = {
            #[automatically_derived]
            impl #krate::__private::DynoValue for #ident {
                const DYNAMO_TYPE: &'static str = "S";

                fn to_attribute_value(&self) -> ::core::option::Option<#krate::__private::AttributeValue> {
                    let __dynox_s: &'static str = match self { #(#to,)* };
                    ::core::option::Option::Some(#krate::__private::AttributeValue::S(
                        ::std::string::ToString::to_string(__dynox_s),
                    ))
                }

                fn from_attribute_value(
                    value: ::core::option::Option<#krate::__private::AttributeValue>,
                ) -> ::core::result::Result<Self, #krate::__private::ValueError> {
                    match value {
                        ::core::option::Option::Some(#krate::__private::AttributeValue::S(__dynox_s)) => {
                            match __dynox_s.as_str() {
                                #(#from,)*
                                _ => ::core::result::Result::Err(#krate::__private::ValueError::custom(
                                    #expected,
                                    ::std::format!("S `{}`", __dynox_s),
                                )),
                            }
                        }
                        ::core::option::Option::Some(other) => {
                            ::core::result::Result::Err(#krate::__private::ValueError::wrong_type("S", &other))
                        }
                        ::core::option::Option::None => {
                            ::core::result::Result::Err(#krate::__private::ValueError::missing("S"))
                        }
                    }
                }
            }

            #[automatically_derived]
            impl #krate::__private::KeyValue for #ident {
                const KEY_TYPE: #krate::__private::KeyType = #krate::__private::KeyType::S;
            }

            // a placeholder of key templates: its stored name, escaped as text is
            #[automatically_derived]
            impl #krate::__private::KeyPart for #ident {
                fn write_key_part(&self, __dynox_out: &mut ::std::string::String) {
                    let __dynox_s: &'static str = match self { #(#to,)* };
                    #krate::__private::enum_key_write(__dynox_s, __dynox_out)
                }
                fn parse_key_part(__dynox_text: &str) -> ::core::option::Option<Self> {
                    #krate::__private::enum_key_parse(__dynox_text)
                }
            }
        };
    }
}
