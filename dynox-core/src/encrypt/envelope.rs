//! The stored form of one encrypted value, and the AES-256-GCM that seals
//! and opens it. The associated data binds the ciphertext to its table, its
//! item's key and its attribute, so a value copied anywhere else does not
//! open.

use super::DecryptError;
use crate::AttributeValue;
use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};

/// The first bytes of every envelope (`0xDC` is also compression's first
/// byte; `E` for encrypted), then the format's version.
const MAGIC: [u8; 2] = [0xDC, 0x45];
const VERSION: u8 = 1;
const TAG_LEN: usize = 16;
/// The plaintext's DynamoDB type, so opening gives back the same value.
const KIND_S: u8 = 1;
const KIND_B: u8 = 2;
/// Separates this format's associated data from any other use of a key.
const AAD_DOMAIN: &[u8] = b"dynox-encrypt/1\0";
/// How a write-only field holds a stored string it cannot open: this
/// prefix and the envelope in base64.
pub(crate) const SEALED_TEXT: &str = "dynox-sealed:";

/// The parts of an envelope, borrowed from its bytes.
#[derive(Debug)]
pub(crate) struct Envelope<'a> {
    kind: u8,
    /// The key provider's name of the master key that wrapped the data key.
    pub(crate) key_id: &'a str,
    /// The data key, as the key provider wrapped it.
    pub(crate) wrapped: &'a [u8],
    /// Everything before the nonce: authenticated with the value.
    header: &'a [u8],
    nonce: [u8; NONCE_LEN],
    sealed: &'a [u8],
}

impl<'a> Envelope<'a> {
    /// Splits stored bytes into their parts; `None` when they are not an
    /// envelope at all (no magic), an error when they are a broken one.
    pub(crate) fn parse(bytes: &'a [u8]) -> Option<Result<Self, DecryptError>> {
        if bytes.len() < 3 || bytes[..2] != MAGIC {
            return None;
        }
        Some(Self::parse_after_magic(bytes))
    }

    fn parse_after_magic(bytes: &'a [u8]) -> Result<Self, DecryptError> {
        let broken = |what: &str| DecryptError::Malformed(what.to_owned());
        if bytes[2] != VERSION {
            return Err(DecryptError::Malformed(format!(
                "format version {} (this dynox reads version {VERSION})",
                bytes[2]
            )));
        }
        let mut at = 3;
        let mut take = |n: usize| -> Result<&'a [u8], DecryptError> {
            let part = bytes
                .get(at..at + n)
                .ok_or_else(|| broken("the value is truncated"))?;
            at += n;
            Ok(part)
        };
        let kind = take(1)?[0];
        if kind != KIND_S && kind != KIND_B {
            return Err(broken("unknown plaintext type"));
        }
        let key_len = usize::from(take(1)?[0]);
        let key_id =
            std::str::from_utf8(take(key_len)?).map_err(|_| broken("the key id is not UTF-8"))?;
        let wrapped_len = take(2)?;
        let wrapped = take(usize::from(u16::from_be_bytes([
            wrapped_len[0],
            wrapped_len[1],
        ])))?;
        let header_len = 3 + 1 + 1 + key_len + 2 + wrapped.len();
        let nonce: [u8; NONCE_LEN] = take(NONCE_LEN)?
            .try_into()
            .map_err(|_| broken("the nonce is truncated"))?;
        let sealed = &bytes[header_len + NONCE_LEN..];
        if sealed.len() < TAG_LEN {
            return Err(broken("the value is truncated"));
        }
        Ok(Envelope {
            kind,
            key_id,
            wrapped,
            header: &bytes[..header_len],
            nonce,
            sealed,
        })
    }

    /// The plaintext value, if `key` and the binding open it.
    pub(crate) fn open(
        &self,
        key: &[u8; 32],
        binding: &Binding<'_>,
    ) -> Result<AttributeValue, DecryptError> {
        let cipher = cipher(key);
        let aad = binding.aad(self.header);
        let mut data = self.sealed.to_vec();
        let plain = cipher
            .open_in_place(
                Nonce::assume_unique_for_key(self.nonce),
                Aad::from(&aad),
                &mut data,
            )
            .map_err(|_| DecryptError::Tampered)?;
        let len = plain.len();
        data.truncate(len);
        match self.kind {
            KIND_S => String::from_utf8(data)
                .map(AttributeValue::S)
                .map_err(|_| DecryptError::Malformed("the text is not UTF-8".to_owned())),
            _ => Ok(AttributeValue::B(data.into())),
        }
    }

    /// The stored value as a write-only field holds it: the envelope itself
    /// for bytes, [`SEALED_TEXT`] and its base64 for text.
    pub(crate) fn kept(&self, stored: &[u8]) -> AttributeValue {
        match self.kind {
            KIND_S => AttributeValue::S(format!(
                "{SEALED_TEXT}{}",
                aws_smithy_types::base64::encode(stored)
            )),
            _ => AttributeValue::B(stored.to_vec().into()),
        }
    }
}

