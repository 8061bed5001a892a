//! `#[dyno(encrypt(key = "alias/app", mode = "write_only"))]` on a field:
//! which master key, what this program may do, and where encryption may
//! stand. Resolved as the field's attributes are read; whether the type
//! can be encrypted is checked by the compiler at the field's type.

use crate::attr::FieldAttrs;
use darling::error::Accumulator;
use darling::Error;
use syn::LitStr;

/// `encrypt(...)` as written.
#[derive(darling::FromMeta, Clone)]
pub(crate) struct EncryptAttrs {
    /// The master key's id, as the key provider knows it.
    key: LitStr,
    /// `read_write` (the default), `write_only` or `read_only`.
    mode: Option<LitStr>,
}

/// An encrypted field's key and mode.
pub(crate) struct Encrypt {
    pub(crate) key: LitStr,
    /// The variant of `dynox_core::encrypt::Mode`.
    pub(crate) mode: &'static str,
}

impl Encrypt {
    /// Loads keep the stored ciphertext.
    pub(crate) fn write_only(&self) -> bool {
        self.mode == "WriteOnly"
    }
}

const MODES: &[(&str, &str)] = &[
    ("read_write", "ReadWrite"),
    ("write_only", "WriteOnly"),
    ("read_only", "ReadOnly"),
];

/// The field's encryption, or `None` for a field that is not encrypted.
pub(crate) fn resolve(a: &FieldAttrs, key: bool, errors: &mut Accumulator) -> Option<Encrypt> {
    let e = a.encrypt.as_ref()?;
    let span = &e.key;
    let refuse = |why: &str, errors: &mut Accumulator| {
        errors.push(Error::custom(format!("`encrypt` cannot be used {why}")).with_span(span));
    };
    if key {
        refuse(
            "on a key: DynamoDB compares and shows keys; keep secrets out of keys",
            errors,
        );
    }
    // `s3` names the clash itself
    for (kind, present) in a.storage_options() {
        if present && !["encrypt", "s3"].contains(&kind) {
            refuse(&format!("with `#[dyno({kind})]`"), errors);
        }
    }
    if !a.gsi.is_empty() || !a.gsi_sort.is_empty() || !a.lsi.is_empty() {
        refuse("on an index key: DynamoDB compares index keys", errors);
    }
    if e.key.value().is_empty() {
        refuse(
            "with an empty `key`: name the master key (a KMS key id, ARN or alias)",
            errors,
        );
    }
    if e.key.value().len() > 255 {
        refuse("with a `key` id longer than 255 bytes", errors);
    }
    let mode = match &e.mode {
        None => "ReadWrite",
        Some(lit) => match MODES.iter().find(|(n, _)| *n == lit.value()) {
            Some((_, variant)) => variant,
            None => {
                errors.push(
                    Error::custom(format!(
                        "unknown encryption mode `{}`: choose `read_write` (the default), `write_only` or `read_only`",
                        lit.value()
                    ))
                    .with_span(lit),
                );
                "ReadWrite"
            }
        },
    };
    Some(Encrypt {
        key: e.key.clone(),
        mode,
    })
}
