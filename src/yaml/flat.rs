//! A fast path for the commonest YAML of a course: front matter of flat
//! `key: value` lines whose values are plain text or whole numbers, such as
//!
//! ```yaml
//! title: 什么是服务卓越
//! summary: 从一个日常场景切入，给出服务卓越的定义。
//! order: 2
//! ```
//!
//! serde_yaml spends about 35,000 instructions on those three lines; this
//! reads them in a few hundred. It accepts only what it is sure YAML reads the
//! same way. Anything else returns `None` and the caller asks serde_yaml: quotes,
//! lists, comments, indentation, empty values, text that YAML would read as
//! null, a boolean or a float, and any error (unknown or duplicate fields, a
//! number where text is expected), so that the message is serde_yaml's. A test
//! compares both on many generated documents.

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, Visitor};

/// `yaml` deserialised as `T`, when every line is a simple `key: value`.
pub(super) fn parse<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    let mut pairs = Vec::with_capacity(4);
    for line in yaml.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        if !is_simple_key(key) {
            return None;
        }
        let value = value.trim_matches(' ');
        let scalar = if is_whole_number(value) {
            Scalar::Number(value.parse().ok()?)
        } else if is_plain_text(value) {
            Scalar::Text(value)
        } else {
            return None;
        };
        pairs.push((key, scalar));
    }
    T::deserialize(Flat {
        pairs: pairs.into_iter(),
        value: None,
    })
    .ok()
}

/// `title`, `duration_minutes`: lower-case ASCII, digits and `_`, from a letter.
fn is_simple_key(key: &str) -> bool {
    key.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `0` or a decimal number without leading zeros that fits in 9 digits.
fn is_whole_number(v: &str) -> bool {
    let b = v.as_bytes();
    !b.is_empty() && b.len() <= 9 && b.iter().all(u8::is_ascii_digit) && (b[0] != b'0' || b.len() == 1)
}

/// Text that YAML reads as that same string: it starts with a letter (any
/// script) and holds no sequence that could end it or start a comment, and no
/// character YAML treats as a line break or control character.
fn is_plain_text(v: &str) -> bool {
    let Some(first) = v.chars().next() else {
        return false;
    };
    let starts_well = first.is_ascii_alphabetic() || (!first.is_ascii() && first.is_alphabetic());
    starts_well
        && !v.ends_with(':')
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.contains('\t')
        && !v
            .chars()
            .any(|c| c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'))
        && !is_reserved_word(v)
}

/// Words YAML 1.1 or 1.2 reads as null or a boolean (in any letter case).
fn is_reserved_word(v: &str) -> bool {
    v.len() <= 5
        && ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]
            .iter()
            .any(|w| v.eq_ignore_ascii_case(w))
}

#[derive(Debug, Clone, Copy)]
enum Scalar<'a> {
    Text(&'a str),
    Number(u64),
}

/// Any failure: the caller falls back to serde_yaml, which explains it.
#[derive(Debug)]
struct NotFlat;

impl std::fmt::Display for NotFlat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a flat mapping")
    }
}

impl std::error::Error for NotFlat {}

impl de::Error for NotFlat {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotFlat
    }
}

/// The document: a mapping of the pairs, in order.
struct Flat<'a> {
    pairs: std::vec::IntoIter<(&'a str, Scalar<'a>)>,
    value: Option<Scalar<'a>>,
}

impl<'de> de::Deserializer<'de> for Flat<'de> {
    type Error = NotFlat;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotFlat> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Flat<'de> {
    type Error = NotFlat;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, NotFlat> {
        match self.pairs.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(Scalar::Text(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, NotFlat> {
        seed.deserialize(self.value.take().ok_or(NotFlat)?)
    }
}

impl<'de> de::Deserializer<'de> for Scalar<'de> {
    type Error = NotFlat;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotFlat> {
        match self {
            Scalar::Text(s) => visitor.visit_borrowed_str(s),
            Scalar::Number(n) => visitor.visit_u64(n),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotFlat> {
        visitor.visit_some(self)
    }

    /// A scalar where a list is expected: serde_yaml decides.
    fn deserialize_seq<V: Visitor<'de>>(self, _: V) -> Result<V::Value, NotFlat> {
        Err(NotFlat)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests;
