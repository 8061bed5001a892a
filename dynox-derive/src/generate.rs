//! `#[dyno(generate = "...", on = "...")]` on a field: which strategy makes
//! its value, and when (and where `write_once` may stand). Resolved and checked as the field's attributes are
//! read; whether the strategy can make the field's type is checked by the
//! compiler on the generated code, at the attribute.

use crate::attr::FieldAttrs;
use darling::error::Accumulator;
use darling::Error;
use proc_macro2::Span;
use syn::Ident;

/// The strategies, by the names the attribute takes, and their types in
/// `dynox_core::generate::strategy`.
const STRATEGIES: &[(&str, &str)] = &[
    ("uuid_v4", "UuidV4"),
    ("uuid_v7", "UuidV7"),
    ("ulid", "Ulid"),
    ("ksuid", "Ksuid"),
    ("epoch_seconds", "EpochSeconds"),
    ("epoch_millis", "EpochMillis"),
    ("rfc3339", "Rfc3339"),
];

/// A generated field's strategy and when it runs.
#[derive(Clone)]
pub(crate) struct Generate {
    /// The strategy's type.
    pub(crate) strategy: Ident,
    /// Made on every write, not only the first.
    pub(crate) on_write: bool,
    /// Where `generate` was written.
    pub(crate) span: Span,
}

/// `write_once` on a field that a write could not keep, or need not.
fn write_once_rules(a: &FieldAttrs, key: bool, errors: &mut Accumulator) {
    if !a.write_once.is_present() {
        return;
    }
    let why = if key {
        Some("a key never changes anyway")
    } else if a.skip.is_present() {
        Some("a skipped field is not stored")
    } else if a.version.is_present() {
        Some("the version changes on every write")
    } else if a.generate.is_some() && a.on.as_ref().is_some_and(|o| o.value() == "write") {
        Some("a value made on every write changes on every write")
    } else {
        None
    };
    if let Some(why) = why {
        errors.push(
            Error::custom(format!("`write_once` does not apply here: {why}"))
                .with_span(&a.write_once.span()),
        );
    }
}

pub(crate) fn resolve(a: &FieldAttrs, key: bool, errors: &mut Accumulator) -> Option<Generate> {
    write_once_rules(a, key, errors);
    let Some(lit) = &a.generate else {
        if let Some(on) = &a.on {
            errors.push(
                Error::custom("`on` says when `generate` runs: add `generate = \"...\"`")
                    .with_span(on),
            );
        }
        return None;
    };
    let name = lit.value();
    let Some((_, strategy)) = STRATEGIES.iter().find(|(n, _)| *n == name) else {
        let known: Vec<String> = STRATEGIES.iter().map(|(n, _)| format!("`{n}`")).collect();
        errors.push(
            Error::custom(format!(
                "no strategy `{name}`: choose one of {}",
                known.join(", ")
            ))
            .with_span(lit),
        );
        return None;
    };
    let on_write = match a.on.as_ref().map(|o| o.value()) {
        None => false,
        Some(o) if o == "create" => false,
        Some(o) if o == "write" => true,
        Some(o) => {
            errors.push(
                Error::custom(format!("`on = \"{o}\"`: choose `\"create\"` (the first write, the default) or `\"write\"` (every write)"))
                    .with_span(a.on.as_ref().unwrap_or(lit)),
            );
            false
        }
    };
    if on_write && key {
        errors.push(
            Error::custom("a key cannot be made again on every write: drop `on = \"write\"` (a generated key is made on the first write)")
                .with_span(lit),
        );
    }
    let kinds = [
        ("skip", a.skip.is_present()),
        ("version", a.version.is_present()),
        ("ttl", a.ttl.is_present()),
        ("serde", a.serde.is_present()),
    ];
    for (kind, present) in kinds {
        if present {
            errors.push(
                Error::custom(format!(
                    "`generate` cannot be used on a `#[dyno({kind})]` field"
                ))
                .with_span(lit),
            );
        }
    }
    Some(Generate {
        strategy: Ident::new(strategy, lit.span()),
        on_write,
        span: lit.span(),
    })
}
