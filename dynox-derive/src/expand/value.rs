//! `#[derive(DynoValue)]`: a struct stored as a map, or an enum of unit
//! variants stored as a string.

use crate::attr::{ValueAttrs, ValueFieldAttrs, VariantAttrs};
use darling::FromDeriveInput;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Ident, Path};

pub(crate) fn value(input: &DeriveInput) -> TokenStream {
    let attrs = match ValueAttrs::from_derive_input(input) {
        Ok(a) => a,
        Err(e) => return e.write_errors(),
    };
    let krate: Path = attrs
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::dynox_core));
    if !attrs.generics.params.is_empty() {
        return darling::Error::custom(
            "`DynoValue` cannot be derived for a generic type; implement it by hand",
        )
        .with_span(&attrs.generics)
        .write_errors();
    }
    let result = match &attrs.data {
        darling::ast::Data::Struct(fields) => match fields.style {
            darling::ast::Style::Struct => Ok(map_struct(&attrs.ident, &krate, &fields.fields)),
            _ => Err(darling::Error::custom(
                "`DynoValue` needs named fields (stored as a map) or an enum of unit variants",
            )
            .with_span(&attrs.ident)),
        },
        darling::ast::Data::Enum(variants) => {
            unit_enum(&attrs.ident, &krate, variants, attrs.rename_all.as_ref())
        }
    };
    match result {
        Ok(tokens) => tokens,
        Err(e) => e.write_errors(),
    }
}

fn map_struct(ident: &Ident, krate: &Path, fields: &[ValueFieldAttrs]) -> TokenStream {
    let named: Vec<(&Ident, &ValueFieldAttrs, String)> = fields
        .iter()
        .filter_map(|f| {
            let name = f.ident.as_ref()?;
            let stored = f.rename.as_ref().map(|r| r.value()).unwrap_or_else(|| {
                let s = name.to_string();
                s.strip_prefix("r#").unwrap_or(&s).to_owned()
            });
            Some((name, f, stored))
        })
        .collect();
    let stored: Vec<_> = named
        .iter()
        .filter(|(_, f, _)| !f.skip.is_present())
        .collect();
    let n = stored.len();
    let attributes: Vec<&String> = stored.iter().map(|(_, _, a)| a).collect();
    let puts = stored.iter().map(|(name, _, attribute)| {
        quote! { #krate::__private::put_attr(&mut __dynox_map, #attribute, &self.#name); }
    });
    let takes = named.iter().map(|(name, f, attribute)| {
        if f.skip.is_present() {
            quote! { #name: ::core::default::Default::default() }
        } else if f.default.is_present() {
            quote! { #name: #krate::__private::take_nested_or_default(&mut __dynox_map, #attribute)? }
        } else {
            quote! { #name: #krate::__private::take_nested(&mut __dynox_map, #attribute)? }
        }
    });
    let json_readers = stored.iter().map(|(_, f, attribute)| {
        let ty = &f.ty;
        quote! { #attribute => #krate::__private::nested_from_json::<#ty>(json) }
    });
    let constants = stored.iter().map(|(name, f, attribute)| {
        let s = name.to_string();
        let constant = Ident::new(&s.strip_prefix("r#").unwrap_or(&s).to_uppercase(), name.span());
        let ty = &f.ty;
        let field = name.to_string();
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

/// The stored name of a variant under `rename_all`.
fn rename(name: &str, rule: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    for (i, c) in name.char_indices() {
        if c.is_uppercase() && i > 0 {
            words.push(String::new());
        }
        match words.last_mut() {
            Some(w) => w.push(c),
            None => words.push(c.to_string()),
        }
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    Some(match rule {
        "lowercase" => name.to_lowercase(),
        "UPPERCASE" => name.to_uppercase(),
        "snake_case" => lower.join("_"),
        "SCREAMING_SNAKE_CASE" => lower.join("_").to_uppercase(),
        "kebab-case" => lower.join("-"),
        "camelCase" => {
            let mut s = name.to_owned();
            if let Some(first) = s.get_mut(0..1) {
                first.make_ascii_lowercase();
            }
            s
        }
        _ => return None,
    })
}

fn unit_enum(
    ident: &Ident,
    krate: &Path,
    variants: &[VariantAttrs],
    rename_all: Option<&syn::LitStr>,
) -> Result<TokenStream, darling::Error> {
    let mut errors = darling::Error::accumulator();
    let mut names = Vec::new();
    for v in variants {
        if !v.fields.is_unit() {
            errors.push(
                darling::Error::custom(
                    "`DynoValue` enums must have only unit variants; use `#[dyno(serde)]` on the field for other enums",
                )
                .with_span(&v.ident),
            );
            continue;
        }
        let stored = match (&v.rename, rename_all) {
            (Some(r), _) => r.value(),
            (None, Some(rule)) => match rename(&v.ident.to_string(), &rule.value()) {
                Some(s) => s,
                None => {
                    errors.push(
                        darling::Error::custom(
                            "unknown `rename_all` rule: use lowercase, UPPERCASE, snake_case, SCREAMING_SNAKE_CASE, kebab-case or camelCase",
                        )
                        .with_span(rule),
                    );
                    continue;
                }
            },
            (None, None) => v.ident.to_string(),
        };
        names.push((&v.ident, stored));
    }
    errors.finish()?;
    let to = names.iter().map(|(v, s)| quote! { #ident::#v => #s });
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
    Ok(quote! {
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
        };
    })
}
