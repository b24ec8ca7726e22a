//! [`TermTable`]: the terms of one part of the index (see
//! [`PARTS`](super::terms::PARTS)) with their postings so far, as the writer
//! adds each page — one lookup per posting, the writer's hot loop.
//!
//! The lookup table holds only keys ([`CjkTerm`](super::tokenize::CjkTerm),
//! or [`WORD`] and the writer's number of the word), eight bytes a slot, and
//! beside each the term's number; the terms with their postings are stored
//! densely in the order they came, so that the slots of a small course take
//! little memory and growing the table moves keys and numbers only. Open
//! addressing with linear probing, at most half full, the slot found by
//! Fibonacci hashing (high bits of `key · 2⁶⁴/φ`, so that keys differing only
//! in high bits — bigrams with the same second character — spread out).

use super::postings::{posting, short_posting};
#[cfg(test)]
use super::terms::WORD;

/// How many posting bytes a term keeps inline before they move to a vector
/// of their own: most of a course's terms occur in one or two entries (two
/// to six bytes) and so never need one, nor the allocation it costs.
const INLINE: usize = 11;

/// `inline_len` of a term whose postings have moved to `spilled`.
const SPILLED: u8 = u8::MAX;

/// A term and its postings, encoded as in [`super::postings`]. The vector
/// of a frequent term's postings is part of the record, so that appending
/// to it follows no pointer but its own (each pointer followed is a wait on
/// memory, and adding postings is mostly that).
#[derive(Debug)]
pub(crate) struct TermPostings {
    pub(crate) key: u64,
    /// The entry of the last posting.
    last: u32,
    /// The postings while they fit, `inline[..inline_len]`; or [`SPILLED`].
    inline_len: u8,
    inline: [u8; INLINE],
    spilled: Vec<u8>,
}

#[derive(Debug)]
pub(crate) struct TermTable {
    /// A power of two of them, at most half in use; 0 marks a free slot (no
    /// key is 0).
    keys: Vec<u64>,
    /// The number in `terms` of the term in each slot.
    at: Vec<u32>,
    terms: Vec<TermPostings>,
}

/// The slot where the search for `key` starts in a table of `mask + 1` slots.
#[inline(always)]
fn home(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

impl TermTable {
    /// A table with room for `n` terms before it grows.
    pub(crate) fn with_capacity(n: usize) -> TermTable {
        let slots = (2 * n).next_power_of_two().max(16);
        TermTable {
            keys: vec![0; slots],
            at: vec![0; slots],
            terms: Vec::with_capacity(n),
        }
    }

    /// Appends a posting of entry `doc` to each term of `terms` (key and
    /// count code; the key not 0), adding the terms that are new.
    ///
    /// The loop holds the table as local slices, which stay in registers
    /// (through `&mut self`, their addresses would be read again after every
    /// posting written); a new term leaves the loop to be added.
    #[inline]
    pub(crate) fn add_postings(&mut self, doc: u32, terms: &mut impl Iterator<Item = (u64, u32)>) {
        loop {
            let keys = self.keys.as_slice();
            let at = self.at.as_slice();
            let dense = self.terms.as_mut_slice();
            // Never fails (there are at least 16 slots), and tells the
            // compiler that `keys[i & mask]` is in bounds.
            assert!(!keys.is_empty() && at.len() == keys.len());
            let mask = keys.len() - 1;
            let mut new = None;
            'terms: for (key, code) in terms.by_ref() {
                debug_assert_ne!(key, 0);
                let mut i = home(key, mask);
                loop {
                    let k = keys[i];
                    if k == key {
                        if let Some(t) = dense.get_mut(at[i] as usize) {
                            t.push(doc, code);
                        }
                        continue 'terms;
                    }
                    if k == 0 {
                        new = Some((i, key, code));
                        break 'terms;
                    }
                    i = (i + 1) & mask;
                }
            }
            let Some((i, key, code)) = new else {
                return;
            };
            self.insert(i, key, doc, code);
        }
    }

    /// Puts new term `key` in free slot `i` (or, when the table is half
    /// full, where it goes in one twice as large), with its first posting.
    #[cold]
    #[inline(never)]
    fn insert(&mut self, mut i: usize, key: u64, doc: u32, code: u32) {
        if 2 * (self.terms.len() + 1) > self.keys.len() {
            let slots = 2 * self.keys.len();
            let old_keys = std::mem::replace(&mut self.keys, vec![0; slots]);
            let old_at = std::mem::replace(&mut self.at, vec![0; slots]);
            for (&k, &n) in old_keys.iter().zip(&old_at).filter(|(k, _)| **k != 0) {
                let j = self.free_slot(k);
                self.keys[j] = k;
                self.at[j] = n;
            }
            i = self.free_slot(key);
        }
        let Ok(n) = u32::try_from(self.terms.len()) else {
            // Four billion terms: more than any memory holds; never here.
            return;
        };
        self.keys[i] = key;
        self.at[i] = n;
        let mut t = TermPostings {
            key,
            last: 0,
            inline_len: 0,
            inline: [0; INLINE],
            spilled: Vec::new(),
        };
        t.push(doc, code);
        self.terms.push(t);
    }

    /// The free slot where `key`, which the table does not hold, goes.
    fn free_slot(&self, key: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut i = home(key, mask);
        while self.keys[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    /// The terms with their postings, in the order they were added.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u64, &[u8])> {
        self.terms.iter().map(|t| (t.key, t.bytes()))
    }
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

    /// [`TermPostings::push`] for a posting of more than one digit a
    /// number, or one that does not fit inline.
    #[inline(never)]
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

    /// Moves the postings to a vector of their own.
    #[cold]
    #[inline(never)]
    fn spill(&mut self) {
        self.spilled = Vec::with_capacity(4 * INLINE);
        self.spilled
            .extend_from_slice(&self.inline[..usize::from(self.inline_len)]);
        self.inline_len = SPILLED;
    }

    /// The postings.
    fn bytes(&self) -> &[u8] {
        match self.inline.get(..usize::from(self.inline_len)) {
            Some(inline) => inline,
            None => &self.spilled,
        }
    }
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
        assert_eq!(t.terms.len(), keys.len());
        let mut seen: Vec<u64> = t.iter().map(|(key, _)| key).collect();
        seen.sort_unstable();
        let mut want = keys.clone();
        want.sort_unstable();
        assert_eq!(seen, want);
        let mut spilled = 0;
        for (key, bytes) in t.iter() {
            let got: Vec<(u32, u32)> = decode(bytes).iter().map(|p| (p.doc, p.code())).collect();
            let want: Vec<(u32, u32)> = docs(key).map(|d| (d, code(key))).collect();
            assert_eq!(got, want, "{key:#x}");
        }
        for p in &t.terms {
            spilled += usize::from(p.inline_len == SPILLED);
        }
        assert!(spilled > 100 && spilled < keys.len() - 100, "{spilled}");
    }
}
