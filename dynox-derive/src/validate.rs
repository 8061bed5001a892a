//! The rules across fields, one function each, on the resolved model (the
//! rules of one field alone are checked as it is resolved, in `field.rs`).
//! Every error points at the token to change and says how.

use crate::field::FieldKind;
use crate::model::Model;
use crate::names::{handle_name, NOT_RAW, TAKEN_NAMES};
use darling::Error;
use std::collections::HashMap;

pub(crate) fn validate(model: &Model, errors: &mut darling::error::Accumulator) {
    no_generics(model, errors);
    one_partition_key(model, errors);
    at_most_one_sort_key(model, errors);
    names_are_distinct(model, errors);
    version_and_ttl_once(model, errors);
    indexes_are_complete(model, errors);
    index_options_name_indexes(model, errors);
    index_handles_are_usable(model, errors);
    no_local_index_on_templates(model, errors);
    templated_indexes_are_new(model, errors);
}

/// A model-level index (templated, or of several attributes) is declared
/// once: not also on a field, not twice at the model.
fn templated_indexes_are_new(model: &Model, errors: &mut darling::error::Accumulator) {
    let declared = model.index_names();
    let mut seen: Vec<String> = Vec::new();
    let names = model
        .templates
        .iter()
        .flat_map(|t| t.indexes.iter().map(|i| &i.name))
        .chain(model.multi_indexes.iter().map(|i| &i.name));
    for name in names {
        let value = name.value();
        if declared.contains(&value) || seen.contains(&value) {
            errors.push(
                Error::custom(format!(
                    "the index `{value}` is declared twice: declare it once"
                ))
                .with_span(name),
            );
        }
        seen.push(value);
    }
}

/// A local index shares the table's partition key, which a templated model
/// composes; declaring one there is not supported yet.
fn no_local_index_on_templates(model: &Model, errors: &mut darling::error::Accumulator) {
    if model.templates.is_none() {
        return;
    }
    for lit in model.stored().flat_map(|f| &f.lsi) {
        errors.push(
            Error::custom("a model with key templates cannot declare a local index (`lsi`) yet; use a global one (`gsi`)")
                .with_span(lit),
        );
    }
}

/// Each index gets a handle function named after it (`User::by_email()`):
/// the name must make a Rust function name that no other index and no
/// generated function already has.
fn index_handles_are_usable(model: &Model, errors: &mut darling::error::Accumulator) {
    let mut seen: HashMap<String, String> = HashMap::new();
    let templated = model
        .templates
        .iter()
        .flat_map(|t| t.indexes.iter().map(|i| &i.name))
        .chain(model.multi_indexes.iter().map(|i| &i.name));
    let names = model
        .stored()
        .flat_map(|f| f.gsi.iter().chain(&f.lsi))
        .chain(templated);
    for lit in names {
        let (index, handle) = (lit.value(), handle_name(&lit.value()));
        if NOT_RAW.contains(&handle.as_str()) || TAKEN_NAMES.contains(&handle.as_str()) {
            errors.push(
                Error::custom(format!(
                    "the index `{index}` would get the handle function `{}::{handle}()`, a name dynox already uses or Rust does not allow: rename the index, e.g. `\"{index}_index\"`",
                    model.ident
                ))
                .with_span(lit),
            );
            continue;
        }
        match seen.get(&handle) {
            Some(first) if *first != index => errors.push(
                Error::custom(format!(
                    "the indexes `{first}` and `{index}` would both get the handle function `{handle}()`: rename one of them"
                ))
                .with_span(lit),
            ),
            _ => {
                seen.insert(handle, index);
            }
        }
    }
}

/// Projection options must name a declared index and choose one projection.
fn index_options_name_indexes(model: &Model, errors: &mut darling::error::Accumulator) {
    let names = model.index_names();
    for o in &model.index_options {
        if !names.contains(&o.name.value()) {
            errors.push(
                Error::custom(format!(
                    "no index `{}` is declared: add `gsi = \"{}\"` or `lsi = \"{}\"` to a field",
                    o.name.value(),
                    o.name.value(),
                    o.name.value()
                ))
                .with_span(&o.name),
            );
        }
    }
}

