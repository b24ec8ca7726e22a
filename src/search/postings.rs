//! The postings of one term as a string of printable ASCII, both in memory
//! while the index is built and in the term shards the browser loads
//! (templates/search-core.js `decode` reads them).
//!
//! A posting is two numbers: the entry number minus the previous posting's
//! (the first counts from 0) and the count code ([`code`]). Each number is
//! written in base 45, least significant digit first; a digit is one
//! character, `'#' + d` skipping `'\'`, so 90 characters from `#` to `}`
//! (never `"` or `\`, so the string needs no escaping in JSON). Digits 0–44
//! end a number, 45–89 are `45 + d` for a digit that more digits follow.

const BASE: u32 = 45;

/// The character of digit `d` (0–89).
fn digit(d: u32) -> u8 {
    // Below 57 the characters run from '#' (0x23) to '[' (0x5B); then they
    // skip '\' (0x5C).
    if d < 57 { 0x23 + d as u8 } else { 0x24 + d as u8 }
}

/// Appends the digits of `n`.
pub fn push_number(out: &mut Vec<u8>, mut n: u32) {
    while n >= BASE {
        out.push(digit(BASE + n % BASE));
        n /= BASE;
    }
    out.push(digit(n));
}

/// A term's counts in one entry as one number: `body + 1000·heading +
/// 100000·title`, each capped (at 999, 99 and 99) so that they come apart.
pub fn code([title, heading, body]: [u32; 3]) -> u32 {
    body.min(999) + 1000 * heading.min(99) + 100_000 * title.min(99)
}

/// One term's postings while the index is built.
#[derive(Debug, Default)]
pub struct Postings {
    /// The entry of the last posting.
    last: u32,
    pub bytes: Vec<u8>,
}

impl Postings {
    /// Appends the posting of entry `doc` (which comes after every entry so
    /// far) with count code `code`.
    pub fn push(&mut self, doc: u32, code: u32) {
        // Growing by a quarter rather than doubling: postings are most of
        // the index's memory, and a quarter wastes less of it.
        if self.bytes.capacity() - self.bytes.len() < 12 {
            self.bytes.reserve_exact(self.bytes.len() / 4 + 12);
        }
        push_number(&mut self.bytes, doc - self.last);
        push_number(&mut self.bytes, code);
        self.last = doc;
    }
}

/// The numbers written in `bytes` (for tests: the browser decodes them).
#[cfg(test)]
pub fn numbers(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut n, mut scale) = (0, 1);
    for &c in bytes {
        let d = u32::from(c - 0x23) - u32::from(c > 0x5C);
        if d >= BASE {
            n += (d - BASE) * scale;
            scale *= BASE;
        } else {
            out.push(n + d * scale);
            (n, scale) = (0, 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_printable_and_never_quote_or_backslash() {
        let chars: Vec<u8> = (0..2 * BASE).map(digit).collect();
        for &c in &chars {
            assert!((0x23..=0x7D).contains(&c) && c != b'\\', "{c:#x}");
        }
        let mut sorted = chars.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), chars.len());
    }

    #[test]
    fn numbers_and_postings_round_trip() {
        let values = [0, 1, 44, 45, 46, 2024, 2025, 99_999, 100_000, 9_999_999, u32::MAX];
        let mut bytes = Vec::new();
        for &v in &values {
            push_number(&mut bytes, v);
        }
        assert_eq!(numbers(&bytes), values);
        let mut p = Postings::default();
        p.push(0, code([1, 0, 3]));
        p.push(7, code([0, 120, 5000]));
        assert_eq!(numbers(&p.bytes), [0, 100_003, 7, 99_999]);
        assert_eq!(code([200, 300, 5000]), 9_999_999, "the largest code");
    }
}
