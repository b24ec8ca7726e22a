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

#[cfg(test)]
use super::terms::WORD;

/// A term and its postings, encoded as in [`super::postings`].
#[derive(Debug, Default)]
pub(crate) struct TermPostings {
    /// The term; 0 marks a free slot (no key is 0).
    pub(crate) key: u64,
    /// The entry of the last posting.
    pub(crate) last: u32,
    pub(crate) bytes: Vec<u8>,
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

    /// The postings of term `key` (not 0), added empty if it is new.
    #[inline]
    pub(crate) fn entry(&mut self, key: u64) -> &mut TermPostings {
        debug_assert_ne!(key, 0);
        let mask = self.slots.len() - 1;
        let mut i = home(key, mask);
        loop {
            let k = self.slots[i].key;
            if k == key {
                return &mut self.slots[i];
            }
            if k == 0 {
                return self.insert(i, key);
            }
            i = (i + 1) & mask;
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

    /// The terms, in no particular order.
    pub(crate) fn into_terms(self) -> impl Iterator<Item = TermPostings> {
        self.slots.into_iter().filter(|t| t.key != 0)
    }
}

fn empty_slots(n: usize) -> Vec<TermPostings> {
    (0..n).map(|_| TermPostings::default()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_grows_and_keeps_every_term() {
        let mut t = TermTable::with_capacity(4);
        // Bigram keys that differ only in their high bits, and word keys.
        let keys: Vec<u64> = (1..=3000u64)
            .map(|k| k << 21 | 7)
            .chain((0..500).map(|n| WORD | n))
            .collect();
        for round in 0..3u8 {
            for &k in &keys {
                let p = t.entry(k);
                assert_eq!(p.bytes.len(), usize::from(round), "{k:#x}");
                p.bytes.push(round);
                p.last = u32::from(round);
            }
        }
        assert_eq!(t.len, keys.len());
        let mut seen: Vec<u64> = t.iter().map(|p| p.key).collect();
        seen.sort_unstable();
        let mut want = keys.clone();
        want.sort_unstable();
        assert_eq!(seen, want);
        assert!(t.into_terms().all(|p| p.bytes == [0, 1, 2] && p.last == 2));
    }
}
