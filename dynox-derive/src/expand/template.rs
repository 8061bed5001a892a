//! What key templates add to a model: composing the key attributes,
//! reading stored keys back, the entity type, and queries by placeholder.

use super::keys::param;
use crate::model::Model;
use crate::names::respan;
use crate::template::{Segment, Template, Templates};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::Ident;

/// One step of writing a key: fixed text (separators merged in), or a
/// placeholder's value.
pub(super) enum Step<'a> {
    Text(String),
    Part(usize, &'a Ident),
}

/// The steps that write the segments of `t` up to placeholder `until`
/// (excluded), with a separator after each; all of them, without a
/// trailing separator, when `until` is past the last placeholder.
pub(super) fn steps(t: &Template, until: usize) -> Vec<Step<'_>> {
    let mut out: Vec<Step<'_>> = Vec::new();
    let mut text = String::new();
    let mut part = 0;
    for segment in &t.segments {
        match segment {
            Segment::Text(s) => text.push_str(s),
            Segment::Part(f) => {
                if part == until {
                    break;
                }
                if !text.is_empty() {
                    out.push(Step::Text(std::mem::take(&mut text)));
                }
                out.push(Step::Part(part, f));
                part += 1;
            }
        }
        text.push('#');
    }
    if part < until || until == usize::MAX {
        // complete: no separator after the last segment
        text.pop();
    }
    if !text.is_empty() {
        out.push(Step::Text(text));
    }
    out
}