/// What a value is bound to: its table (the model's, before any prefix, so
/// a restored backup under another name still opens), its item's key, and
/// its attribute.
#[derive(Debug)]
pub(crate) struct Binding<'a> {
    pub(crate) table: &'a str,
    /// The key attributes, in the schema's order.
    pub(crate) key: [Option<(&'a str, &'a AttributeValue)>; 2],
    pub(crate) attribute: &'a str,
}

impl Binding<'_> {
    fn aad(&self, header: &[u8]) -> Vec<u8> {
        let mut aad = Vec::with_capacity(64 + header.len());
        aad.extend_from_slice(AAD_DOMAIN);
        aad.extend_from_slice(header);
        part(&mut aad, self.table.as_bytes());
        for (name, value) in self.key.iter().flatten() {
            part(&mut aad, name.as_bytes());
            match value {
                AttributeValue::S(s) => {
                    aad.push(b'S');
                    part(&mut aad, s.as_bytes());
                }
                AttributeValue::N(n) => {
                    aad.push(b'N');
                    part(&mut aad, canonical_number(n).as_bytes());
                }
                AttributeValue::B(b) => {
                    aad.push(b'B');
                    part(&mut aad, b.as_ref());
                }
                _ => aad.push(b'?'),
            }
        }
        part(&mut aad, self.attribute.as_bytes());
        aad
    }
}

/// Each part with its length first, so no two bindings share bytes.
fn part(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// A number's text as DynamoDB gives it back: no leading or trailing zeros,
/// `-0` as `0` (DynamoDB stores `1.50` and returns `1.5`, and the binding
/// must be the same both ways). Digits and an exponent, e.g. `15e-1`.
fn canonical_number(text: &str) -> String {
    let text = text.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i64>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    let exponent = exponent - frac.len() as i64;
    let trimmed = digits.trim_start_matches('0');
    let significant = trimmed.trim_end_matches('0');
    if significant.is_empty() {
        return "0".to_owned();
    }
    let exponent = exponent + (trimmed.len() - significant.len()) as i64;
    format!(
        "{}{significant}e{exponent}",
        if negative { "-" } else { "" }
    )
}

fn cipher(key: &[u8; 32]) -> LessSafeKey {
    // a 32-byte key is always a valid AES-256 key
    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).expect("AES-256 takes a 32-byte key"))
}

/// Seals `plain` (an S or B value) under `key`, bound to `binding`. `None`
/// for a value of another type (the derive only lets text and bytes be
/// encrypted).
pub(crate) fn seal(
    plain: &AttributeValue,
    key: &[u8; 32],
    key_id: &str,
    wrapped: &[u8],
    binding: &Binding<'_>,
) -> Option<Vec<u8>> {
    let (kind, bytes): (u8, &[u8]) = match plain {
        AttributeValue::S(s) => (KIND_S, s.as_bytes()),
        AttributeValue::B(b) => (KIND_B, b.as_ref()),
        _ => return None,
    };
    let key_id = key_id.as_bytes();
    let key_len = u8::try_from(key_id.len()).ok()?;
    let wrapped_len = u16::try_from(wrapped.len()).ok()?;
    let mut out =
        Vec::with_capacity(6 + key_id.len() + wrapped.len() + NONCE_LEN + bytes.len() + TAG_LEN);
    out.extend_from_slice(&MAGIC);
    out.push(VERSION);
    out.push(kind);
    out.push(key_len);
    out.extend_from_slice(key_id);
    out.extend_from_slice(&wrapped_len.to_be_bytes());
    out.extend_from_slice(wrapped);
    let header_len = out.len();
    let mut nonce = [0u8; NONCE_LEN];
    aws_lc_rs::rand::fill(&mut nonce).ok()?;
    out.extend_from_slice(&nonce);
    let aad = binding.aad(&out[..header_len]);
    let mut data = bytes.to_vec();
    cipher(key)
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(&aad),
            &mut data,
        )
        .ok()?;
    out.extend_from_slice(&data);
    Some(out)
}

