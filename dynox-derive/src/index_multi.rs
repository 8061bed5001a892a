//! Global indexes with multi-attribute keys (`gsi(name = "by_place",
//! partition = "country, city", sort = "zip")`): up to four fields for the
//! partition key and four for the sort key, each stored as it is.

use crate::field::Field;
use crate::model::{IndexOption, Projection};
use crate::names::unraw;
use crate::template_index::GsiAttrs;
use darling::error::Accumulator;
use darling::Error;
use syn::{Ident, LitStr};

/// DynamoDB's limit on each part of a multi-attribute key.
const MAX_ATTRIBUTES: usize = 4;

pub(crate) struct MultiIndexDef {
    pub(crate) name: LitStr,
    pub(crate) partition: Vec<Ident>,
    pub(crate) sort: Vec<Ident>,
    pub(crate) projection: Projection,
}

/// The fields a list names, each once, in order.
fn fields_of(list: &LitStr, what: &str, fields: &[Field], errors: &mut Accumulator) -> Vec<Ident> {
    let mut out: Vec<Ident> = Vec::new();
    let names: Vec<String> = list
        .value()
        .split(',')
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    if names.len() > MAX_ATTRIBUTES {
        errors.push(
            Error::custom(format!(
                "a {what} key takes at most {MAX_ATTRIBUTES} attributes"
            ))
            .with_span(list),
        );
    }
    for name in names {
        match fields.iter().find(|f| unraw(&f.ident) == name) {
            None => errors.push(
                Error::custom(format!("`{name}` names no field of this struct")).with_span(list),
            ),
            Some(f) if f.is_skipped() => errors.push(
                Error::custom(format!(
                    "`{name}` is `#[dyno(skip)]`, not stored, so it cannot be a key"
                ))
                .with_span(list),
            ),
            Some(f) if out.contains(&f.ident) => {
                errors.push(Error::custom(format!("`{name}` appears twice")).with_span(list))
            }
            Some(f) => out.push(f.ident.clone()),
        }
    }
    out
}

pub(crate) fn resolve(
    gsis: Vec<GsiAttrs>,
    fields: &[Field],
    errors: &mut Accumulator,
) -> Vec<MultiIndexDef> {
    let mut out: Vec<MultiIndexDef> = Vec::new();
    for g in gsis {
        let Some(partition) = &g.partition else {
            continue;
        };
        let templates = [&g.pk, &g.sk, &g.pk_attribute, &g.sk_attribute];
        if let Some(lit) = templates.into_iter().flatten().next() {
            errors.push(
                Error::custom(
                    "choose one kind of key: `partition`/`sort` (fields) or `pk`/`sk` (templates)",
                )
                .with_span(lit),
            );
        }
        let partition = fields_of(partition, "partition", fields, errors);
        if partition.is_empty() {
            errors.push(Error::custom("`partition` names no field").with_span(&g.name));
        }
        let sort = g
            .sort
            .as_ref()
            .map(|s| fields_of(s, "sort", fields, errors))
            .unwrap_or_default();
        let projection = IndexOption::resolve(
            crate::attr::IndexAttrs {
                name: g.name.clone(),
                keys_only: g.keys_only,
                include: g.include.clone(),
            },
            errors,
        )
        .projection;
        out.push(MultiIndexDef {
            name: g.name,
            partition,
            sort,
            projection,
        });
    }
    out
}
