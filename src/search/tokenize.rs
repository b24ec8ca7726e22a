//! The search tokenizer. templates/search.js implements the same steps for
//! queries; tests/search.rs checks that both agree.
//!
//! 1. Normalise each character on its own (so offsets never move): full-width
//!    ASCII → ASCII, ideographic space → space, lower case (when it stays one
//!    character), Traditional → Simplified ([`super::normalize`]).
//! 2. Split into runs: CJK (Han, kana), word characters (letters, digits of
//!    any other script) and separators.
//! 3. A CJK run becomes overlapping bigrams; a one-character run a unigram. In
//!    the index the last character of every run is also a unigram, so that a
//!    one-character query finds every character as a term prefix.
//!    A word run is one token.
//!
//! [`scan`] does this without allocating a string per token (CJK terms are
//! [`CjkTerm`] integers); [`tokenize`] is the same scan with owned strings.

use super::normalize::{Class, Tables};
pub use super::normalize::{is_cjk, normalize, normalize_char};

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

/// A CJK unigram or bigram as one integer: the first character's code point
/// shifted left by 21 bits, or'ed with the second's (0 for a unigram).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CjkTerm(pub u64);

impl CjkTerm {
    fn unigram(c: char) -> CjkTerm {
        CjkTerm(u64::from(c as u32) << 21)
    }

    fn bigram(a: char, b: char) -> CjkTerm {
        CjkTerm(u64::from(a as u32) << 21 | u64::from(b as u32))
    }

    /// The first character's code point.
    pub fn first(self) -> u32 {
        (self.0 >> 21) as u32
    }

    /// The term as text.
    pub fn push_to(self, out: &mut String) {
        for u in [self.first(), (self.0 & 0x1F_FFFF) as u32] {
            if let Some(c) = char::from_u32(u).filter(|&c| c != '\0') {
                out.push(c);
            }
        }
    }
}

/// A token as [`scan`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'a> {
    Cjk(CjkTerm),
    /// A normalised word (at most [`MAX_WORD`] characters).
    Word(&'a str),
}

/// The run being scanned.
struct Run {
    class: Class,
    start: usize,
    len: usize,
    /// The last character of a CJK run.
    last: char,
}

/// Receives the tokens of a text from [`scan_into`].
pub trait TokenSink {
    fn cjk(&mut self, term: CjkTerm, start: usize);
    /// A normalised word (at most [`MAX_WORD`] characters).
    fn word(&mut self, word: &str, start: usize);
}

/// A closure as a [`TokenSink`].
struct FnSink<F>(F);

impl<F: FnMut(Term<'_>, usize)> TokenSink for FnSink<F> {
    fn cjk(&mut self, term: CjkTerm, start: usize) {
        (self.0)(Term::Cjk(term), start);
    }

    fn word(&mut self, word: &str, start: usize) {
        (self.0)(Term::Word(word), start);
    }
}

/// Reports the unigram or word that ends `run`.
#[inline(always)]
fn end_run(run: &Run, mode: Mode, word: &str, sink: &mut impl TokenSink) {
    match run.class {
        Class::Word => sink.word(word, run.start),
        Class::Cjk if run.len == 1 => sink.cjk(CjkTerm::unigram(run.last), run.start),
        Class::Cjk if mode == Mode::Index => sink.cjk(CjkTerm::unigram(run.last), run.start + run.len - 1),
        _ => {}
    }
}

/// Calls `f(term, start)` for every token of `text`, in order of their start
/// (`start` in characters). `word` is scratch space for word tokens.
pub fn scan(text: &str, mode: Mode, word: &mut String, f: impl FnMut(Term<'_>, usize)) {
    scan_into(text, mode, word, &mut FnSink(f));
}

/// [`scan`] into a [`TokenSink`].
#[inline(always)]
pub fn scan_into(text: &str, mode: Mode, word: &mut String, sink: &mut impl TokenSink) {
    let mut run = Run {
        class: Class::Other,
        start: 0,
        len: 0,
        last: '\0',
    };
    let tables = Tables::get();
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut pos = 0;
    while at < bytes.len() {
        if run.class == Class::Cjk {
            // Inside a CJK run: take the CJK Unified Ideographs that follow
            // (three bytes each, U+4E00..U+9FFF) without the general path.
            while let Some(&[b0, b1, b2]) = bytes.get(at..at + 3) {
                let u = u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
                if !(0xE4..=0xE9).contains(&b0) || !(0x4E00..=0x9FFF).contains(&u) {
                    break;
                }
                let c = tables.simplify(char::from_u32(u).unwrap_or('\0'));
                sink.cjk(CjkTerm::bigram(run.last, c), pos - 1);
                run.last = c;
                run.len += 1;
                pos += 1;
                at += 3;
            }
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at += c.len_utf8();
        let (c, class) = tables.normalize(c);
        if class != run.class {
            end_run(&run, mode, word, sink);
            run.class = class;
            run.start = pos;
            run.len = 0;
            word.clear();
        }
        match class {
            Class::Cjk => {
                if run.len > 0 {
                    sink.cjk(CjkTerm::bigram(run.last, c), pos - 1);
                }
                run.last = c;
            }
            Class::Word if run.len < MAX_WORD => word.push(c),
            _ => {}
        }
        run.len += 1;
        pos += 1;
    }
    end_run(&run, mode, word, sink);
}

/// The tokens of `text`, in order of their start.
pub fn tokenize(text: &str, mode: Mode) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    scan(text, mode, &mut word, |term, start| {
        let text = match term {
            Term::Word(w) => w.to_string(),
            Term::Cjk(t) => {
                let mut s = String::new();
                t.push_to(&mut s);
                s
            }
        };
        out.push(Token { text, start });
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_terms_round_trip() {
        let mut s = String::new();
        CjkTerm::bigram('客', '户').push_to(&mut s);
        CjkTerm::unigram('𠀀').push_to(&mut s);
        assert_eq!(s, "客户𠀀");
        assert_eq!(CjkTerm::bigram('客', '户').first(), '客' as u32);
    }

    #[test]
    fn words_are_cut_and_runs_end_at_class_changes() {
        let long = "a".repeat(40);
        let toks: Vec<(String, usize)> = tokenize(&format!("{long}服务x度"), Mode::Index)
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
}
