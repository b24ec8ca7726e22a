//! Display rounding: half away from zero, on the decimal the user sees.
//!
//! Binary floats cannot hold most decimals exactly: `1.005` is stored as
//! `1.00499999999999989...`, so a naive `(x * 100.0).round() / 100.0` gives
//! `1.0`. [`round_half_away`] instead rounds the *shortest decimal string
//! that round-trips to the same `f64`* (what `format!("{x}")` prints, and
//! what JavaScript's `String(x)` prints). That string is what a person
//! typed or reads, so `1.005 → 1.01`, `2.675 → 2.68`, `-12.5 → -13`.
//! A value that merely *looks* like a half after arithmetic error (e.g.
//! `0.1 + 0.2 = 0.30000000000000004`) is rounded by its true digits.
//!
//! Keep raw counts and raw floats in reports; round once, when displaying.

/// Round `x` to `decimals` places, ties away from zero, interpreting `x`
/// as its shortest round-trip decimal representation (see module docs).
///
/// NaN and ±infinity are returned unchanged; a result of zero is `+0.0`
/// (never `-0.0`, so `-0.4` displays as `0`, not `-0`). Never panics.
pub fn round_half_away(x: f64, decimals: u32) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return if x == 0.0 { 0.0 } else { x };
    }
    // Scientific form of |x|: "d.ddddde±X", shortest round-trip digits.
    let s = format!("{:e}", x.abs());
    let Some((mantissa, exp)) = s.split_once('e') else {
        return x;
    };
    let Ok(exp) = exp.parse::<i64>() else {
        return x;
    };
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    // |x| = 0.d1 d2 d3 ... × 10^(exp + 1); keep the digits whose place value
    // is at least 10^-decimals.
    let mut point = exp + 1;
    let keep = point + i64::from(decimals);
    if keep >= digits.len() as i64 {
        return x; // already has at most `decimals` places
    }
    if keep < 0 {
        return 0.0; // below half a unit of the last kept place
    }
    let keep = keep as usize;
    let round_up = digits.get(keep).is_some_and(|&d| d >= 5);
    let mut kept: Vec<u8> = digits.get(..keep).unwrap_or(&[]).to_vec();
    if round_up {
        let mut carry = true;
        for d in kept.iter_mut().rev() {
            if *d == 9 {
                *d = 0;
            } else {
                *d += 1;
                carry = false;
                break;
            }
        }
        if carry {
            kept.insert(0, 1);
            point += 1;
        }
    }
    if kept.iter().all(|&d| d == 0) {
        return 0.0;
    }
    let mut out = String::with_capacity(kept.len() + 24);
    out.push_str("0.");
    out.extend(kept.iter().map(|&d| char::from(b'0' + d)));
    out.push('e');
    out.push_str(&point.to_string());
    match out.parse::<f64>() {
        Ok(v) if x < 0.0 => -v,
        Ok(v) => v,
        Err(_) => x,
    }
}

/// Format `x` rounded with [`round_half_away`] to exactly `decimals` places
/// (at most 20; larger requests are capped at 20).
pub fn format_rounded(x: f64, decimals: u32) -> String {
    let decimals = decimals.min(20);
    let r = round_half_away(x, decimals);
    format!("{r:.prec$}", prec = decimals as usize)
}
