//! [`TermCounts`]: one entry's term counts per field — the innermost loop of
//! the index build, which every character of every page passes through.
//!
//! A key and its body count share one `u64` slot. Keys take the low 40 bits
//! (a [`CjkTerm`](super::tokenize::CjkTerm) is two code points below U+40000,
//! the first shifted by 21 bits; a word key is [`WORD`] and a number below
//! 2³²), the body count the top 23 bits, so that counting a body term is an
//! add to the slot: no field to pick out and no cap to test, as a text
//! shorter than 2²³ bytes cannot count any term that often (a longer one is
//! counted with a cap, [`CAPPED_BODY`]). Eight-byte slots keep the table of a
//! long page (about 1,500 terms in 4,096 slots) in 32 KiB, within the L1
//! cache. Title and heading counts, rare, sit beside the slots, a byte each;
//! the bit between key and body count ([`TITLED`]) tells that a slot has
//! some, so that emptying the table reads them only then.
//!
//! Open addressing with linear probing, at most half full, the slot found by
//! Fibonacci hashing (high bits of `key · 2⁶⁴/φ`, so that keys differing only
//! in high bits — bigrams with the same second character — spread out).
//! Counting is branch-free apart from the probe: whether a key is new is
//! random from one character to the next, so a branch on it would be
//! mispredicted often. The slots in use are listed, so that emptying the table
//! costs only what was used, and a reused table stays as large as it grew.

use super::terms::WORD;

/// The bits of a slot (and of a [`packed`] term) that hold the key.
pub(crate) const KEY: u64 = (1 << KEY_BITS) - 1;
const KEY_BITS: u32 = 40;
/// The largest CJK term key: a bigram of two characters below U+40000.
const MAX_CJK_KEY: u64 = (0x3_FFFF << 21) + 0x3_FFFF;
const _: () = assert!(WORD < 1 << KEY_BITS && MAX_CJK_KEY < WORD);

/// The fields a term is counted in (`F` of [`TermCounts::add_all`]).
pub(crate) const TITLE: usize = 0;
pub(crate) const HEADING: usize = 1;
pub(crate) const BODY: usize = 2;
/// The body of a text of [`BODY_UNCAPPED`] bytes or more, whose counts could
/// outgrow their 24 bits: each stops at the cap instead.
pub(crate) const CAPPED_BODY: usize = 3;

/// The bit of a slot that tells it has title or heading counts.
const TITLED: u64 = 1 << KEY_BITS;

/// Where the body count starts in a slot, and one of it.
const BODY_SHIFT: u32 = KEY_BITS + 1;
const BODY_ONE: u64 = 1 << BODY_SHIFT;

/// Texts shorter than this are counted as [`BODY`], longer ones as
/// [`CAPPED_BODY`].
pub(crate) const BODY_UNCAPPED: usize = 1 << (64 - BODY_SHIFT);

/// The caps of the counts (what [`Posting::code`](super::index::Posting::code)
/// keeps).
const CAP: [u32; 3] = [99, 99, 999];

/// A term key and its [`Posting::code`](super::index::Posting::code) as one
/// `u64` (what [`TermCounts::drain_into`] emits, half the size of a pair).
#[inline(always)]
pub(crate) fn packed(key: u64, code: u32) -> u64 {
    key | u64::from(code) << KEY_BITS
}

/// The key and count code of a [`packed`] term.
#[inline(always)]
pub(crate) fn unpacked(term: u64) -> (u64, u32) {
    (term & KEY, (term >> KEY_BITS) as u32)
}

/// Whether `slot` holds `key`.
#[inline(always)]
fn holds(slot: u64, key: u64) -> bool {
    (slot ^ key) << (64 - KEY_BITS) == 0
}

