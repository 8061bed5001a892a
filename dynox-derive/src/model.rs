//! The checked model: what the attributes mean, with the tokens kept for spans.

use crate::attr::{IndexAttrs, ModelAttrs};
use crate::field::{Field, FieldKind};
use crate::template::Templates;
use darling::error::Accumulator;
use darling::Error;
use syn::{Ident, LitStr, Path, Visibility};

pub(crate) struct Model {
    pub(crate) ident: Ident,
    pub(crate) vis: Visibility,
    pub(crate) krate: Path,
    /// The table name; empty only when an error was reported.
    pub(crate) table: String,
    pub(crate) consistent_read: bool,
    /// The largest item, in bytes, that a save may write.
    pub(crate) max_size: Option<usize>,
    pub(crate) skip_hooks: bool,
    pub(crate) hooks: bool,
    pub(crate) generics: syn::Generics,
    pub(crate) fields: Vec<Field>,
    /// Projection options of secondary indexes.
    pub(crate) index_options: Vec<IndexOption>,
    /// DynamoDB's name of the stream view `create_table` turns on.
    pub(crate) stream: Option<&'static str>,
    /// Key templates (`pk = "USER#{id}"`), which replace key fields.
    pub(crate) templates: Option<Templates>,
    /// Global indexes with multi-attribute keys.
    pub(crate) multi_indexes: Vec<crate::index_multi::MultiIndexDef>,
}

/// `#[dyno(index(name = "...", ...))]`: how a secondary index projects.
pub(crate) struct IndexOption {
    pub(crate) name: LitStr,
    pub(crate) projection: Projection,
}

impl IndexOption {
    pub(crate) fn resolve(o: IndexAttrs, errors: &mut Accumulator) -> Self {
        if o.keys_only.is_present() && o.include.is_some() {
            errors.push(
                Error::custom("choose one projection: `keys_only` or `include = \"...\"`")
                    .with_span(&o.keys_only.span()),
            );
        }
        let projection = match (o.keys_only.is_present(), &o.include) {
            (true, _) => Projection::KeysOnly,
            (false, Some(list)) => Projection::Include(
                list.value()
                    .split(',')
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect(),
            ),
            (false, None) => Projection::All,
        };
        IndexOption {
            name: o.name,
            projection,
        }
    }
}

/// The stream views DynamoDB has, by the names the attribute takes.
const STREAM_VIEWS: &[(&str, &str)] = &[
    ("keys_only", "KEYS_ONLY"),
    ("new_image", "NEW_IMAGE"),
    ("old_image", "OLD_IMAGE"),
    ("new_and_old_images", "NEW_AND_OLD_IMAGES"),
];

