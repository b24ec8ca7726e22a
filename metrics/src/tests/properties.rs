//! Property-style tests driven by a deterministic PRNG (no extra crates).

use super::cases;
use crate::*;
use fastrand::Rng;

fn random_counts(rng: &mut Rng, points: usize) -> Vec<u64> {
    let max = [1u64, 2, 6, 100, 10_000, 1_000_000][rng.u64(0..6) as usize];
    (0..points)
        .map(|_| {
            if rng.u64(0..3) == 0 {
                0
            } else {
                rng.u64(0..max + 1)
            }
        })
        .collect()
}

#[test]
fn nps_invariants_on_random_histograms() {
    let mut rng = Rng::with_seed(1);
    for _ in 0..cases(5000) {
        let counts = random_counts(&mut rng, 11);
        let n: u64 = counts.iter().sum();
        let result = nps_from_counts(&counts);
        if n == 0 {
            assert_eq!(result, Err(MetricsError::Empty { what: "scores" }));
            continue;
        }
        let r = result.expect("non-empty histogram");
        assert!((-100.0..=100.0).contains(&r.nps), "{counts:?}");
        assert_eq!(r.n, n);
        assert_eq!(r.promoters.count + r.passives.count + r.detractors.count, n);
        let pct = r.promoters.percent + r.passives.percent + r.detractors.percent;
        assert!((pct - 100.0).abs() < 1e-9);
        assert!((r.nps - (r.promoters.percent - r.detractors.percent)).abs() < 1e-9);
        assert_eq!(r.histogram, counts);
        // Wald: centred on the NPS, which it always contains.
        assert_eq!(r.wald.centre, r.nps);
        assert!(r.wald.lower <= r.nps && r.nps <= r.wald.upper, "{counts:?}");
        for i in [&r.wald, &r.adjusted_wald] {
            assert!(i.standard_error >= 0.0 && i.standard_error.is_finite());
            assert!((i.margin_of_error - 1.96 * i.standard_error).abs() < 1e-9);
            assert!(-100.0 <= i.lower && i.lower <= i.centre && i.centre <= i.upper);
            assert!(i.upper <= 100.0);
        }
        let want = if n < 30 || r.nps.abs() >= 90.0 {
            IntervalMethod::AdjustedWald
        } else {
            IntervalMethod::Wald
        };
        assert_eq!(r.recommended, want);
        assert_eq!(r.recommended_interval().method, want);
        assert!((r.nps_rounded as f64 - r.nps).abs() <= 0.5);
        assert_eq!(r.nps_rounded as f64, round_half_away(r.nps, 0));
    }
}

#[test]
fn raw_score_order_does_not_matter() {
    let mut rng = Rng::with_seed(2);
    for _ in 0..cases(500) {
        let len = 1 + rng.u64(0..300) as usize;
        let mut scores: Vec<i64> = (0..len).map(|_| rng.u64(0..11) as i64).collect();
        let before = nps_from_scores(&scores).expect("valid");
        rng.shuffle(&mut scores);
        assert_eq!(nps_from_scores(&scores).expect("valid"), before);
        // Same as building from counts.
        let mut counts = vec![0u64; 11];
        for &s in &scores {
            counts[s as usize] += 1;
        }
        assert_eq!(nps_from_counts(&counts).expect("valid"), before);
        // And from numbers / texts.
        let nums: Vec<f64> = scores.iter().map(|&s| s as f64).collect();
        let texts: Vec<String> = scores.iter().map(|s| format!(" {s} ")).collect();
        let h = Histogram::from_scores(Scale::NPS, &scores).expect("valid");
        assert_eq!(Histogram::from_numbers(Scale::NPS, &nums).expect("valid"), h);
        assert_eq!(Histogram::from_texts(Scale::NPS, &texts).expect("valid"), h);
    }
}

#[test]
fn csi_invariants_on_random_histograms() {
    let mut rng = Rng::with_seed(3);
    let scales = [Scale::ONE_TO_FIVE, Scale::ONE_TO_SEVEN, Scale::ONE_TO_TEN];
    for _ in 0..cases(3000) {
        let scale = scales[rng.u64(0..3) as usize];
        let counts = random_counts(&mut rng, scale.points());
        let h = Histogram::from_counts(scale, &counts).expect("valid");
        let Ok(r) = csi(&h) else {
            assert!(h.is_empty());
            continue;
        };
        assert!((0.0..=100.0).contains(&r.csi));
        assert!((0.0..=100.0).contains(&r.csat_percent));
        assert!(scale.min() as f64 <= r.mean && r.mean <= scale.max() as f64);
        let csi_again = csi_from_mean(r.mean, scale).expect("mean on scale");
        assert_eq!(csi_again, r.csi);
    }
}

#[test]
fn weighted_csi_invariants() {
    let mut rng = Rng::with_seed(4);
    for _ in 0..cases(3000) {
        let k = 1 + rng.u64(0..8) as usize;
        let attrs: Vec<AttributeScore> = (0..k)
            .map(|i| AttributeScore::new(format!("a{i}"), 1.0 + rng.u64(0..4001) as f64 / 1000.0))
            .collect();
        let mut raw: Vec<f64> = (0..k).map(|_| rng.u64(0..100) as f64 / 7.0).collect();
        if raw.iter().all(|&w| w == 0.0) {
            raw[0] = 1.0;
        }
        let weights = if rng.u64(0..2) == 0 {
            Weights::Explicit { weights: raw }
        } else {
            Weights::Equal
        };
        let r = weighted_csi(Scale::ONE_TO_FIVE, &attrs, &weights).expect("valid");
        let sum: f64 = r.attributes.iter().map(|a| a.weight).sum();
        assert!((sum - 1.0).abs() < 1e-12);
        let lo = r.attributes.iter().map(|a| a.csi).fold(f64::INFINITY, f64::min);
        let hi = r
            .attributes
            .iter()
            .map(|a| a.csi)
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(lo - 1e-9 <= r.csi && r.csi <= hi + 1e-9);
        assert_eq!(r.attributes[r.weakest_index].csi, lo);
        assert_eq!(r.attributes[r.weakest_index].name, r.weakest);
    }
}