/// The slot where the search for `key` starts: bits 40 and up of its
/// Fibonacci hash (a constant shift and a mask, which leave one register
/// more to the loop than a shift by the table size would).
#[inline(always)]
fn home(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

#[derive(Debug, Clone)]
pub(crate) struct TermCounts {
    /// A key and its body count each; a power of two of them, 0 marks a free
    /// slot (no key is 0).
    slots: Vec<u64>,
    /// The title (low byte) and heading (high byte) count of each slot,
    /// each stopping at 255.
    titles: Vec<u16>,
    /// The slots in use, in insertion order, in `used[..len]`; the vector is
    /// as long as the most keys the table holds before it grows, so that a
    /// slot can be written to it whether or not it is new.
    used: Vec<u32>,
    len: usize,
}

impl TermCounts {
    /// A table with room for `n` keys before it grows.
    pub(crate) fn with_capacity(n: usize) -> TermCounts {
        TermCounts::with_slots((2 * n).next_power_of_two().max(16))
    }

    fn with_slots(slots: usize) -> TermCounts {
        TermCounts {
            slots: vec![0; slots],
            titles: vec![0; slots],
            used: vec![0; slots / 2],
            len: 0,
        }
    }

    /// Counts one occurrence of `key` in field `F`.
    #[inline(always)]
    pub(crate) fn add<const F: usize>(&mut self, key: u64) {
        self.add_all::<F>(&mut std::iter::once(key));
    }

    /// Counts an occurrence of each key of `keys` in field `F` ([`BODY`]
    /// only for keys of a text shorter than [`BODY_UNCAPPED`] bytes).
    #[inline(always)]
    pub(crate) fn add_all<const F: usize>(&mut self, keys: &mut impl Iterator<Item = u64>) {
        loop {
            // The table as locals, which the loop keeps in registers.
            let slots = self.slots.as_mut_slice();
            let used = self.used.as_mut_slice();
            let mut len = self.len;
            // Never fails (there are at least 16 slots), and tells the
            // compiler that `slots[i & mask]` is in bounds.
            assert!(!slots.is_empty());
            let mask = slots.len() - 1;
            let mut full = false;
            for key in keys.by_ref() {
                debug_assert!(key != 0 && key & !KEY == 0, "{key:#x}");
                let mut i = home(key, mask);
                let slot = loop {
                    let slot = slots[i];
                    if holds(slot, key) || slot == 0 {
                        break slot;
                    }
                    i = (i + 1) & mask;
                };
                slots[i] = match F {
                    BODY => (slot | key) + BODY_ONE,
                    CAPPED_BODY => {
                        (slot | key) + BODY_ONE * u64::from(slot >> BODY_SHIFT < u64::from(CAP[BODY]))
                    }
                    _ => {
                        // Title or heading: a byte beside the slot.
                        let shift = 8 * F as u32;
                        let t = &mut self.titles[i];
                        *t += u16::from(*t >> shift & 0xFF < 0xFF) << shift;
                        slot | key | TITLED
                    }
                };
                used[len] = i as u32;
                len += usize::from(slot == 0);
                if len == used.len() {
                    full = true;
                    break;
                }
            }
            self.len = len;
            if !full {
                return;
            }
            self.grow();
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let old = std::mem::replace(self, TermCounts::with_slots(2 * self.slots.len()));
        let mask = self.slots.len() - 1;
        for &i in &old.used[..old.len] {
            let slot = old.slots[i as usize];
            let mut j = home(slot & KEY, mask);
            while self.slots[j] != 0 {
                j = (j + 1) & mask;
            }
            self.slots[j] = slot;
            self.titles[j] = old.titles[i as usize];
            self.used[self.len] = j as u32;
            self.len += 1;
        }
    }

    /// Appends each key with its count code as a [`packed`] term, in the
    /// order the keys came; empties the table.
    pub(crate) fn drain_into(&mut self, out: &mut Vec<u64>) {
        let (slots, titles) = (&mut self.slots, &mut self.titles);
        out.extend(self.used[..self.len].iter().map(|&i| {
            let slot = std::mem::take(&mut slots[i as usize]);
            let mut code = ((slot >> BODY_SHIFT) as u32).min(CAP[BODY]);
            if slot & TITLED != 0 {
                let t = std::mem::take(&mut titles[i as usize]);
                code += 100_000 * u32::from(t & 0xFF).min(CAP[TITLE]);
                code += 1000 * u32::from(t >> 8).min(CAP[HEADING]);
            }
            packed(slot & KEY, code)
        }));
        self.len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::Posting;

    /// The count code of counts per field, as the index defines it.
    fn code(counts: [u32; 3]) -> u32 {
        let [title, heading, body] = counts;
        Posting {
            doc: 0,
            title,
            heading,
            body,
        }
        .code()
    }

    #[test]
    fn cjk_term_keys_fit_below_the_word_bit() {
        use crate::search::tokenize::is_cjk;
        let last_cjk = (0..=0x10_FFFF)
            .rev()
            .filter_map(char::from_u32)
            .find(|&c| is_cjk(c));
        assert!(last_cjk.is_some_and(|c| u64::from(c) << 21 | u64::from(c) <= MAX_CJK_KEY));
    }

    #[test]
    fn counts_saturate_at_the_code_caps() {
        let mut t = TermCounts::with_capacity(4);
        let keys = [
            1u64,
            7 << 21 | 9,
            WORD | 3,
            WORD | u64::from(u32::MAX),
            0x3_134F << 21 | 0x3_134F,
        ];
        let want = [
            [0, 0, 1],
            [1, 0, 0],
            [98, 99, 998],
            [99, 100, 999],
            [200, 300, 5000],
        ];
        for (&key, counts) in keys.iter().zip(want) {
            for _ in 0..counts[0] {
                t.add::<TITLE>(key);
            }
            for _ in 0..counts[1] {
                t.add::<HEADING>(key);
            }
            t.add_all::<BODY>(&mut std::iter::repeat_n(key, counts[2] as usize));
        }
        let mut out = Vec::new();
        t.drain_into(&mut out);
        let got: Vec<(u64, u32)> = out.iter().map(|&p| unpacked(p)).collect();
        let want: Vec<(u64, u32)> = keys.iter().zip(want).map(|(&k, c)| (k, code(c))).collect();
        assert_eq!(got, want);
        assert_eq!(code([200, 300, 5000]), 9_999_999, "the largest code fits");
    }

    #[test]
    fn capped_body_counts_stop_at_the_cap() {
        let mut t = TermCounts::with_capacity(4);
        let (a, b) = (7 << 21 | 9, WORD | 1);
        t.add_all::<CAPPED_BODY>(&mut std::iter::repeat_n(a, BODY_UNCAPPED + 5));
        t.add_all::<CAPPED_BODY>(&mut std::iter::repeat_n(b, 998));
        t.add::<TITLE>(b);
        let mut out = Vec::new();
        t.drain_into(&mut out);
        let got: Vec<(u64, u32)> = out.iter().map(|&p| unpacked(p)).collect();
        assert_eq!(got, [(a, code([0, 0, 999])), (b, code([1, 0, 998]))]);
    }

    #[test]
    fn grows_and_drains_in_insertion_order() {
        let mut t = TermCounts::with_capacity(4);
        // Keys that differ only in their high bits, and many of them.
        let keys: Vec<u64> = (1..=5000u64).map(|k| k << 21 | 7).collect();
        for round in 0..3 {
            t.add_all::<BODY>(&mut keys.iter().copied());
            t.add::<TITLE>(keys[round]);
        }
        let mut out = vec![42];
        t.drain_into(&mut out);
        assert_eq!(out.len(), keys.len() + 1);
        for (n, (&p, &k)) in out[1..].iter().zip(&keys).enumerate() {
            let title = u32::from(n < 3);
            assert_eq!(unpacked(p), (k, code([title, 0, 3])));
        }
        out.clear();
        t.drain_into(&mut out);
        assert!(out.is_empty(), "empty after a drain");
        t.add::<HEADING>(keys[9]);
        t.drain_into(&mut out);
        assert_eq!(
            out.iter().map(|&p| unpacked(p)).collect::<Vec<_>>(),
            [(keys[9], 1000)]
        );
    }
}