fn stream_view(s: &LitStr, errors: &mut Accumulator) -> Option<&'static str> {
    let found = STREAM_VIEWS.iter().find(|(name, _)| *name == s.value());
    if found.is_none() {
        errors.push(
            Error::custom(format!(
                "no stream view `{}`: choose one of {}",
                s.value(),
                STREAM_VIEWS
                    .iter()
                    .map(|(n, _)| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .with_span(s),
        );
    }
    found.map(|(_, view)| *view)
}

/// A size limit of zero would refuse every item.
fn max_size(m: &syn::LitInt, errors: &mut Accumulator) -> Option<usize> {
    match m.base10_parse::<usize>() {
        Ok(0) => errors.push(Error::custom("`max_size` must be at least 1 byte").with_span(m)),
        Ok(n) => return Some(n),
        Err(e) => errors.push(
            Error::custom(format!("`max_size` must be a whole number of bytes: {e}")).with_span(m),
        ),
    }
    None
}

impl Model {
    /// A model is a struct with named fields; checked first and alone, as
    /// every other rule is about named fields.
    pub(crate) fn shape(attrs: &ModelAttrs) -> darling::Result<()> {
        match &attrs.data {
            darling::ast::Data::Struct(f) if f.style == darling::ast::Style::Struct => Ok(()),
            _ => Err(Error::custom(
                "`DynoModel` needs a struct with named fields, one per attribute",
            )
            .with_span(&attrs.ident)),
        }
    }

    /// The model of a parsed struct of the right `shape`, its options
    /// resolved; errors in them go to `errors`.
    pub(crate) fn resolve(mut attrs: ModelAttrs, errors: &mut Accumulator) -> Self {
        // multi-attribute indexes name fields; templated ones, templates
        let (multi, templated): (Vec<_>, Vec<_>) = std::mem::take(&mut attrs.gsi_templates)
            .into_iter()
            .partition(|g| g.partition.is_some());
        attrs.gsi_templates = templated;
        let options = crate::template::Options::take(&mut attrs);
        let mut fields: Vec<Field> = attrs
            .data
            .take_struct()
            .map(|f| f.fields)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| Field::resolve(a, errors))
            .collect();
        let templates = crate::template::resolve(options, &mut fields, errors);
        let multi_indexes = crate::index_multi::resolve(multi, &fields, errors);
        let table = match attrs.table {
            None => {
                errors.push(
                    Error::custom("missing `#[dyno(table = \"...\")]`: name the DynamoDB table this struct is stored in")
                        .with_span(&attrs.ident),
                );
                String::new()
            }
            Some(t) if t.value().is_empty() => {
                errors.push(
                    Error::custom("`#[dyno(table = \"\")]`: the table name must not be empty")
                        .with_span(&t),
                );
                String::new()
            }
            Some(t) => t.value(),
        };
        Model {
            ident: attrs.ident,
            vis: attrs.vis,
            krate: attrs
                .krate
                .unwrap_or_else(|| syn::parse_quote!(::dynox_core)),
            table,
            consistent_read: attrs.consistent_read,
            max_size: attrs.max_size.and_then(|m| max_size(&m, errors)),
            stream: attrs.stream.and_then(|s| stream_view(&s, errors)),
            skip_hooks: attrs.skip_hooks,
            hooks: attrs.hooks,
            generics: attrs.generics,
            fields,
            templates,
            multi_indexes,
            index_options: attrs
                .index_options
                .into_iter()
                .map(|o| IndexOption::resolve(o, errors))
                .collect(),
        }
    }

    /// Stored fields (not skipped), in declaration order.
    pub(crate) fn stored(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| !f.is_skipped())
    }

    pub(crate) fn partition_key(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.is_partition_key())
    }

    pub(crate) fn sort_key(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.is_sort_key())
    }

    /// The fields of the typed key, in the order key arguments take them:
    /// partition key, then sort key; or the key templates' placeholders.
    pub(crate) fn keys(&self) -> Vec<&Field> {
        match &self.templates {
            Some(t) => t
                .parts()
                .into_iter()
                .filter_map(|ident| self.field(ident))
                .collect(),
            None => self
                .partition_key()
                .into_iter()
                .chain(self.sort_key())
                .collect(),
        }
    }

    pub(crate) fn field(&self, ident: &Ident) -> Option<&Field> {
        self.fields.iter().find(|f| f.ident == *ident)
    }

    pub(crate) fn key_ident(&self) -> Ident {
        Ident::new(&format!("{}Key", self.ident), self.ident.span())
    }

    pub(crate) fn version(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.is_version())
    }

    /// The names of the secondary indexes the fields declare.
    pub(crate) fn index_names(&self) -> Vec<String> {
        self.stored()
            .flat_map(|f| f.gsi.iter().chain(&f.lsi))
            .map(|n| n.value())
            .collect()
    }

    pub(crate) fn ttl(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.kind == FieldKind::Ttl)
    }
}

/// A secondary index, worked out once from the fields' `gsi`, `gsi_sort`
/// and `lsi` and the model's `index(...)` options.
pub(crate) struct IndexDef<'a> {
    pub(crate) name: &'a LitStr,
    /// A local index shares the table's partition key.
    pub(crate) local: bool,
    pub(crate) partition: &'a Field,
    pub(crate) sort: Option<&'a Field>,
    pub(crate) projection: Projection,
}

/// Which attributes an index copies.
#[derive(Clone)]
pub(crate) enum Projection {
    All,
    KeysOnly,
    Include(Vec<String>),
}

impl Model {
    /// The secondary indexes: global ones in field order, then local ones.
    pub(crate) fn indexes(&self) -> Vec<IndexDef<'_>> {
        let mut out = Vec::new();
        for pk in self.stored() {
            for name in &pk.gsi {
                let sort = self
                    .stored()
                    .find(|f| f.gsi_sort.iter().any(|s| s.value() == name.value()));
                out.push(IndexDef {
                    name,
                    local: false,
                    partition: pk,
                    sort,
                    projection: self.projection(name),
                });
            }
        }
        if let Some(table_pk) = self.partition_key() {
            for f in self.stored() {
                for name in &f.lsi {
                    out.push(IndexDef {
                        name,
                        local: true,
                        partition: table_pk,
                        sort: Some(f),
                        projection: self.projection(name),
                    });
                }
            }
        }
        out
    }

    /// The projection of index `name`: ALL unless `index(...)` says otherwise.
    fn projection(&self, name: &LitStr) -> Projection {
        self.index_options
            .iter()
            .find(|o| o.name.value() == name.value())
            .map_or(Projection::All, |o| o.projection.clone())
    }
}