/// The envelope a write-only field holds (loaded and not opened), if
/// `value` is one: written back unchanged, never sealed twice.
pub(crate) fn already_sealed(value: &AttributeValue) -> Option<Vec<u8>> {
    let bytes = match value {
        AttributeValue::B(b) => b.as_ref().to_vec(),
        AttributeValue::S(s) => {
            aws_smithy_types::base64::decode(s.strip_prefix(SEALED_TEXT)?).ok()?
        }
        _ => return None,
    };
    matches!(Envelope::parse(&bytes), Some(Ok(_))).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding<'a>(key: &'a AttributeValue, attribute: &'a str) -> Binding<'a> {
        Binding {
            table: "users",
            key: [Some(("pk", key)), None],
            attribute,
        }
    }

    #[test]
    fn seals_and_opens_text_and_bytes() {
        let key = [7u8; 32];
        let pk = AttributeValue::S("U1".into());
        for plain in [
            AttributeValue::S("123-45-6789".into()),
            AttributeValue::B(vec![0, 1, 2].into()),
            AttributeValue::S(String::new()),
        ] {
            let stored = seal(&plain, &key, "alias/k", b"wrapped", &binding(&pk, "ssn")).unwrap();
            let envelope = Envelope::parse(&stored).unwrap().unwrap();
            assert_eq!(envelope.key_id, "alias/k");
            assert_eq!(envelope.wrapped, b"wrapped");
            assert_eq!(envelope.open(&key, &binding(&pk, "ssn")).unwrap(), plain);
        }
    }

    #[test]
    fn another_item_attribute_key_or_table_does_not_open() {
        let key = [7u8; 32];
        let pk = AttributeValue::S("U1".into());
        let plain = AttributeValue::S("secret".into());
        let stored = seal(&plain, &key, "k", b"w", &binding(&pk, "ssn")).unwrap();
        let envelope = Envelope::parse(&stored).unwrap().unwrap();
        let other = AttributeValue::S("U2".into());
        assert!(matches!(
            envelope.open(&key, &binding(&other, "ssn")),
            Err(DecryptError::Tampered)
        ));
        assert!(matches!(
            envelope.open(&key, &binding(&pk, "card")),
            Err(DecryptError::Tampered)
        ));
        assert!(matches!(
            envelope.open(&[8u8; 32], &binding(&pk, "ssn")),
            Err(DecryptError::Tampered)
        ));
        let table = Binding {
            table: "admins",
            ..binding(&pk, "ssn")
        };
        assert!(matches!(
            envelope.open(&key, &table),
            Err(DecryptError::Tampered)
        ));
        // a numeric key binds by its value, however it is written
        let n = AttributeValue::N("1.50".into());
        let stored = seal(&plain, &key, "k", b"w", &binding(&n, "ssn")).unwrap();
        let back = AttributeValue::N("1.5".into());
        let envelope = Envelope::parse(&stored).unwrap().unwrap();
        assert_eq!(envelope.open(&key, &binding(&back, "ssn")).unwrap(), plain);
    }

    #[test]
    fn every_truncation_and_flipped_bit_is_an_error_not_a_panic() {
        let key = [7u8; 32];
        let pk = AttributeValue::S("U1".into());
        let stored = seal(
            &AttributeValue::S("secret".into()),
            &key,
            "k",
            b"w",
            &binding(&pk, "a"),
        )
        .unwrap();
        for len in 0..stored.len() {
            if let Some(Ok(e)) = Envelope::parse(&stored[..len]) {
                assert!(
                    e.open(&key, &binding(&pk, "a")).is_err(),
                    "truncated to {len}"
                );
            }
        }
        for i in 0..stored.len() {
            let mut bad = stored.clone();
            bad[i] ^= 0x01;
            if let Some(Ok(e)) = Envelope::parse(&bad) {
                assert!(
                    e.open(&key, &binding(&pk, "a")).is_err(),
                    "bit flipped at {i}"
                );
            }
        }
    }

    #[test]
    fn numbers_compare_by_value() {
        for (a, b) in [
            ("1.50", "1.5"),
            ("-0", "0"),
            ("0100", "100"),
            ("1e2", "100"),
            ("0.000", "0"),
        ] {
            assert_eq!(canonical_number(a), canonical_number(b), "{a} vs {b}");
        }
        assert_ne!(canonical_number("15"), canonical_number("1.5"));
        assert_ne!(canonical_number("-1"), canonical_number("1"));
    }

    #[test]
    fn a_write_only_field_keeps_the_envelope() {
        let key = [7u8; 32];
        let pk = AttributeValue::S("U1".into());
        let stored = seal(
            &AttributeValue::S("s".into()),
            &key,
            "k",
            b"w",
            &binding(&pk, "a"),
        )
        .unwrap();
        let envelope = Envelope::parse(&stored).unwrap().unwrap();
        let kept = envelope.kept(&stored);
        assert_eq!(already_sealed(&kept), Some(stored.clone()));
        assert_eq!(
            already_sealed(&AttributeValue::S("dynox-sealed:not base64!".into())),
            None
        );
        assert_eq!(already_sealed(&AttributeValue::S("plain".into())), None);
    }
}
