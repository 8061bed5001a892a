//! Key templates (`pk = "USER#{id}"`): parsed, their placeholders matched
//! to fields, and those fields given the key-part role. Every rule of a
//! template is checked here, with the error at the template.

use crate::attr::ModelAttrs;
use crate::field::{Field, FieldKind, Role};
use crate::names::{is_option, unraw};
use darling::error::Accumulator;
use darling::Error;
use syn::{Ident, LitStr};

/// The most placeholders one template takes (`dynox_core`'s stored keys
/// hold as many).
const MAX_PARTS: usize = 8;

/// A templated model's keys and entity type.
pub(crate) struct Templates {
    pub(crate) partition: Template,
    pub(crate) sort: Option<Template>,
    /// The entity type stored in each item.
    pub(crate) entity: String,
    /// The attribute that holds it.
    pub(crate) entity_attribute: String,
    /// Global indexes whose keys are templates.
    pub(crate) indexes: Vec<crate::template_index::IndexTemplates>,
}

/// One key attribute's template.
pub(crate) struct Template {
    pub(crate) lit: LitStr,
    /// The key attribute it composes.
    pub(crate) attribute: String,
    pub(crate) segments: Vec<Segment>,
}

pub(crate) enum Segment {
    Text(String),
    /// A placeholder: the field it names.
    Part(Ident),
}

impl Template {
    /// The fields named, in order.
    pub(crate) fn parts(&self) -> impl Iterator<Item = &Ident> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Part(f) => Some(f),
            Segment::Text(_) => None,
        })
    }

    /// The template with its placeholders unnamed (`USER#{}`): templates
    /// of the same shape make the same keys of the same values.
    pub(crate) fn shape(&self) -> String {
        let segments: Vec<&str> = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.as_str(),
                Segment::Part(_) => "{}",
            })
            .collect();
        segments.join("#")
    }

    /// The fixed text before the first placeholder, separators included.
    pub(crate) fn prefix(&self) -> String {
        let mut out = String::new();
        for s in &self.segments {
            match s {
                Segment::Text(t) => {
                    out.push_str(t);
                    out.push('#');
                }
                Segment::Part(_) => return out,
            }
        }
        out.pop();
        out
    }
}

