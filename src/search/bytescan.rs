//! Finding the first byte of a class in a text, sixteen bytes per step with
//! word-wide bit tricks ("SWAR"): the HTML-to-text pass looks for bytes that
//! may start a tag, an entity or whitespace, the JSON writer for bytes to
//! escape; both classes are rare in Chinese text, so most steps find none.
//!
//! A class is given twice: as a test of one byte, and as [`ByteClass::marks`]
//! of a little-endian word, which must set the high bit of its first byte in
//! the class and of none before it (bits after that do not matter, so the
//! usual zero-byte tricks, whose borrows run on past a match, will do).

/// A class of bytes to find.
pub(crate) trait ByteClass {
    /// Whether `b` is in the class.
    fn has(b: u8) -> bool;
    /// See the module docs.
    fn marks(w: u64) -> u64;
}

/// Eight copies of one byte.
pub(crate) const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The high bit of each byte of `w` that is 0, and maybe of later bytes.
#[inline(always)]
pub(crate) fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(splat(1)) & !w & splat(0x80)
}

/// The high bit of each byte of `w` below `n` (at most 0x80), and maybe of
/// later bytes.
#[inline(always)]
pub(crate) fn bytes_below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(splat(n)) & !w & splat(0x80)
}

/// The first byte at or after `at` in class `C`.
#[inline(always)]
pub(crate) fn find<C: ByteClass>(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at..)?;
    let mut chunks = rest.chunks_exact(16);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let (a, b) = chunk.split_at(8);
        let word = |half: &[u8]| u64::from_le_bytes(half.try_into().unwrap_or_default());
        let (a, b) = (C::marks(word(a)), C::marks(word(b)));
        if a | b != 0 {
            let first = if a != 0 {
                a.trailing_zeros()
            } else {
                64 + b.trailing_zeros()
            };
            return Some(at + 16 * n + first as usize / 8);
        }
    }
    let tail = chunks.remainder();
    let from = bytes.len() - tail.len();
    tail.iter().position(|&b| C::has(b)).map(|i| from + i)
}

/// Checks `C::marks` against `C::has` on random bytes at every offset.
#[cfg(test)]
pub(crate) fn check<C: ByteClass>() {
    let mut rng = super::samples::Rng::new(3);
    for _ in 0..20_000 {
        // Some texts mostly of bytes in no class (continuation bytes), so
        // that whole steps pass.
        let quiet = rng.below(2) == 0;
        let bytes: Vec<u8> = (0..rng.below(40))
            .map(|_| match quiet && rng.below(30) != 0 {
                true => 0x80 + rng.below(0x40) as u8,
                false => rng.below(256) as u8,
            })
            .collect();
        for at in 0..=bytes.len() {
            let want = (at..bytes.len()).find(|&i| C::has(bytes[i]));
            assert_eq!(find::<C>(&bytes, at), want, "{bytes:x?} from {at}");
        }
    }
}
