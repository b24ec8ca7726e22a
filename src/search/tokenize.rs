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

    /// A character that is neither CJK nor part of a word (punctuation,
    /// spaces, controls), as it is in the text (not normalised).
    #[inline(always)]
    fn separator(&mut self, _: char) {}

    /// The bigrams of the fast path, the first starting at `start` and each
    /// next one a character later. A sink that counts can take them all in
    /// one loop of its own (most of a Chinese text passes through here).
    #[inline(always)]
    fn cjk_bigrams(&mut self, bigrams: &mut CjkBigrams<'_>, start: usize) {
        for (n, term) in bigrams.enumerate() {
            self.cjk(term, start + n);
        }
    }
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

/// The fast path of [`scan_into`]: inside a CJK run, the CJK Unified
/// Ideographs that follow ([`t2s::BLOCK`], three bytes each: most of a
/// Chinese text), each simplified and paired with the one before as a bigram,
/// without the general path's decoding and classification. It stops before
/// any other character, which the general path then takes.
///
/// Its state is kept small (the rest of the text and the last character) so
/// that a sink's loop over it keeps everything in registers.
#[derive(Debug, Clone)]
pub struct CjkBigrams<'a> {
    /// The text from the next character on.
    rest: &'a [u8],
    /// The last (simplified) character of the run.
    last: u32,
    t2s: &'a t2s::Table,
}

impl Iterator for CjkBigrams<'_> {
    type Item = CjkTerm;

    #[inline(always)]
    fn next(&mut self) -> Option<CjkTerm> {
        let &[b0, b1, b2, ..] = self.rest else {
            return None;
        };
        // A lead byte of U+4000..U+9FFF, then the character's offset in the
        // block (the continuation bytes are valid: the text is UTF-8).
        if !(0xE4..=0xE9).contains(&b0) {
            return None;
        }
        // The lead byte's payload is its low four bits, a continuation
        // byte's is what it has above 0x80.
        let u =
            (u32::from(b0) << 12) + (u32::from(b1) << 6) + u32::from(b2) - (0xE0 << 12 | 0x80 << 6 | 0x80);
        let i = u.wrapping_sub(t2s::BLOCK.start) as usize;
        let bits = *t2s::BLOCK_BITS.get(i / 64)?;
        let c = if bits >> (i % 64) & 1 == 0 {
            u
        } else {
            self.t2s.simplify(char::from_u32(u).unwrap_or('\0')) as u32
        };
        let term = CjkTerm(u64::from(self.last) << 21 | u64::from(c));
        self.last = c;
        self.rest = &self.rest[3..];
        Some(term)
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
    let t2s = tables.t2s();
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut pos = 0;
    while at < bytes.len() {
        if run.class == Class::Cjk {
            let mut bigrams = CjkBigrams {
                rest: &bytes[at..],
                last: run.last as u32,
                t2s,
            };
            sink.cjk_bigrams(&mut bigrams, pos - 1);
            // A sink may stop early: go on from what it took.
            let taken = (bytes.len() - at - bigrams.rest.len()) / 3;
            run.last = char::from_u32(bigrams.last).unwrap_or('\0');
            at += 3 * taken;
            run.len += taken;
            pos += taken;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at += c.len_utf8();
        let original = c;
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
            Class::Word => {
                if run.len < MAX_WORD {
                    word.push(c);
                }
            }
            Class::Other => sink.separator(original),
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

    /// The tokens of `text` by the rules alone, a character at a time: what
    /// the fast path must agree with.
    fn reference(text: &str, mode: Mode) -> Vec<(String, usize)> {
        let chars: Vec<(char, Class)> = text.chars().map(|c| Tables::get().normalize(c)).collect();
        let mut out = Vec::new();
        let mut start = 0;
        for run in chars.chunk_by(|a, b| a.1 == b.1) {
            let text = |r: &[(char, Class)]| -> String { r.iter().map(|c| c.0).collect() };
            match run[0].1 {
                Class::Word => out.push((text(&run[..run.len().min(MAX_WORD)]), start)),
                Class::Cjk if run.len() == 1 => out.push((text(run), start)),
                Class::Cjk => {
                    for (n, pair) in run.windows(2).enumerate() {
                        out.push((text(pair), start + n));
                    }
                    if mode == Mode::Index {
                        out.push((text(&run[run.len() - 1..]), start + run.len() - 1));
                    }
                }
                Class::Other => {}
            }
            start += run.len();
        }
        out
    }

    #[test]
    fn the_scan_agrees_with_the_rules_on_every_kind_of_text() {
        for text in crate::search::samples::texts() {
            for mode in [Mode::Index, Mode::Query] {
                let got: Vec<(String, usize)> = tokenize(&text, mode)
                    .into_iter()
                    .map(|t| (t.text, t.start))
                    .collect();
                assert_eq!(got, reference(&text, mode), "{text:?}");
            }
        }
    }

    /// A sink that takes only some of the fast path's bigrams.
    struct Picky(Vec<(String, usize)>, usize);

    impl TokenSink for Picky {
        fn cjk(&mut self, term: CjkTerm, start: usize) {
            let mut s = String::new();
            term.push_to(&mut s);
            self.0.push((s, start));
        }

        fn word(&mut self, word: &str, start: usize) {
            self.0.push((word.to_string(), start));
        }

        fn cjk_bigrams(&mut self, bigrams: &mut CjkBigrams<'_>, start: usize) {
            self.1 += 1;
            for (n, term) in bigrams.take(self.1 % 3).enumerate() {
                self.cjk(term, start + n);
            }
        }
    }

    #[test]
    fn a_sink_may_take_part_of_the_fast_path() {
        for text in crate::search::samples::texts() {
            let mut sink = Picky(Vec::new(), 0);
            scan_into(&text, Mode::Index, &mut String::new(), &mut sink);
            assert_eq!(sink.0, reference(&text, Mode::Index), "{text:?}");
        }
    }

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
