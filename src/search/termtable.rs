//! [`TermTable`]: every term of the index with its postings so far, as the
//! writer adds each page — one lookup per posting, the writer's hot loop.
//!
//! A term's key ([`CjkTerm`](super::tokenize::CjkTerm), or [`WORD`] and the
//! writer's number of the word) and its postings share a slot, so a posting
//! costs one probe and no second table to index (for a large course, one
//! cache miss rather than two). Open addressing with linear probing, at most
//! half full, the slot found by Fibonacci hashing (high bits of
//! `key · 2⁶⁴/φ`, so that keys differing only in high bits — bigrams with
//! the same second character — spread out).

use super::postings::{posting, short_posting};
#[cfg(test)]
use super::terms::WORD;

/// How many posting bytes a term keeps in its slot before they move to a
/// vector of their own: most of a course's terms occur in one or two entries
/// (two to six bytes) and so never need one, nor the allocation it costs.
const INLINE: usize = 11;

/// `inline_len` of a term whose postings have moved to `spilled`.
const SPILLED: u8 = u8::MAX;

/// A term and its postings, encoded as in [`super::postings`].
#[derive(Debug, Default)]
pub(crate) struct TermPostings {
    /// The term; 0 marks a free slot (no key is 0).
    pub(crate) key: u64,
    /// The entry of the last posting.
    last: u32,
    /// The postings while they fit, `inline[..inline_len]`; or [`SPILLED`].
    inline_len: u8,
    inline: [u8; INLINE],
    spilled: Vec<u8>,
}

impl TermPostings {
    /// Appends a posting of entry `doc` with count code `code`.
    #[inline(always)]
    fn push(&mut self, doc: u32, code: u32) {
        let delta = doc - self.last;
        self.last = doc;
        // The common case of a frequent term: a short posting after many.
        if let (SPILLED, Some(short)) = (self.inline_len, short_posting(delta, code)) {
            self.spilled.extend_from_slice(&short);
            return;
        }
        self.push_any(delta, code);
    }

    fn push_any(&mut self, delta: u32, code: u32) {
        let (buf, len) = posting(delta, code);
        let at = usize::from(self.inline_len);
        match self.inline.get_mut(at..at + len) {
            Some(room) => {
                room.copy_from_slice(&buf[..len]);
                self.inline_len += len as u8;
            }
            None => {
                if self.inline_len != SPILLED {
                    self.spill();
                }
                self.spilled.extend_from_slice(&buf[..len]);
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn spill(&mut self) {
        self.spilled = Vec::with_capacity(4 * INLINE);
        self.spilled
            .extend_from_slice(&self.inline[..usize::from(self.inline_len)]);
        self.inline_len = SPILLED;
    }

    /// The postings.
    pub(crate) fn bytes(&self) -> &[u8] {
        match self.inline.get(..usize::from(self.inline_len)) {
            Some(inline) => inline,
            None => &self.spilled,
        }
    }
}

#[derive(Debug)]
pub(crate) struct TermTable {
    /// A power of two, at most half of them in use.
    slots: Vec<TermPostings>,
    len: usize,
}

/// The slot where the search for `key` starts in a table of `mask + 1` slots.
#[inline(always)]
fn home(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

impl TermTable {
    /// A table with room for `n` terms before it grows.
    pub(crate) fn with_capacity(n: usize) -> TermTable {
        TermTable {
            slots: empty_slots((2 * n).next_power_of_two().max(16)),
            len: 0,
        }
    }

    /// Appends a posting of entry `doc` to each term of `terms` (key and
    /// count code; the key not 0), adding the terms that are new.
    ///
    /// The loop holds the slots as a local slice, which stays in registers
    /// (through `&mut self`, their address would be read again after every
    /// posting written, as the compiler cannot tell that the write leaves it
    /// alone); a new term leaves the loop to be added.
    #[inline]
    pub(crate) fn add_postings(&mut self, doc: u32, terms: &mut impl Iterator<Item = (u64, u32)>) {
        loop {
            let slots = self.slots.as_mut_slice();
            // Never fails (there are at least 16 slots), and tells the
            // compiler that `slots[i & mask]` is in bounds.
            assert!(!slots.is_empty());
            let mask = slots.len() - 1;
            let mut new = None;
            'terms: for (key, code) in terms.by_ref() {
                debug_assert_ne!(key, 0);
                let mut i = home(key, mask);
                loop {
                    let t = &mut slots[i];
                    if t.key == key {
                        t.push(doc, code);
                        continue 'terms;
                    }
                    if t.key == 0 {
                        new = Some((i, key, code));
                        break 'terms;
                    }
                    i = (i + 1) & mask;
                }
            }
            let Some((i, key, code)) = new else {
                return;
            };
            self.insert(i, key).push(doc, code);
        }
    }

    /// Puts new term `key` in free slot `i` (or, when the table is half
    /// full, where it goes in one twice as large).
    #[cold]
    #[inline(never)]
    fn insert(&mut self, mut i: usize, key: u64) -> &mut TermPostings {
        if 2 * (self.len + 1) > self.slots.len() {
            let larger = empty_slots(2 * self.slots.len());
            let old = std::mem::replace(&mut self.slots, larger);
            for t in old.into_iter().filter(|t| t.key != 0) {
                let j = self.free_slot(t.key);
                self.slots[j] = t;
            }
            i = self.free_slot(key);
        }
        self.len += 1;
        let t = &mut self.slots[i];
        t.key = key;
        t
    }

    /// The free slot where `key`, which the table does not hold, goes.
    fn free_slot(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = home(key, mask);
        while self.slots[i].key != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    /// The terms, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &TermPostings> {
        self.slots.iter().filter(|t| t.key != 0)
    }
}

fn empty_slots(n: usize) -> Vec<TermPostings> {
    (0..n).map(|_| TermPostings::default()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::postings::decode;

    #[test]
    fn finds_grows_and_keeps_every_term() {
        let mut t = TermTable::with_capacity(4);
        // Bigram keys that differ only in their high bits, and word keys.
        let keys: Vec<u64> = (1..=3000u64)
            .map(|k| k << 21 | 7)
            .chain((0..500).map(|n| WORD | n))
            .collect();
        // Codes of one to four digits; terms with one to eight postings, so
        // that some keep them in their slot and some outgrow it.
        let code = |k: u64| [0, 7, 44, 45, 1000, 100_000, 9_999_999][(k % 7) as usize];
        let docs = |k: u64| {
            [0, 3, 44, 100, 2000, 2001, 2046, 70_000]
                .into_iter()
                .take(1 + (k % 8) as usize)
        };
        for doc in docs(7) {
            let mut terms = keys
                .iter()
                .filter(|&&k| docs(k).any(|d| d == doc))
                .map(|&k| (k, code(k)));
            t.add_postings(doc, &mut terms);
        }
        assert_eq!(t.len, keys.len());
        let mut seen: Vec<u64> = t.iter().map(|p| p.key).collect();
        seen.sort_unstable();
        let mut want = keys.clone();
        want.sort_unstable();
        assert_eq!(seen, want);
        let mut spilled = 0;
        for p in t.iter() {
            let got: Vec<(u32, u32)> = decode(p.bytes()).iter().map(|p| (p.doc, p.code())).collect();
            let want: Vec<(u32, u32)> = docs(p.key).map(|d| (d, code(p.key))).collect();
            assert_eq!(got, want, "{:#x}", p.key);
            spilled += usize::from(p.inline_len == SPILLED);
        }
        assert!(spilled > 100 && spilled < keys.len() - 100, "{spilled}");
    }
}
