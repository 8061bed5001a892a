//! The checked model of a `#[derive(DynoValue)]` input: a struct stored as
//! a map, or an enum of unit variants stored as a string. Built once from
//! the parsed attributes, with every rule checked and every error
//! collected; code generation only reads it.

use crate::attr::{ValueAttrs, ValueFieldAttrs, VariantAttrs};
use crate::names::unraw;
use darling::FromDeriveInput;
use std::collections::HashMap;
use syn::{DeriveInput, Ident, LitStr, Path, Type};

pub(crate) struct ValueModel {
    pub(crate) ident: Ident,
    pub(crate) krate: Path,
    pub(crate) shape: Shape,
}

pub(crate) enum Shape {
    /// A struct with named fields, stored as a map.
    Map(Vec<ValueField>),
    /// An enum of unit variants, stored as a string.
    Text(Vec<Variant>),
}

pub(crate) struct ValueField {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    /// The map key it is stored under.
    pub(crate) attribute: String,
    /// `#[dyno(skip)]`: not stored, `Default` on read.
    pub(crate) skip: bool,
    /// `#[dyno(default)]`: a missing key reads as `Default::default()`.
    pub(crate) default: bool,
}

impl ValueField {
    /// The path constant's name: the field name in upper case.
    pub(crate) fn constant(&self) -> Ident {
        Ident::new(&unraw(&self.ident).to_uppercase(), self.ident.span())
    }
}

pub(crate) struct Variant {
    pub(crate) ident: Ident,
    /// The string it is stored as.
    pub(crate) stored: String,
}

impl ValueModel {
    pub(crate) fn from_input(input: &DeriveInput) -> darling::Result<Self> {
        let attrs = ValueAttrs::from_derive_input(input)?;
        let mut errors = darling::Error::accumulator();
        if !attrs.generics.params.is_empty() {
            errors.push(
                darling::Error::custom(
                    "`DynoValue` cannot be derived for a generic type; implement it by hand",
                )
                .with_span(&attrs.generics),
            );
        }
        let shape = match attrs.data {
            darling::ast::Data::Struct(fields) if fields.style == darling::ast::Style::Struct => {
                Shape::Map(map_fields(fields.fields, &mut errors))
            }
            darling::ast::Data::Struct(_) => {
                errors.push(
                    darling::Error::custom(
                        "`DynoValue` needs named fields (stored as a map) or an enum of unit variants",
                    )
                    .with_span(&attrs.ident),
                );
                Shape::Map(Vec::new())
            }
            darling::ast::Data::Enum(variants) => Shape::Text(text_variants(
                variants,
                attrs.rename_all.as_ref(),
                &mut errors,
            )),
        };
        errors.finish()?;
        Ok(ValueModel {
            ident: attrs.ident,
            krate: attrs
                .krate
                .unwrap_or_else(|| syn::parse_quote!(::dynox_core)),
            shape,
        })
    }
}

fn map_fields(
    fields: Vec<ValueFieldAttrs>,
    errors: &mut darling::error::Accumulator,
) -> Vec<ValueField> {
    let fields: Vec<ValueField> = fields
        .into_iter()
        .filter_map(|f| {
            let ident = f.ident?;
            if let Some(rename) = f.rename.as_ref().filter(|r| r.value().is_empty()) {
                errors.push(
                    darling::Error::custom("`#[dyno(rename = \"\")]`: a map key must not be empty")
                        .with_span(rename),
                );
            }
            Some(ValueField {
                attribute: f.rename.map_or_else(|| unraw(&ident), |r| r.value()),
                ident,
                ty: f.ty,
                skip: f.skip.is_present(),
                default: f.default.is_present(),
            })
        })
        .collect();
    distinct(
        fields
            .iter()
            .filter(|f| !f.skip)
            .map(|f| (f.attribute.as_str(), &f.ident)),
        "two fields are stored under the map key",
        errors,
    );
    fields
}

fn text_variants(
    variants: Vec<VariantAttrs>,
    rename_all: Option<&LitStr>,
    errors: &mut darling::error::Accumulator,
) -> Vec<Variant> {
    let rule = rename_all.and_then(|rule| match Rule::parse(&rule.value()) {
        Some(r) => Some(r),
        None => {
            errors.push(
                darling::Error::custom(
                    "unknown `rename_all` rule: use lowercase, UPPERCASE, snake_case, SCREAMING_SNAKE_CASE, kebab-case or camelCase",
                )
                .with_span(rule),
            );
            None
        }
    });
    let mut out = Vec::new();
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
        let stored = match (&v.rename, rule) {
            (Some(r), _) => r.value(),
            (None, Some(rule)) => rule.apply(&v.ident.to_string()),
            (None, None) => v.ident.to_string(),
        };
        out.push(Variant {
            ident: v.ident,
            stored,
        });
    }
    distinct(
        out.iter().map(|v| (v.stored.as_str(), &v.ident)),
        "two variants are stored as the string",
        errors,
    );
    out
}

/// Refuses a stored name given twice, at the second.
fn distinct<'a>(
    names: impl Iterator<Item = (&'a str, &'a Ident)>,
    what: &str,
    errors: &mut darling::error::Accumulator,
) {
    let mut seen: HashMap<&str, &Ident> = HashMap::new();
    for (name, ident) in names {
        if let Some(first) = seen.insert(name, ident) {
            errors.push(
                darling::Error::custom(format!(
                    "{what} `{name}` (`{first}` and `{ident}`); rename one"
                ))
                .with_span(ident),
            );
        }
    }
}

/// A `rename_all` rule.
#[derive(Clone, Copy)]
enum Rule {
    Lower,
    Upper,
    Snake,
    ScreamingSnake,
    Kebab,
    Camel,
}

impl Rule {
    fn parse(rule: &str) -> Option<Rule> {
        Some(match rule {
            "lowercase" => Rule::Lower,
            "UPPERCASE" => Rule::Upper,
            "snake_case" => Rule::Snake,
            "SCREAMING_SNAKE_CASE" => Rule::ScreamingSnake,
            "kebab-case" => Rule::Kebab,
            "camelCase" => Rule::Camel,
            _ => return None,
        })
    }

    /// The stored name of variant `name` (written in PascalCase).
    fn apply(self, name: &str) -> String {
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
        match self {
            Rule::Lower => name.to_lowercase(),
            Rule::Upper => name.to_uppercase(),
            Rule::Snake => lower.join("_"),
            Rule::ScreamingSnake => lower.join("_").to_uppercase(),
            Rule::Kebab => lower.join("-"),
            Rule::Camel => {
                let mut s = name.to_owned();
                if let Some(first) = s.get_mut(0..1) {
                    first.make_ascii_lowercase();
                }
                s
            }
        }
    }
}
