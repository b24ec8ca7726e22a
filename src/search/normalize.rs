//! Step 1 of the tokenizer: each character on its own (so offsets never move)
//! is normalised — full-width ASCII → ASCII, ideographic space → space, lower
//! case (when it stays one character), Traditional → Simplified
//! ([`super::t2s`]) — and classified as CJK, word or separator.
//!
//! Table-driven: ASCII is computed inline, CJK goes through the t2s bitmap,
//! and every other character below U+3400 (Latin, Greek, punctuation, kana…)
//! or in the Halfwidth and Fullwidth Forms (full-width punctuation) through
//! tables filled as characters are met, by the rules in [`normalize_slow`];
//! only the other characters take the slow path every time.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use super::t2s;

/// What a (normalised) character is for the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Han ideographs and kana: bigrams.
    Cjk,
    /// Letters and digits of other scripts: words.
    Word,
    /// Separators.
    Other,
}

/// Han ideographs (with extensions and compatibility forms) and kana.
#[inline(always)]
pub fn is_cjk(c: char) -> bool {
    let u = c as u32;
    // The common block first.
    (0x4E00..=0x9FFF).contains(&u)
        || matches!(u, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The class of a normalised character.
fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    }
}

/// The rules, character by character (what the tables hold).
fn normalize_slow(c: char) -> char {
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

/// The characters below this go through [`Tables::low`].
const LOW_END: u32 = 0x3400;

/// The Halfwidth and Fullwidth Forms block, which [`Tables::forms`] covers:
/// Chinese text is full of its punctuation (`，：（）！`).
const FORMS: std::ops::Range<u32> = 0xFF00..0xFFF0;

/// The normalisation tables. Each entry is worked out the first time its
/// character is met (0 until then; no entry is 0, as no character normalises
/// to U+0000): a text meets a few hundred of the 13,000 characters, and
/// working out one takes a search of Unicode's tables, so filling them all at
/// start took longer than indexing a hundred pages. Threads that meet a
/// character at once both work out the same entry.
#[derive(Debug)]
pub struct Tables {
    /// For U+0080…U+33FF: the normalised character, and its class in the
    /// top byte ([`entry`]).
    low: Box<[AtomicU32]>,
    /// The same for [`FORMS`].
    forms: Box<[AtomicU32]>,
    t2s: &'static t2s::Table,
}

/// The table entry of the character at code point `u`.
fn entry(u: u32) -> u32 {
    let n = char::from_u32(u).map_or('\0', normalize_slow);
    let class = match class(n) {
        Class::Cjk => 0,
        Class::Word => 1,
        Class::Other => 2,
    };
    n as u32 | class << 24
}

/// The entry of the character at code point `u`, slot `at` of `table`.
#[inline(always)]
fn lookup(table: &[AtomicU32], at: usize, u: u32) -> Option<u32> {
    let slot = table.get(at)?;
    match slot.load(Ordering::Relaxed) {
        0 => Some(fill(slot, u)),
        e => Some(e),
    }
}

#[cold]
#[inline(never)]
fn fill(slot: &AtomicU32, u: u32) -> u32 {
    let e = entry(u);
    slot.store(e, Ordering::Relaxed);
    e
}

/// The character and class of a table entry.
#[inline(always)]
fn unpack(e: u32, c: char) -> (char, Class) {
    let class = match e >> 24 {
        0 => Class::Cjk,
        1 => Class::Word,
        _ => Class::Other,
    };
    (char::from_u32(e & 0xFF_FFFF).unwrap_or(c), class)
}

impl Tables {
    /// The tables, built on first use.
    pub fn get() -> &'static Tables {
        static TABLES: OnceLock<Tables> = OnceLock::new();
        let empty = |n: u32| (0..n).map(|_| AtomicU32::new(0)).collect();
        TABLES.get_or_init(|| Tables {
            low: empty(LOW_END - 0x80),
            forms: empty(FORMS.end - FORMS.start),
            t2s: t2s::table(),
        })
    }

    /// Normalises `c` and classifies the result.
    #[inline(always)]
    pub fn normalize(&self, c: char) -> (char, Class) {
        let u = c as u32;
        if u < 0x80 {
            let c = c.to_ascii_lowercase();
            let class = if c.is_ascii_alphanumeric() {
                Class::Word
            } else {
                Class::Other
            };
            return (c, class);
        }
        if let Some(e) = lookup(&self.low, (u - 0x80) as usize, u) {
            return unpack(e, c);
        }
        if is_cjk(c) {
            // No case; Simplified characters are CJK too.
            return (self.t2s.simplify(c), Class::Cjk);
        }
        if let Some(e) = lookup(&self.forms, u.wrapping_sub(FORMS.start) as usize, u) {
            return unpack(e, c);
        }
        let n = normalize_slow(c);
        (n, class(n))
    }
}

impl Tables {
    /// The Traditional → Simplified table.
    #[inline(always)]
    pub fn t2s(&self) -> &'static t2s::Table {
        self.t2s
    }
}

/// Normalises one character.
pub fn normalize_char(c: char) -> char {
    Tables::get().normalize(c).0
}

/// Normalises a whole text, character by character.
pub fn normalize(text: &str) -> String {
    let t = Tables::get();
    text.chars().map(|c| t.normalize(c).0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_matches_the_rules() {
        // Full-width, ideographic space, case, Traditional, other scripts.
        for (c, want) in [
            ('Ａ', 'a'),
            ('ｚ', 'z'),
            ('１', '1'),
            ('！', '!'),
            ('\u{3000}', ' '),
            ('Q', 'q'),
            ('É', 'é'),
            ('Σ', 'σ'),
            ('İ', 'İ'),
            ('務', '务'),
            ('务', '务'),
            ('か', 'か'),
        ] {
            assert_eq!(normalize_char(c), want, "{c}");
        }
    }

    #[test]
    fn the_tables_agree_with_the_rules_everywhere() {
        // 0 marks an entry not yet worked out, so none may be 0.
        assert!((0x80..LOW_END).chain(FORMS).all(|u| entry(u) != 0));
        let t = Tables::get();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let n = normalize_slow(c);
            assert_eq!(t.normalize(c), (n, class(n)), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn simplified_characters_stay_cjk() {
        for (t, s) in t2s::pairs() {
            assert!(is_cjk(t) && is_cjk(s), "{t}{s}");
        }
    }
}
