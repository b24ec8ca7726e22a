//! The search tokenizer. templates/search.js implements the same steps for
//! queries; tests/search.rs checks that both agree.
//!
//! 1. Normalise each character on its own (so offsets never move): full-width
//!    ASCII → ASCII, ideographic space → space, lower case (when it stays one
//!    character), Traditional → Simplified ([`super::t2s`]).
//! 2. Split into runs: CJK (Han, kana), word characters (letters, digits of
//!    any other script) and separators.
//! 3. A CJK run becomes overlapping bigrams; a one-character run a unigram. In
//!    the index the last character of every run is also a unigram, so that a
//!    one-character query finds every character as a term prefix.
//!    A word run is one token.

use super::t2s;

/// One token and the character offset (in `char`s) where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
}

/// What the tokens are for: the index adds run-final unigrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Index,
    Query,
}

/// Longest word token kept (longer words are cut, in both languages).
pub const MAX_WORD: usize = 32;

/// Normalises one character.
pub fn normalize_char(c: char) -> char {
    let u = c as u32;
    let c = if (0xFF01..=0xFF5E).contains(&u) {
        char::from_u32(u - 0xFEE0).unwrap_or(c)
    } else if u == 0x3000 {
        ' '
    } else {
        c
    };
    let c = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if is_cjk(c) {
        // No case (the common path in Chinese text).
        c
    } else {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    };
    t2s::simplify(c)
}

/// Normalises a whole text, character by character.
pub fn normalize(text: &str) -> String {
    text.chars().map(normalize_char).collect()
}

/// Han ideographs (with extensions and compatibility forms) and kana.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Other,
}

fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    }
}

/// The tokens of `text`, in order of their start.
pub fn tokenize(text: &str, mode: Mode) -> Vec<Token> {
    let chars: Vec<char> = text.chars().map(normalize_char).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let kind = class(chars[i]);
        let mut j = i + 1;
        while j < chars.len() && class(chars[j]) == kind {
            j += 1;
        }
        let run = &chars[i..j];
        match kind {
            Class::Word => out.push(Token {
                text: run.iter().take(MAX_WORD).collect(),
                start: i,
            }),
            Class::Cjk if run.len() == 1 => out.push(Token {
                text: run[0].to_string(),
                start: i,
            }),
            Class::Cjk => {
                for k in 0..run.len() - 1 {
                    out.push(Token {
                        text: run[k..k + 2].iter().collect(),
                        start: i + k,
                    });
                }
                if mode == Mode::Index {
                    out.push(Token {
                        text: run[run.len() - 1].to_string(),
                        start: j - 1,
                    });
                }
            }
            Class::Other => {}
        }
        i = j;
    }
    out
}

/// A query term matches every index term it is a prefix of (words and single
/// CJK characters), or only itself (CJK bigrams).
pub fn is_prefix_term(term: &str) -> bool {
    let mut chars = term.chars();
    match (chars.next(), chars.next()) {
        (Some(_), None) => true,
        (Some(c), Some(_)) => !is_cjk(c),
        _ => false,
    }
}

/// The shard (of `shards`) that holds `term`: its first character's code
/// point modulo the shard count, so a prefix and its words share a shard.
pub fn shard_of(term: &str, shards: usize) -> usize {
    let first = term.chars().next().map_or(0, |c| c as usize);
    first % shards.max(1)
}
