//! The rules across fields, one function each. Every error points at the
//! token to change and says how.

use crate::attr::DefaultValue;
use crate::model::{handle_name, is_nested_option, is_option, Model, NOT_RAW, TAKEN_NAMES};
use darling::Error;
use std::collections::HashMap;

pub(crate) fn validate(model: &Model, errors: &mut darling::error::Accumulator) {
    if !model.named_struct {
        // every other rule is about named fields
        errors.push(
            Error::custom("`DynoModel` needs a struct with named fields, one per attribute")
                .with_span(&model.ident),
        );
        return;
    }
    no_generics(model, errors);
    table_is_named(model, errors);
    one_partition_key(model, errors);
    at_most_one_sort_key(model, errors);
    keys_always_have_a_value(model, errors);
    skip_stands_alone(model, errors);
    names_are_distinct(model, errors);
    version_and_ttl_once(model, errors);
    indexes_are_complete(model, errors);
    max_size_is_positive(model, errors);
    index_options_name_indexes(model, errors);
    index_handles_are_usable(model, errors);
    options_are_not_nested(model, errors);
    default_functions_fit(model, errors);
}

/// A TTL attribute is read as epoch seconds and a version as 0 when missing:
/// a default function would bypass both.
fn default_functions_fit(model: &Model, errors: &mut darling::error::Accumulator) {
    for f in model.stored() {
        if let Some(DefaultValue::Function(path)) = &f.attrs.default {
            let what = if f.attrs.ttl.is_present() {
                "a `#[dyno(ttl)]` field (a missing TTL is no expiry: use an `Option`)"
            } else if f.attrs.version.is_present() {
                "the `#[dyno(version)]` field (a missing version is always 0)"
            } else {
                continue;
            };
            errors.push(
                Error::custom(format!("`default = \"...\"` does not apply to {what}"))
                    .with_span(path),
            );
        }
    }
}

