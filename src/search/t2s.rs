//! Traditional → Simplified Chinese, one character at a time, for search only:
//! a query typed in Traditional characters finds the Simplified course text.
//!
//! The pairs are in `t2s.txt`, each `繁简`, separated by whitespace: common
//! characters, the course's domain (service, customers, quality, measurement,
//! technology) first. Characters whose mapping depends on the word (乾/幹, 著,
//! 瞭…) are left out. The index manifest sends the table to the browser
//! ([`compact`]), so the query tokenizer in templates/search-core.js uses this
//! one too.

use std::collections::HashMap;
use std::sync::LazyLock;

use foldhash::fast::FixedState;

/// The pairs as written in `t2s.txt`.
pub const PAIRS: &str = include_str!("t2s.txt");

static TABLE: LazyLock<HashMap<char, char, FixedState>> =
    LazyLock::new(|| pairs().filter(|(t, s)| t != s).collect());

/// Every `(traditional, simplified)` pair of [`PAIRS`], duplicates included.
pub fn pairs() -> impl Iterator<Item = (char, char)> {
    PAIRS.split_whitespace().filter_map(|p| {
        let mut c = p.chars();
        match (c.next(), c.next(), c.next()) {
            (Some(t), Some(s), None) => Some((t, s)),
            _ => None,
        }
    })
}

/// The Simplified form of `c` (itself when the table has none).
pub fn simplify(c: char) -> char {
    TABLE.get(&c).copied().unwrap_or(c)
}

/// The table as one string of `繁简` pairs, sorted, without duplicates (for
/// the browser).
pub fn compact() -> String {
    let mut pairs: Vec<(char, char)> = TABLE.iter().map(|(&t, &s)| (t, s)).collect();
    pairs.sort_unstable();
    pairs.into_iter().flat_map(|(t, s)| [t, s]).collect()
}