/// Statements that write `steps` into `__dynox_key`, each value read by
/// `value(index, field)`.
pub(super) fn write(
    model: &Model,
    steps: &[Step<'_>],
    value: impl Fn(usize, &Ident) -> TokenStream,
) -> TokenStream {
    steps
        .iter()
        .map(|s| match s {
            Step::Text(t) => quote! { __dynox_key.push_str(#t); },
            Step::Part(i, f) => {
                let v = value(*i, f);
                let ops = model.field(f).map(|f| f.part_ops());
                quote! { (#ops.write)(#v, __dynox_key); }
            }
        })
        .collect()
}

/// One constant per placeholder field with its key-text operations,
/// spanned at the template that names it: a type that cannot be key text
/// is one error there.
pub(crate) fn part_ops(model: &Model, t: &Templates) -> TokenStream {
    let krate = &model.krate;
    let mut out = TokenStream::new();
    for ident in t.all_parts() {
        let Some(f) = model.field(ident) else {
            continue;
        };
        let span = f.template_span();
        let ty = respan(f.ty.to_token_stream(), span);
        let ops = f.part_ops();
        out.extend(quote_spanned! { span=>
            const #ops: #krate::__private::PartOps<#ty> = <#ty as #krate::__private::KeyPartField>::PART;
        });
    }
    out
}

/// An expression: the whole key text of `t`, each field read by `access`.
pub(crate) fn render(
    model: &Model,
    t: &Template,
    access: &impl Fn(&Ident) -> TokenStream,
) -> TokenStream {
    let krate = &model.krate;
    let statements = write(model, &steps(t, usize::MAX), |_, f| access(f));
    quote! {{
        let mut __dynox_text = #krate::__private::key_text();
        {
            let __dynox_key = &mut __dynox_text;
            #statements
        }
        __dynox_text
    }}
}

/// Statements that put the key attributes (and the entity type) into
/// `__dynox_item`, each field read by `access`.
/// With `item`, also the entity type and the templated index keys (a
/// whole item, not a key).
pub(crate) fn put_keys(
    model: &Model,
    t: &Templates,
    item: bool,
    access: impl Fn(&Ident) -> TokenStream,
) -> TokenStream {
    let krate = &model.krate;
    let mut out = TokenStream::new();
    let indexes = t.indexes.iter().flat_map(|i| i.written(t)).filter(|_| item);
    for template in std::iter::once(&t.partition).chain(&t.sort).chain(indexes) {
        let (name, text) = (&template.attribute, render(model, template, &access));
        out.extend(quote! {
            __dynox_item.insert(::std::string::ToString::to_string(#name), #krate::__private::AttributeValue::S(#text));
        });
    }
    if item {
        let (name, value) = (&t.entity_attribute, &t.entity);
        out.extend(quote! {
            __dynox_item.insert(
                ::std::string::ToString::to_string(#name),
                #krate::__private::AttributeValue::S(::std::string::ToString::to_string(#value)),
            );
        });
    }
    out
}

fn const_ident(t: &Template) -> Ident {
    format_ident!(
        "__DYNOX_TEMPLATE_{}",
        t.attribute
            .to_uppercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    )
}

/// The runtime description of each template, to read stored keys back.
pub(crate) fn template_consts(model: &Model, t: &Templates) -> TokenStream {
    let krate = &model.krate;
    std::iter::once(&t.partition)
        .chain(&t.sort)
        .map(|template| {
            let ident = const_ident(template);
            let (attribute, text) = (&template.attribute, template.lit.value());
            let segments = template.segments.iter().map(|s| match s {
                Segment::Text(t) => quote! { #krate::__private::Segment::Text(#t) },
                Segment::Part(_) => quote! { #krate::__private::Segment::Part },
            });
            quote! {
                const #ident: #krate::__private::Template = #krate::__private::Template {
                    attribute: #attribute,
                    text: #text,
                    segments: &[#(#segments),*],
                };
            }
        })
        .collect()
}

/// `from_item`'s first steps: the entity type checked, and each
/// placeholder's field that the item lacks read from the key.
pub(crate) fn read_keys(model: &Model, t: &Templates) -> TokenStream {
    let krate = &model.krate;
    let table = &model.table;
    let (attribute, entity) = (&t.entity_attribute, &t.entity);
    let mut out = quote! {
        #krate::__private::check_entity(&mut item, #table, #attribute, #entity)?;
    };
    for template in std::iter::once(&t.partition).chain(&t.sort) {
        let ident = const_ident(template);
        let fills = template.parts().enumerate().filter_map(|(i, f)| {
            let field = model.field(f)?;
            let (ops, name) = (field.part_ops(), &field.attribute);
            Some(quote! {
                #krate::__private::fill_part(&mut item, #table, &#ident, &__dynox_stored, #i, #name, &#ops)?;
            })
        });
        out.extend(quote! {
            if let ::core::option::Option::Some(__dynox_stored) =
                #krate::__private::take_stored_key(&mut item, #table, &#ident)?
            {
                #(#fills)*
            }
        });
    }
    out
}

/// `Model::query(&db, ..)`: the partition template's placeholders as
/// arguments.
pub(crate) fn query_entry(model: &Model, t: &Templates, db: &Ident) -> TokenStream {
    let krate = &model.krate;
    let key = model.key_ident();
    let fields: Vec<_> = t.partition.parts().filter_map(|f| model.field(f)).collect();
    let (params, values): (Vec<_>, Vec<_>) = fields.iter().map(|f| param(krate, f)).unzip();
    let locals = fields.iter().zip(&values).map(|(f, value)| {
        let ident = &f.ident;
        quote! { let #ident = #value; }
    });
    let pk = render(model, &t.partition, &|f| quote! { &#f });
    let pk_name = &t.partition.attribute;
    let doc = format!(
        "Queries the items of the partition `{}`, by its placeholders (Query){}.",
        t.partition.lit.value(),
        match &t.sort {
            Some(s) if !s.prefix().is_empty() =>
                format!(", among those whose sort key starts with `{}`", s.prefix()),
            _ => String::new(),
        }
    );
    match &t.sort {
        Some(sort) => {
            let sk_name = &sort.attribute;
            quote! {
                #[doc = #doc]
                pub fn query(#db: &#krate::__private::Dynox, #(#params),*) -> #krate::__private::Query<'_, Self, #key> {
                    #(#locals)*
                    #krate::__private::template_query::<Self, #key>(#db, ::core::option::Option::None, #pk_name, #pk, #sk_name)
                }
            }
        }
        None => quote! {
            #[doc = #doc]
            pub fn query(#db: &#krate::__private::Dynox, #(#params),*) -> #krate::__private::Query<'_, Self, ()> {
                #(#locals)*
                #krate::__private::template_partition_query::<Self>(#db, #pk_name, #pk)
            }
        },
    }
}
