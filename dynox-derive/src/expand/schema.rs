//! The static table schema and field list.

use crate::field::Field;
use crate::model::{Model, Projection};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn key_attribute(model: &Model, f: &Field) -> TokenStream {
    let krate = &model.krate;
    let (name, ty) = (&f.attribute, &f.ty);
    // table keys are `KeyValue`; index keys may be optional (sparse indexes)
    let key_trait = if f.is_key() {
        quote! { #krate::__private::KeyValue }
    } else {
        quote! { #krate::__private::IndexKeyValue }
    };
    quote! {
        #krate::__private::KeyAttribute { name: #name, key_type: <#ty as #key_trait>::KEY_TYPE }
    }
}

fn option(v: Option<TokenStream>) -> TokenStream {
    match v {
        Some(v) => quote! { ::core::option::Option::Some(#v) },
        None => quote! { ::core::option::Option::None },
    }
}

/// An `IndexSchema`: its key attributes in order (a multi-attribute key
/// has several of each), as `KeyAttribute` expressions.
pub(super) fn index_schema(
    model: &Model,
    name: &syn::LitStr,
    local: bool,
    partition: &[TokenStream],
    sort: &[TokenStream],
    projection: &Projection,
) -> TokenStream {
    let krate = &model.krate;
    let kind = if local {
        quote! { #krate::__private::IndexKind::Local }
    } else {
        quote! { #krate::__private::IndexKind::Global }
    };
    let first_partition = partition.first().cloned().unwrap_or_default();
    let more_partition = partition.iter().skip(1);
    let first_sort = option(sort.first().cloned());
    let more_sort = sort.iter().skip(1);
    let projection = match projection {
        Projection::All => quote! { #krate::__private::IndexProjection::All },
        Projection::KeysOnly => quote! { #krate::__private::IndexProjection::KeysOnly },
        Projection::Include(attributes) => {
            quote! { #krate::__private::IndexProjection::Include(&[#(#attributes),*]) }
        }
    };
    quote! {
        #krate::__private::IndexSchema {
            name: #name,
            kind: #kind,
            partition_key: #first_partition,
            sort_key: #first_sort,
            more_partition_keys: &[#(#more_partition),*],
            more_sort_keys: &[#(#more_sort),*],
            projection: #projection,
        }
    }
}

fn indexes(model: &Model) -> Vec<TokenStream> {
    model
        .indexes()
        .into_iter()
        .map(|index| {
            let partition = [key_attribute(model, index.partition)];
            let sort: Vec<TokenStream> = index
                .sort
                .map(|f| key_attribute(model, f))
                .into_iter()
                .collect();
            index_schema(
                model,
                index.name,
                index.local,
                &partition,
                &sort,
                &index.projection,
            )
        })
        .collect()
}

/// `const SCHEMA` and `const FIELDS` of the `DynoModel` impl.
pub(crate) fn consts(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let table = &model.table;
    let (partition, sort) = match &model.templates {
        Some(t) => {
            let text = |name: &str| {
                quote! {
                    #krate::__private::KeyAttribute { name: #name, key_type: #krate::__private::KeyType::S }
                }
            };
            (
                Some(text(&t.partition.attribute)),
                option(t.sort.as_ref().map(|s| text(&s.attribute))),
            )
        }
        None => (
            model.partition_key().map(|f| key_attribute(model, f)),
            option(model.sort_key().map(|f| key_attribute(model, f))),
        ),
    };
    let mut indexes = indexes(model);
    if let Some(t) = &model.templates {
        indexes.extend(super::template_index::schemas(model, t));
    }
    indexes.extend(super::index_multi::schemas(model));
    let ttl = option(model.ttl().map(|f| {
        let n = &f.attribute;
        quote!(#n)
    }));
    let version = option(model.version().map(|f| {
        let n = &f.attribute;
        quote!(#n)
    }));
    let consistent_read = model.consistent_read;
    let skip_hooks = model.skip_hooks;
    let max_size = option(model.max_size.map(|m| quote!(#m)));
    let sensitive = model.stored().filter(|f| f.sensitive).map(|f| &f.attribute);
    let stream = option(model.stream.map(|v| quote!(#v)));
    let write_once = model
        .stored()
        .filter(|f| f.write_once)
        .map(|f| &f.attribute);
    let encrypted = model.stored().filter_map(|f| {
        let e = f.encrypt.as_ref()?;
        let (attribute, key) = (&f.attribute, &e.key);
        let mode = syn::Ident::new(e.mode, proc_macro2::Span::call_site());
        Some(quote! {
            #krate::__private::EncryptedAttribute {
                attribute: #attribute,
                key: #key,
                mode: #krate::__private::EncryptMode::#mode,
            }
        })
    });
    let s3_objects = model.stored().filter_map(|f| {
        let s3 = f.s3.as_ref()?;
        let (attribute, bucket, prefix) = (&f.attribute, &s3.bucket, &s3.prefix);
        Some(quote! {
            #krate::__private::S3Attribute { attribute: #attribute, bucket: #bucket, prefix: #prefix }
        })
    });
    let fields = model.stored().map(|f| {
        let (name, attribute, key) = (f.ident.to_string(), &f.attribute, f.is_key());
        quote! { #krate::__private::FieldInfo { name: #name, attribute: #attribute, key: #key } }
    });
    quote! {
        const SCHEMA: &'static #krate::__private::TableSchema = &#krate::__private::TableSchema {
            table: #table,
            partition_key: #partition,
            sort_key: #sort,
            indexes: &[#(#indexes),*],
            ttl_attribute: #ttl,
            version_attribute: #version,
            consistent_read: #consistent_read,
            max_size: #max_size,
            skip_hooks: #skip_hooks,
            sensitive: &[#(#sensitive),*],
            stream: #stream,
            write_once: &[#(#write_once),*],
            encrypted: &[#(#encrypted),*],
            s3_objects: &[#(#s3_objects),*],
        };
        const FIELDS: &'static [#krate::__private::FieldInfo] = &[#(#fields),*];
    }
}