/// Compare with exact integer rounding of a decimal `m · 10^-k`.
#[test]
fn rounding_matches_exact_decimal_rounding() {
    let mut rng = Rng::with_seed(5);
    for _ in 0..cases(20_000) {
        let k = rng.u64(0..7) as u32; // decimals in the input
        let m = rng.u64(0..10u64.pow(9)) as i64 * if rng.u64(0..2) == 0 { -1 } else { 1 };
        let x: f64 = format!("{m}e-{k}").parse().expect("float");
        let d = rng.u64(0..u64::from(k) + 1) as u32; // round to d ≤ k places
        let unit = 10i64.pow(k - d);
        let (q, r) = (m.abs() / unit, m.abs() % unit);
        let q = if 2 * r >= unit { q + 1 } else { q };
        let want: f64 = format!("{q}e-{d}").parse().expect("float");
        let want = if m < 0 && q != 0 { -want } else { want };
        let got = round_half_away(x, d);
        assert_eq!(got, want, "round_half_away({x}, {d})");
        assert_eq!(round_half_away(-x, d), if got == 0.0 { 0.0 } else { -got });
        assert_eq!(round_half_away(got, d), got, "idempotent");
        assert!(!(got == 0.0 && got.is_sign_negative()), "no -0");
    }
}

#[test]
fn rounding_never_panics_on_any_bits() {
    let mut rng = Rng::with_seed(6);
    for _ in 0..cases(20_000) {
        let x = f64::from_bits(rng.u64(..));
        let d = rng.u64(0..400) as u32;
        let r = round_half_away(x, d);
        if x.is_finite() {
            assert!(r.is_finite() || x.abs() > 1e307);
        }
        let _ = format_rounded(x, d);
    }
    assert_eq!(round_half_away(f64::MAX, 0), f64::MAX);
    assert_eq!(round_half_away(5e-324, 2), 0.0);
    assert_eq!(round_half_away(0.5, u32::MAX), 0.5);
}

#[test]
fn parsers_never_panic_on_random_bytes() {
    let alphabet: &[u8] = b"0123456789,,\"\" \t\n\r\n.-+eEaNinf\xEF\xBB\xBF\xFF";
    let mut rng = Rng::with_seed(7);
    for _ in 0..cases(5000) {
        let len = rng.u64(0..60) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[rng.u64(0..alphabet.len() as u64) as usize])
            .collect();
        let column = match rng.u64(0..4) {
            0 => None,
            1 => Some(Column::Name("a")),
            2 => Some(Column::Index(1 + rng.u64(0..3) as usize)),
            _ => Some(Column::Index(0)),
        };
        if let Ok(s) = read_scores(bytes.as_slice(), column, Scale::NPS) {
            assert_eq!(s.rows, s.histogram.total());
            assert!(s.rows > 0);
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_score(&text, Scale::ONE_TO_FIVE);
        let _ = text.parse::<Scale>();
    }
}

/// Write a random histogram as a file in a random dialect, read it back.
#[test]
fn reader_round_trips_random_files() {
    let mut rng = Rng::with_seed(8);
    for _ in 0..cases(300) {
        let counts = random_counts(&mut rng, 11)
            .into_iter()
            .map(|c| c % 50)
            .collect::<Vec<_>>();
        let mut scores: Vec<i64> = Vec::new();
        for (s, &c) in counts.iter().enumerate() {
            scores.extend(std::iter::repeat_n(s as i64, c as usize));
        }
        rng.shuffle(&mut scores);
        let eol = if rng.u64(0..2) == 0 { "\r\n" } else { "\n" };
        let multi = rng.bool();
        let mut text = String::new();
        if rng.u64(0..3) == 0 {
            text.push('\u{feff}');
        }
        if multi {
            text.push_str(&format!("id,\"comment, free\", nps {eol}"));
        } else if rng.u64(0..2) == 0 {
            text.push_str(&format!("nps{eol}"));
        }
        for (i, s) in scores.iter().enumerate() {
            if rng.u64(0..20) == 0 {
                text.push_str(eol);
            }
            let cell = match rng.u64(0..3) {
                0 => format!("{s}"),
                1 => format!("  {s} "),
                _ => format!("\"{s}\""),
            };
            if multi {
                text.push_str(&format!("{i},\"say \"\"hi\"\", ok\",{cell}{eol}"));
            } else {
                text.push_str(&format!("{cell}{eol}"));
            }
        }
        let column = if multi {
            Some(if rng.u64(0..2) == 0 {
                Column::Name("nps")
            } else {
                Column::Index(3)
            })
        } else {
            None
        };
        match read_scores(text.as_bytes(), column, Scale::NPS) {
            Ok(s) => assert_eq!(s.histogram.counts(), counts.as_slice(), "{text:?}"),
            Err(e) => {
                assert!(scores.is_empty(), "{e}: {text:?}");
                assert_eq!(e.code(), "empty");
            }
        }
    }
}