impl Templates {
    /// Every field a template names, the table's and its indexes', once.
    pub(crate) fn all_parts(&self) -> Vec<&Ident> {
        let mut out = self.parts();
        let indexes = self.indexes.iter().flat_map(|i| {
            i.partition
                .parts()
                .chain(i.sort.iter().flat_map(|t| t.parts()))
        });
        for f in indexes {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }

    /// Whether `attribute` is the table's partition or sort key.
    pub(crate) fn is_key_attribute(&self, attribute: &str) -> bool {
        self.partition.attribute == attribute
            || self.sort.as_ref().is_some_and(|s| s.attribute == attribute)
    }

    /// The placeholder fields in order, each once: the partition
    /// template's, then the sort template's.
    pub(crate) fn parts(&self) -> Vec<&Ident> {
        let mut out: Vec<&Ident> = Vec::new();
        for f in self
            .partition
            .parts()
            .chain(self.sort.iter().flat_map(|t| t.parts()))
        {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }
}

/// Splits `lit` into segments, each fixed text or one `{field}`.
fn parse(lit: &LitStr, errors: &mut Accumulator) -> Vec<(String, bool)> {
    let text = lit.value();
    let mut out = Vec::new();
    if text.is_empty() {
        errors.push(Error::custom("a key template must not be empty").with_span(lit));
        return out;
    }
    for segment in text.split('#') {
        let placeholder = segment
            .strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .filter(|name| !name.contains(['{', '}']));
        match placeholder {
            Some("") => errors.push(
                Error::custom("`{}` names no field: write `{field}`").with_span(lit),
            ),
            Some(name) => out.push((name.to_owned(), true)),
            None if segment.contains(['{', '}']) => errors.push(
                Error::custom(format!(
                    "`{segment}`: a segment of a key template is fixed text or one placeholder, `{{field}}`, separated by `#` (`USER#{{id}}`)"
                ))
                .with_span(lit),
            ),
            None if segment.is_empty() => errors.push(
                Error::custom(format!(
                    "`{text}` has an empty segment: separate fixed text and placeholders by one `#`"
                ))
                .with_span(lit),
            ),
            None => out.push((segment.to_owned(), false)),
        }
    }
    if out.iter().filter(|(_, part)| *part).count() > MAX_PARTS {
        errors.push(
            Error::custom(format!(
                "a key template takes at most {MAX_PARTS} placeholders"
            ))
            .with_span(lit),
        );
    }
    out
}

pub(crate) fn name_or(lit: Option<LitStr>, default: &str, errors: &mut Accumulator) -> String {
    match lit {
        Some(l) if l.value().is_empty() => {
            errors.push(Error::custom("an attribute name must not be empty").with_span(&l));
            default.to_owned()
        }
        Some(l) => l.value(),
        None => default.to_owned(),
    }
}

/// Whose key a template composes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyOf {
    /// The table's: the fields take the key-part role.
    Table,
    /// A secondary index's: the fields are marked as feeding it.
    Index,
}

/// The placeholder `name` of `lit` as a field: it must exist and be one a
/// key can be made of; it takes the key-part role, or is marked as
/// feeding an index.
fn claim(
    name: &str,
    lit: &LitStr,
    of: KeyOf,
    fields: &mut [Field],
    errors: &mut Accumulator,
) -> Option<Ident> {
    let Some(f) = fields.iter_mut().find(|f| unraw(&f.ident) == name) else {
        let known: Vec<String> = fields
            .iter()
            .map(|f| format!("`{}`", unraw(&f.ident)))
            .collect();
        errors.push(
            Error::custom(format!(
                "`{{{name}}}` names no field of this struct (it has {})",
                known.join(", ")
            ))
            .with_span(lit),
        );
        return None;
    };
    let refused = match f.role {
        _ if f.encrypt.is_some() => Some("is encrypted, and DynamoDB compares and shows keys"),
        _ if f.s3.is_some() => Some("is stored in S3"),
        _ if f.sensitive => {
            Some("is `#[dyno(sensitive)]`, and a key shows in every request, log line and error")
        }
        Role::Skipped => Some("is `#[dyno(skip)]`, not stored"),
        Role::Version(_) => Some("is the `#[dyno(version)]` counter, which changes on every save"),
        _ if f.kind == FieldKind::Ttl => Some("is a `#[dyno(ttl)]` field"),
        _ if f.kind == FieldKind::Serde => Some("is stored through serde, not as key text"),
        _ if matches!(f.kind, FieldKind::Compressed { .. }) => {
            Some("is stored compressed, not as key text")
        }
        _ if is_option(&f.ty) => Some("is an `Option`, and a key is never absent"),
        _ => None,
    };
    if let Some(why) = refused {
        errors.push(
            Error::custom(format!(
                "`{{{name}}}`: the field `{name}` {why}, so it cannot be part of a key"
            ))
            .with_span(lit),
        );
        return None;
    }
    match of {
        KeyOf::Table if matches!(f.role, Role::Attribute) => f.role = Role::KeyPart(lit.span()),
        KeyOf::Table => {}
        KeyOf::Index => f.index_part = Some(lit.span()),
    }
    Some(f.ident.clone())
}

pub(crate) fn template(
    lit: LitStr,
    attribute: String,
    of: KeyOf,
    fields: &mut [Field],
    errors: &mut Accumulator,
) -> Template {
    let mut segments = Vec::new();
    let mut seen = Vec::new();
    for (text, part) in parse(&lit, errors) {
        if !part {
            segments.push(Segment::Text(text));
            continue;
        }
        if seen.contains(&text) {
            errors.push(
                Error::custom(format!("`{{{text}}}` appears twice in one template"))
                    .with_span(&lit),
            );
            continue;
        }
        seen.push(text.clone());
        if let Some(f) = claim(&text, &lit, of, fields, errors) {
            segments.push(Segment::Part(f));
        }
    }
    Template {
        lit,
        attribute,
        segments,
    }
}

/// A model's template options, taken from its attributes.
pub(crate) struct Options {
    pk: Option<LitStr>,
    sk: Option<LitStr>,
    pk_attribute: Option<LitStr>,
    sk_attribute: Option<LitStr>,
    entity: Option<LitStr>,
    entity_attribute: Option<LitStr>,
    gsis: Vec<crate::template_index::GsiAttrs>,
    ident: Ident,
}

impl Options {
    pub(crate) fn take(attrs: &mut ModelAttrs) -> Self {
        Options {
            pk: attrs.pk.take(),
            sk: attrs.sk.take(),
            pk_attribute: attrs.pk_attribute.take(),
            sk_attribute: attrs.sk_attribute.take(),
            entity: attrs.entity.take(),
            entity_attribute: attrs.entity_attribute.take(),
            gsis: std::mem::take(&mut attrs.gsi_templates),
            ident: attrs.ident.clone(),
        }
    }
}

/// The templates of a model, if it has any; the fields they name take
/// the key-part role.
pub(crate) fn resolve(
    mut attrs: Options,
    fields: &mut [Field],
    errors: &mut Accumulator,
) -> Option<Templates> {
    let Some(pk) = attrs.pk.take() else {
        let options = [
            ("sk", &attrs.sk),
            ("pk_attribute", &attrs.pk_attribute),
            ("sk_attribute", &attrs.sk_attribute),
            ("entity", &attrs.entity),
            ("entity_attribute", &attrs.entity_attribute),
        ];
        for g in &attrs.gsis {
            errors.push(
                Error::custom("`gsi(...)` with key templates belongs to a model with key templates: add `pk = \"...\"`, or declare the index on a field (`#[dyno(gsi = \"...\")]`)")
                    .with_span(&g.name),
            );
        }
        for (option, lit) in options {
            if let Some(lit) = lit {
                errors.push(
                    Error::custom(format!(
                        "`{option}` belongs to a model with key templates: add `pk = \"...\"`"
                    ))
                    .with_span(lit),
                );
            }
        }
        return None;
    };
    for f in fields.iter() {
        if f.is_partition_key() || f.is_sort_key() {
            errors.push(
                Error::custom("a model with key templates has no key fields: its keys are composed from the fields that `pk = \"...\"` and `sk = \"...\"` name")
                    .with_span(&f.role_span()),
            );
        }
    }
    let pk_attribute = name_or(attrs.pk_attribute.take(), "pk", errors);
    let sk_attribute = name_or(attrs.sk_attribute.take(), "sk", errors);
    let entity = name_or(attrs.entity.take(), &attrs.ident.to_string(), errors);
    let entity_attribute = name_or(attrs.entity_attribute.take(), "_et", errors);
    let names = [
        (&pk_attribute, &pk),
        (&sk_attribute, attrs.sk.as_ref().unwrap_or(&pk)),
        (&entity_attribute, &pk),
    ];
    for (name, lit) in names {
        if let Some(f) = fields
            .iter()
            .find(|f| !f.is_skipped() && f.attribute == *name)
        {
            errors.push(
                Error::custom(format!(
                    "the key template's attribute `{name}` is also the field `{}`'s: rename one (`pk_attribute = \"...\"`, `sk_attribute`, `entity_attribute`, or the field's `rename`)",
                    f.ident
                ))
                .with_span(lit),
            );
        }
    }
    if pk_attribute == sk_attribute
        || entity_attribute == pk_attribute
        || entity_attribute == sk_attribute
    {
        errors.push(
            Error::custom(
                "the key attributes and the entity type attribute need three different names",
            )
            .with_span(&pk),
        );
    }
    let partition = template(pk, pk_attribute, KeyOf::Table, fields, errors);
    let sort = attrs
        .sk
        .take()
        .map(|sk| template(sk, sk_attribute, KeyOf::Table, fields, errors));
    let mut templates = Templates {
        partition,
        sort,
        entity,
        entity_attribute,
        indexes: Vec::new(),
    };
    templates.indexes = crate::template_index::resolve(attrs.gsis, &templates, fields, errors);
    Some(templates)
}
