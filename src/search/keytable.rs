//! [`KeyTable`]: a map from non-zero `u64` keys (CJK terms, tagged word
//! numbers) to small values, for the two hot lookups of the index build —
//! counting an entry's terms, and finding a term's number in the writer.
//!
//! Open addressing with linear probing, at most half full; the slot is found
//! by Fibonacci hashing (the top bits of `key · 2⁶⁴/φ`), so keys that differ
//! only in high bits (bigrams with the same second character) spread out. The
//! slots in use are listed, so that emptying the table costs only what was
//! used and a reused table stays as large as it grew.

/// Key 0 marks a free slot (no term key is 0).
const FREE: u64 = 0;

#[derive(Debug, Clone)]
pub(crate) struct KeyTable<V> {
    slots: Vec<(u64, V)>,
    used: Vec<usize>,
}

impl<V: Copy + Default> KeyTable<V> {
    /// A table with room for `n` keys before it grows.
    pub(crate) fn with_capacity(n: usize) -> KeyTable<V> {
        KeyTable {
            slots: vec![(FREE, V::default()); (2 * n).next_power_of_two().max(16)],
            used: Vec::with_capacity(n),
        }
    }

    /// The slot of `key`, or the free slot where it goes.
    #[inline(always)]
    fn find(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let bits = self.slots.len().trailing_zeros();
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
        loop {
            let k = self.slots[i & mask].0;
            if k == key || k == FREE {
                return i & mask;
            }
            i += 1;
        }
    }

    /// The value of `key` (inserted as the default when new) and whether it
    /// is new. `key` must not be 0.
    #[inline(always)]
    pub(crate) fn entry(&mut self, key: u64) -> (&mut V, bool) {
        debug_assert_ne!(key, FREE);
        let mut i = self.find(key);
        let new = self.slots[i].0 == FREE;
        if new {
            if 2 * (self.used.len() + 1) > self.slots.len() {
                self.grow();
                i = self.find(key);
            }
            self.slots[i].0 = key;
            self.used.push(i);
        }
        (&mut self.slots[i].1, new)
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let old: Vec<(u64, V)> = self.used.iter().map(|&i| self.slots[i]).collect();
        self.slots = vec![(FREE, V::default()); self.slots.len() * 2];
        self.used.clear();
        for (key, v) in old {
            let i = self.find(key);
            self.slots[i] = (key, v);
            self.used.push(i);
        }
    }

    /// Every key with its value, in insertion order; empties the table.
    pub(crate) fn drain(&mut self) -> impl Iterator<Item = (u64, V)> + '_ {
        let slots = &mut self.slots;
        self.used
            .drain(..)
            .map(move |i| std::mem::replace(&mut slots[i], (FREE, V::default())))
    }
}

#[cfg(test)]
mod tests {
    use super::KeyTable;

    #[test]
    fn counts_grows_and_drains() {
        let mut t: KeyTable<u32> = KeyTable::with_capacity(4);
        // Keys that differ only in their high bits, and many of them.
        let keys: Vec<u64> = (1..=1000u64).map(|k| k << 21 | 7).collect();
        for _ in 0..3 {
            for &k in &keys {
                *t.entry(k).0 += 1;
            }
        }
        let (v, new) = t.entry(keys[5]);
        assert!(!new);
        assert_eq!(*v, 3);
        let drained: Vec<(u64, u32)> = t.drain().collect();
        assert_eq!(drained.len(), keys.len());
        assert_eq!(drained[0], (keys[0], 3));
        assert!(drained.iter().zip(&keys).all(|(d, k)| d.0 == *k));
        assert_eq!(t.drain().count(), 0);
        assert!(t.entry(keys[0]).1, "empty after drain");
    }
}