/// Generated key types and constants name the struct's type without parameters.
fn no_generics(model: &Model, errors: &mut darling::error::Accumulator) {
    if !model.generics.params.is_empty() {
        errors.push(
            Error::custom("`DynoModel` cannot be derived for a generic struct; make a concrete struct for each table")
                .with_span(&model.generics),
        );
    }
}

/// A DynamoDB table has exactly one partition key.
fn one_partition_key(model: &Model, errors: &mut darling::error::Accumulator) {
    if model.templates.is_some() {
        // the template composes it; `template.rs` refuses key fields there
        return;
    }
    let keys: Vec<_> = model
        .fields
        .iter()
        .filter(|f| f.is_partition_key())
        .collect();
    if keys.is_empty() {
        errors.push(
            Error::custom("no partition key: add `#[dyno(partition_key)]` to the field that holds the partition key")
                .with_span(&model.ident),
        );
    }
    for extra in keys.iter().skip(1) {
        errors.push(
            Error::custom("`#[dyno(partition_key)]` may appear on only one field")
                .with_span(&extra.role_span()),
        );
    }
}

/// A DynamoDB table has at most one sort key.
fn at_most_one_sort_key(model: &Model, errors: &mut darling::error::Accumulator) {
    for extra in model.fields.iter().filter(|f| f.is_sort_key()).skip(1) {
        errors.push(
            Error::custom("`#[dyno(sort_key)]` may appear on only one field")
                .with_span(&extra.role_span()),
        );
    }
}

/// Two fields cannot share an attribute, and constants must not collide.
fn names_are_distinct(model: &Model, errors: &mut darling::error::Accumulator) {
    let mut stored: HashMap<&str, &syn::Ident> = HashMap::new();
    let mut constants: HashMap<String, &syn::Ident> = HashMap::new();
    for f in model.stored() {
        if let Some(first) = stored.insert(&f.attribute, &f.ident) {
            errors.push(
                Error::custom(format!(
                    "attribute name `{}` is already used by field `{first}`: give one of them another `#[dyno(rename = \"...\")]`",
                    f.attribute
                ))
                .with_span(&f.name_span),
            );
        }
        if let Some(first) = constants.insert(f.constant().to_string(), &f.ident) {
            errors.push(
                Error::custom(format!(
                    "fields `{first}` and `{}` would both get the attribute constant `{}`: rename one of the fields",
                    f.ident,
                    f.constant()
                ))
                .with_span(&f.ident),
            );
        }
    }
}

/// One version counter and one TTL attribute per item.
fn version_and_ttl_once(model: &Model, errors: &mut darling::error::Accumulator) {
    let versions: Vec<_> = model.fields.iter().filter(|f| f.is_version()).collect();
    for extra in versions.iter().skip(1) {
        errors.push(
            Error::custom("`#[dyno(version)]` may appear on only one field")
                .with_span(&extra.role_span()),
        );
    }
    for extra in model
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Ttl)
        .skip(1)
    {
        errors.push(
            Error::custom("`#[dyno(ttl)]` may appear on only one field")
                .with_span(&extra.kind_span),
        );
    }
}

/// A global index needs one partition key; a local index shares the table's
/// partition key and needs the table to have a sort key.
fn indexes_are_complete(model: &Model, errors: &mut darling::error::Accumulator) {
    let mut gsi_pk: HashMap<String, &syn::LitStr> = HashMap::new();
    for f in model.stored() {
        for name in &f.gsi {
            if let Some(first) = gsi_pk.insert(name.value(), name) {
                let _ = first;
                errors.push(
                    Error::custom(format!(
                        "the global index `{}` already has a partition key: `gsi = \"...\"` may name an index on only one field",
                        name.value()
                    ))
                    .with_span(name),
                );
            }
        }
    }
    for f in model.stored() {
        for name in &f.gsi_sort {
            if !gsi_pk.contains_key(&name.value()) {
                errors.push(
                    Error::custom(format!(
                        "the global index `{}` has no partition key: add `#[dyno(gsi = \"{}\")]` to its partition key field",
                        name.value(),
                        name.value()
                    ))
                    .with_span(name),
                );
            }
        }
        for name in &f.lsi {
            if model.sort_key().is_none() {
                errors.push(
                    Error::custom(
                        "a local index needs a table with a sort key: add `#[dyno(sort_key)]` to a field, or use `gsi`",
                    )
                    .with_span(name),
                );
            }
        }
    }
}
