//! Key templates of secondary indexes (`gsi(name = "inverted", pk =
//! "ORDER#{number}", sk = "USER#{user}")`): each composes index key
//! attributes from fields, as the table's templates compose its keys.

use crate::attr::IndexAttrs;
use crate::field::Field;
use crate::model::{IndexOption, Projection};
use crate::template::{name_or, template, KeyOf, Template, Templates};
use darling::error::Accumulator;
use darling::{Error, FromMeta};
use syn::LitStr;

/// `#[dyno(gsi(...))]` on a model with key templates.
#[derive(FromMeta, Clone)]
pub(crate) struct GsiAttrs {
    pub(crate) name: LitStr,
    /// A key template (this file).
    pub(crate) pk: Option<LitStr>,
    /// Or the fields of a multi-attribute key (`index_multi.rs`).
    pub(crate) partition: Option<LitStr>,
    pub(crate) sort: Option<LitStr>,
    pub(crate) sk: Option<LitStr>,
    pub(crate) pk_attribute: Option<LitStr>,
    pub(crate) sk_attribute: Option<LitStr>,
    #[darling(default)]
    pub(crate) keys_only: darling::util::Flag,
    pub(crate) include: Option<LitStr>,
}

/// A global index whose keys are templates.
pub(crate) struct IndexTemplates {
    pub(crate) name: LitStr,
    pub(crate) partition: Template,
    pub(crate) sort: Option<Template>,
    pub(crate) projection: Projection,
}

impl IndexTemplates {
    /// The templates whose attributes this index adds to each item (one
    /// that names a table key attribute reuses it).
    pub(crate) fn written<'t>(
        &'t self,
        table: &'t Templates,
    ) -> impl Iterator<Item = &'t Template> {
        std::iter::once(&self.partition)
            .chain(&self.sort)
            .filter(move |t| !table.is_key_attribute(&t.attribute))
    }
}

/// Checks that a template naming a table key attribute is that key's.
fn reuses_table_key(t: &Template, table: &Templates, errors: &mut Accumulator) {
    let key = std::iter::once(&table.partition)
        .chain(&table.sort)
        .find(|k| k.attribute == t.attribute);
    if let Some(key) = key {
        if key.lit.value() != t.lit.value() {
            errors.push(
                Error::custom(format!(
                    "the index key attribute `{}` is the table's, whose template is `{}`: use that template, or another attribute (`pk_attribute = \"...\"`, `sk_attribute`)",
                    t.attribute,
                    key.lit.value()
                ))
                .with_span(&t.lit),
            );
        }
    }
}

pub(crate) fn resolve(
    gsis: Vec<GsiAttrs>,
    table: &Templates,
    fields: &mut [Field],
    errors: &mut Accumulator,
) -> Vec<IndexTemplates> {
    let mut out: Vec<IndexTemplates> = Vec::new();
    // each index key attribute of its own, but for a reused table key
    let mut written: Vec<String> = Vec::new();
    for g in gsis {
        let name = g.name.value();
        let Some(pk) = g.pk.clone() else {
            errors.push(
                Error::custom("`gsi(...)` needs its keys: `pk = \"...\"` (a key template) or `partition = \"a, b\"` (the fields of a multi-attribute key)")
                    .with_span(&g.name),
            );
            continue;
        };
        let projection = IndexOption::resolve(
            IndexAttrs {
                name: g.name.clone(),
                keys_only: g.keys_only,
                include: g.include.clone(),
            },
            errors,
        )
        .projection;
        let pk_attribute = name_or(g.pk_attribute, &format!("{name}_pk"), errors);
        let sk_attribute = name_or(g.sk_attribute, &format!("{name}_sk"), errors);
        for (attribute, lit) in [
            (&pk_attribute, &pk),
            (&sk_attribute, g.sk.as_ref().unwrap_or(&pk)),
        ] {
            if let Some(f) = fields
                .iter()
                .find(|f| !f.is_skipped() && f.attribute == *attribute)
            {
                errors.push(
                    Error::custom(format!(
                        "the index key attribute `{attribute}` is also the field `{}`'s: rename one",
                        f.ident
                    ))
                    .with_span(lit),
                );
            }
            if *attribute == table.entity_attribute {
                errors.push(
                    Error::custom(format!(
                        "the index key attribute `{attribute}` is the entity type's"
                    ))
                    .with_span(lit),
                );
            }
        }
        let keys = [
            (&pk_attribute, &pk),
            (&sk_attribute, g.sk.as_ref().unwrap_or(&pk)),
        ];
        let used = keys.iter().take(if g.sk.is_some() { 2 } else { 1 });
        for (attribute, lit) in used {
            if table.is_key_attribute(attribute) {
                continue;
            }
            if written.contains(attribute) {
                errors.push(
                    Error::custom(format!(
                        "the index key attribute `{attribute}` is another index key's too: give each its own (`pk_attribute = \"...\"`, `sk_attribute`)"
                    ))
                    .with_span(*lit),
                );
            }
            written.push((*attribute).clone());
        }
        let partition = template(pk, pk_attribute, KeyOf::Index, fields, errors);
        let sort =
            g.sk.map(|sk| template(sk, sk_attribute, KeyOf::Index, fields, errors));
        for t in std::iter::once(&partition).chain(&sort) {
            reuses_table_key(t, table, errors);
        }
        out.push(IndexTemplates {
            name: g.name,
            partition,
            sort,
            projection,
        });
    }
    out
}
