//! [`KeyTable`]: a map from non-zero `u64` keys (CJK terms) to small values,
//! for the writer's hot lookup of a term's number.
//!
//! Open addressing with linear probing, at most half full; the slot is found
//! by Fibonacci hashing (the top bits of `key · 2⁶⁴/φ`), so keys that differ
//! only in high bits (bigrams with the same second character) spread out.

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
}

#[cfg(test)]
mod tests {
    use super::KeyTable;

    #[test]
    fn counts_and_grows() {
        let mut t: KeyTable<u32> = KeyTable::with_capacity(4);
        // Keys that differ only in their high bits, and many of them.
        let keys: Vec<u64> = (1..=1000u64).map(|k| k << 21 | 7).collect();
        for round in 0..3 {
            for &k in &keys {
                let (v, new) = t.entry(k);
                assert_eq!(new, round == 0);
                *v += 1;
            }
        }
        assert!(keys.iter().all(|&k| *t.entry(k).0 == 3));
        assert_eq!(t.used.len(), keys.len());
    }
}