/// Each index gets a handle function named after it (`User::by_email()`):
/// the name must make a Rust function name that no other index and no
/// generated function already has.
fn index_handles_are_usable(model: &Model, errors: &mut darling::error::Accumulator) {
    let mut seen: HashMap<String, String> = HashMap::new();
    let names = model
        .stored()
        .flat_map(|f| f.attrs.gsi.iter().chain(&f.attrs.lsi));
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

/// `Option<Option<T>>` cannot be stored: `None` and `Some(None)` would both
/// be an absent attribute, and `Some(None)` would read back as `None`.
fn options_are_not_nested(model: &Model, errors: &mut darling::error::Accumulator) {
    for f in model.stored().filter(|f| is_nested_option(&f.ty)) {
        errors.push(
            Error::custom(
                "`Option<Option<..>>` cannot be stored: `None` and `Some(None)` are both an absent attribute; use one `Option`, or an enum that says what the inner `None` means",
            )
            .with_span(&f.ty),
        );
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
        if o.keys_only.is_present() && o.include.is_some() {
            errors.push(
                Error::custom("choose one projection: `keys_only` or `include = \"...\"`")
                    .with_span(&o.keys_only.span()),
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

/// Every item lives in one table, and DynamoDB names cannot be empty.
fn table_is_named(model: &Model, errors: &mut darling::error::Accumulator) {
    match &model.table {
        None => errors.push(
            Error::custom("missing `#[dyno(table = \"...\")]`: name the DynamoDB table this struct is stored in")
                .with_span(&model.ident),
        ),
        Some(t) if t.value().is_empty() => {
            errors.push(Error::custom("`#[dyno(table = \"\")]`: the table name must not be empty").with_span(t))
        }
        Some(_) => {}
    }
}

/// A DynamoDB table has exactly one partition key.
fn one_partition_key(model: &Model, errors: &mut darling::error::Accumulator) {
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
                .with_span(&extra.attrs.partition_key.span()),
        );
    }
}

/// A DynamoDB table has at most one sort key.
fn at_most_one_sort_key(model: &Model, errors: &mut darling::error::Accumulator) {
    for extra in model.fields.iter().filter(|f| f.is_sort_key()).skip(1) {
        errors.push(
            Error::custom("`#[dyno(sort_key)]` may appear on only one field")
                .with_span(&extra.attrs.sort_key.span()),
        );
    }
}

/// Key attributes are always stored, so options that make them absent or
/// computed do not apply.
fn keys_always_have_a_value(model: &Model, errors: &mut darling::error::Accumulator) {
    for f in model.fields.iter().filter(|f| f.is_key()) {
        if f.is_partition_key() && f.is_sort_key() {
            errors.push(
                Error::custom("a field cannot be both `partition_key` and `sort_key`")
                    .with_span(&f.attrs.sort_key.span()),
            );
        }
        if is_option(&f.ty) {
            errors.push(
                Error::custom("a key attribute must always have a value: remove the `Option` from this key field")
                    .with_span(&f.ty),
            );
        }
        let conflicts = [
            ("default", f.has_default(), f.default_span()),
            ("skip", f.attrs.skip.is_present(), f.attrs.skip.span()),
            (
                "version",
                f.attrs.version.is_present(),
                f.attrs.version.span(),
            ),
            ("ttl", f.attrs.ttl.is_present(), f.attrs.ttl.span()),
            ("serde", f.attrs.serde.is_present(), f.attrs.serde.span()),
        ];
        if f.attrs.sensitive.is_present() {
            errors.push(
                Error::custom(
                    "`#[dyno(sensitive)]` cannot be used on a key field: keys show in requests, cursors and errors by design; keep secrets out of keys",
                )
                .with_span(&f.attrs.sensitive.span()),
            );
        }
        for (name, present, span) in conflicts {
            if present {
                errors.push(
                    Error::custom(format!(
                        "`#[dyno({name})]` cannot be used on a key field: keys are always stored as they are"
                    ))
                    .with_span(&span),
                );
            }
        }
    }
}

/// A skipped field is not stored, so storage options on it mean nothing.
fn skip_stands_alone(model: &Model, errors: &mut darling::error::Accumulator) {
    for f in model.fields.iter().filter(|f| f.is_skipped()) {
        let a = &f.attrs;
        if a.rename.is_some()
            || a.default.is_some()
            || a.version.is_present()
            || a.ttl.is_present()
            || a.serde.is_present()
            || a.sensitive.is_present()
            || !a.gsi.is_empty()
            || !a.gsi_sort.is_empty()
            || !a.lsi.is_empty()
        {
            errors.push(
                Error::custom("`#[dyno(skip)]` fields are not stored: remove the other `dyno` options from this field")
                    .with_span(&a.skip.span()),
            );
        }
    }
}

/// Two fields cannot share an attribute, and constants must not collide.
fn names_are_distinct(model: &Model, errors: &mut darling::error::Accumulator) {
    let mut stored: HashMap<&str, &syn::Ident> = HashMap::new();
    let mut constants: HashMap<String, &syn::Ident> = HashMap::new();
    for f in model.stored() {
        if let Some(r) = &f.attrs.rename {
            if r.value().is_empty() {
                errors.push(
                    Error::custom("`#[dyno(rename = \"\")]`: an attribute name must not be empty")
                        .with_span(r),
                );
                continue;
            }
        }
        if let Some(first) = stored.insert(&f.attribute, &f.ident) {
            errors.push(
                Error::custom(format!(
                    "attribute name `{}` is already used by field `{first}`: give one of them another `#[dyno(rename = \"...\")]`",
                    f.attribute
                ))
                .with_span(&f.name_span()),
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

/// One version counter and one TTL attribute per item, and a version is always present.
fn version_and_ttl_once(model: &Model, errors: &mut darling::error::Accumulator) {
    let versions: Vec<_> = model
        .fields
        .iter()
        .filter(|f| f.attrs.version.is_present())
        .collect();
    for extra in versions.iter().skip(1) {
        errors.push(
            Error::custom("`#[dyno(version)]` may appear on only one field")
                .with_span(&extra.attrs.version.span()),
        );
    }
    for v in &versions {
        if is_option(&v.ty) {
            errors.push(
                Error::custom("the `#[dyno(version)]` field must not be an `Option`: use `u64`, starting at 0")
                    .with_span(&v.ty),
            );
        }
    }
    for extra in model
        .fields
        .iter()
        .filter(|f| f.attrs.ttl.is_present())
        .skip(1)
    {
        errors.push(
            Error::custom("`#[dyno(ttl)]` may appear on only one field")
                .with_span(&extra.attrs.ttl.span()),
        );
    }
}

/// A global index needs one partition key; a local index shares the table's
/// partition key and needs the table to have a sort key.
fn indexes_are_complete(model: &Model, errors: &mut darling::error::Accumulator) {
    let mut gsi_pk: HashMap<String, &syn::LitStr> = HashMap::new();
    for f in model.stored() {
        for name in &f.attrs.gsi {
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
        for name in &f.attrs.gsi_sort {
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
        for name in &f.attrs.lsi {
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

/// A size limit of zero would refuse every item.
fn max_size_is_positive(model: &Model, errors: &mut darling::error::Accumulator) {
    if let Some(m) = &model.max_size {
        match m.base10_parse::<usize>() {
            Ok(0) => errors.push(Error::custom("`max_size` must be at least 1 byte").with_span(m)),
            Ok(_) => {}
            Err(e) => errors.push(
                Error::custom(format!("`max_size` must be a whole number of bytes: {e}"))
                    .with_span(m),
            ),
        }
    }
}
