//! The postings of one term as a string of printable ASCII, both in memory
//! while the index is built and in the term shards the browser loads.
//!
//! A posting is two numbers: the entry number minus the previous posting's
//! (the first counts from 0) and the [`Posting::code`]. Each number is written
//! in base 45, least significant digit first; a digit is one character,
//! `'#' + d` skipping `'\'`, so 90 characters from `#` to `}` (never `"` or
//! `\`, so the string needs no escaping in JSON). Digits 0–44 end a number,
//! 45–89 are `45 + d` for a digit that more digits follow. templates/search.js
//! decodes the same way.

use super::index::Posting;

const BASE: u32 = 45;

/// The character of digit `d` (0–89).
fn digit_char(d: u32) -> u8 {
    // Below 57 the characters run from '#' (0x23) to '[' (0x5B); then they
    // skip '\' (0x5C).
    if d < 57 { 0x23 + d as u8 } else { 0x24 + d as u8 }
}

/// The digit of character `c` (the inverse of [`digit_char`]).
fn char_digit(c: u8) -> u32 {
    let d = u32::from(c.wrapping_sub(0x23));
    if c > 0x5C { d - 1 } else { d }
}

/// Appends the digits of `n`.
pub fn push_number(out: &mut Vec<u8>, mut n: u32) {
    while n >= BASE {
        out.push(digit_char(BASE + n % BASE));
        n /= BASE;
    }
    out.push(digit_char(n));
}

/// Appends a posting: the entry delta and the count code.
#[inline(always)]
pub fn push_posting(out: &mut Vec<u8>, delta: u32, code: u32) {
    let (buf, len) = posting(delta, code);
    out.extend_from_slice(&buf[..len]);
}

/// A posting's characters: the entry delta and the count code, two numbers
/// of at most 6 digits each (`buf[..len]`).
#[inline(always)]
pub(crate) fn posting(delta: u32, code: u32) -> ([u8; 12], usize) {
    match short_posting(delta, code) {
        Some(short) => {
            let mut buf = [0; 12];
            buf[..2].copy_from_slice(&short);
            (buf, 2)
        }
        None => long_posting(delta, code),
    }
}

/// The characters of a posting of one digit each, the common case.
#[inline(always)]
pub(crate) fn short_posting(delta: u32, code: u32) -> Option<[u8; 2]> {
    (delta < BASE && code < BASE).then(|| [digit_char(delta), digit_char(code)])
}

/// [`posting`] for numbers of more than one digit.
#[inline(never)]
fn long_posting(delta: u32, code: u32) -> ([u8; 12], usize) {
    let mut buf = [0u8; 12];
    let mut len = 0;
    for mut n in [delta, code] {
        while n >= BASE {
            buf[len] = digit_char(BASE + n % BASE);
            len += 1;
            n /= BASE;
        }
        buf[len] = digit_char(n);
        len += 1;
    }
    (buf, len)
}

/// The numbers in `bytes`, in order.
pub fn numbers(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut n: u32 = 0;
        let mut scale: u32 = 1;
        while let Some(&c) = bytes.get(at) {
            at += 1;
            let d = char_digit(c);
            if d >= BASE {
                n = n.saturating_add((d - BASE).saturating_mul(scale));
                scale = scale.saturating_mul(BASE);
            } else {
                return Some(n.saturating_add(d.saturating_mul(scale)));
            }
        }
        None
    })
}

/// The postings in `bytes` (entry numbers and capped counts, as the browser
/// sees them).
pub fn decode(bytes: &[u8]) -> Vec<Posting> {
    let mut out = Vec::new();
    let mut doc = 0u32;
    let mut nums = numbers(bytes);
    while let (Some(delta), Some(code)) = (nums.next(), nums.next()) {
        doc += delta;
        out.push(Posting {
            doc,
            title: code / 100_000,
            heading: code / 1000 % 100,
            body: code % 1000,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_printable_and_never_quote_or_backslash() {
        let chars: Vec<u8> = (0..2 * BASE).map(digit_char).collect();
        for (d, &c) in chars.iter().enumerate() {
            assert!((0x23..=0x7D).contains(&c) && c != b'\\', "{d}: {c:#x}");
            assert_eq!(char_digit(c), d as u32);
        }
        let mut sorted = chars.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), chars.len());
    }

    #[test]
    fn numbers_round_trip() {
        let values = [0, 1, 44, 45, 46, 2024, 2025, 99_999, 100_000, 9_999_999, u32::MAX];
        let mut bytes = Vec::new();
        for &v in &values {
            push_number(&mut bytes, v);
        }
        assert_eq!(numbers(&bytes).collect::<Vec<_>>(), values);
        let mut one = Vec::new();
        push_number(&mut one, 3);
        assert_eq!(one, b"&");
    }

    #[test]
    fn postings_round_trip() {
        let ps = [
            Posting {
                doc: 0,
                title: 1,
                heading: 0,
                body: 3,
            },
            Posting {
                doc: 7,
                title: 0,
                heading: 99,
                body: 999,
            },
        ];
        let mut bytes = Vec::new();
        let mut last = 0;
        for p in &ps {
            push_posting(&mut bytes, p.doc - last, p.code());
            last = p.doc;
        }
        let mut one_by_one = Vec::new();
        for n in [0, 100_003, 7, 99_999] {
            push_number(&mut one_by_one, n);
        }
        assert_eq!(bytes, one_by_one);
        assert_eq!(decode(&bytes), ps);
    }
}
