//! The search tokenizer. templates/search-core.js has the same functions, in
//! the same order, for queries; tests/data/search_vectors.json holds the
//! cases both must pass (tests/testsuite/search.rs and tests/js/search-core.test.js).
//!
//! 1. Each character is normalised on its own, so offsets never move:
//!    full-width ASCII → ASCII, ideographic space → space, lower case (when
//!    it stays one character), Traditional → Simplified ([`super::t2s`]).
//! 2. The text splits into runs: CJK characters (Han, kana), word characters
//!    (letters and digits of any other script) and the rest.
//! 3. A CJK run becomes its overlapping bigrams, a run of one character a
//!    unigram. In the index the last character of every run is a unigram
//!    too, so that a one-character query, which matches the terms it begins,
//!    finds every character. A word run is one token, cut at [`MAX_WORD`]
//!    characters.

use super::t2s;

/// The longest word token kept (longer words are cut, in both languages).
pub const MAX_WORD: usize = 32;

/// Han ideographs (with extensions and compatibility forms) and kana.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Normalises one character.
pub fn normalize_char(c: char) -> char {
    let c = match c as u32 {
        u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_cjk(c) {
        return t2s::simplify(c);
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Normalises a text, character by character.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().map(normalize_char));
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Cjk,
    Word,
    Other,
}

fn kind(c: char) -> Kind {
    if is_cjk(c) {
        Kind::Cjk
    } else if c.is_alphanumeric() {
        Kind::Word
    } else {
        Kind::Other
    }
}

/// Calls `token(term, start)` for every token of `text`, which must be
/// normalised, in order of their start (in characters); `index` adds the
/// unigram that ends each CJK run.
pub fn each_token<'t>(text: &'t str, index: bool, mut token: impl FnMut(&'t str, usize)) {
    let chars: Vec<(usize, Kind)> = text.char_indices().map(|(at, c)| (at, kind(c))).collect();
    // Where character `i` starts in `text`.
    let at = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut i = 0;
    while i < chars.len() {
        let k = chars[i].1;
        let mut j = i + 1;
        while j < chars.len() && chars[j].1 == k {
            j += 1;
        }
        match k {
            Kind::Word => token(&text[at(i)..at(j.min(i + MAX_WORD))], i),
            Kind::Cjk if j - i == 1 => token(&text[at(i)..at(j)], i),
            Kind::Cjk => {
                for b in i..j - 1 {
                    token(&text[at(b)..at(b + 2)], b);
                }
                if index {
                    token(&text[at(j - 1)..at(j)], j - 1);
                }
            }
            Kind::Other => {}
        }
        i = j;
    }
}

/// One token and the character offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
}

/// The tokens of `text` (normalised first), in order of their start.
pub fn tokenize(text: &str, index: bool) -> Vec<Token> {
    let mut out = Vec::new();
    each_token(&normalize(text), index, |t, start| {
        out.push(Token {
            text: t.to_string(),
            start,
        })
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_end_where_the_kind_of_character_changes() {
        let long = "a".repeat(40);
        let toks: Vec<(String, usize)> = tokenize(&format!("{long}服务x度"), true)
            .into_iter()
            .map(|t| (t.text, t.start))
            .collect();
        assert_eq!(
            toks,
            [
                ("a".repeat(32), 0),
                ("服务".into(), 40),
                ("务".into(), 41),
                ("x".into(), 42),
                ("度".into(), 43)
            ]
        );
    }

    #[test]
    fn normalising_never_changes_whether_a_character_is_cjk() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let n = normalize_char(c);
            assert_eq!(kind(n) == Kind::Cjk, is_cjk(c), "U+{:04X}", c as u32);
        }
    }
}
