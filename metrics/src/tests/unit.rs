//! Focused unit tests: scales, rounding, errors, JSON shape, text output.

use serde_json::Value;

use crate::*;

#[test]
fn scale_parsing() {
    for (text, min, max) in [
        ("1-5", 1, 5),
        ("1–7", 1, 7),
        (" 0 - 10 ", 0, 10),
        ("1..10", 1, 10),
        ("-2..2", -2, 2),
        ("1 to 5", 1, 5),
        ("1—5", 1, 5),
    ] {
        let s: Scale = text.parse().expect(text);
        assert_eq!((s.min(), s.max()), (min, max), "{text}");
    }
    for bad in [
        "5-1",
        "3-3",
        "abc",
        "",
        "1-",
        "1-5000",
        "1.5-5",
        "99999999999999999999-1",
    ] {
        let e = bad.parse::<Scale>().expect_err(bad);
        assert_eq!(e.code(), "invalid_scale", "{bad}");
    }
    assert_eq!(Scale::NPS.to_string(), "0–10");
    assert_eq!(Scale::ONE_TO_SEVEN.points(), 7);
}

#[test]
fn score_parsing() {
    let s = Scale::NPS;
    assert_eq!(parse_score(" 10 ", s), Ok(10));
    assert_eq!(parse_score("-0", s), Ok(0));
    assert_eq!(parse_score("7.0", s), Ok(7));
    assert_eq!(parse_score("11", s).map_err(|e| e.code()), Err("out_of_range"));
    assert_eq!(parse_score("7.5", s).map_err(|e| e.code()), Err("not_an_integer"));
    assert_eq!(parse_score("abc", s).map_err(|e| e.code()), Err("not_a_number"));
    assert_eq!(parse_score("inf", s).map_err(|e| e.code()), Err("non_finite"));
    assert_eq!(parse_score("", s).map_err(|e| e.code()), Err("empty_cell"));
    // Full-width forms, as a Chinese input method types them.
    assert_eq!(parse_score("９", s), Ok(9));
    assert_eq!(parse_score("\u{3000}１０\u{3000}", s), Ok(10));
    assert_eq!(parse_score("＋７．０", s), Ok(7));
    assert_eq!(parse_score("－０", s), Ok(0));
    assert_eq!(parse_score("１１", s).map_err(|e| e.code()), Err("out_of_range"));
    assert_eq!(
        parse_score("\u{3000}", s).map_err(|e| e.code()),
        Err("empty_cell")
    );
    // Error texts keep what was typed.
    let e = parse_score("９．５", s).expect_err("not whole");
    assert_eq!(e.code(), "not_an_integer");
    assert!(e.to_string().starts_with("９．５ "), "{e}");
    // Other non-ASCII text is still not a number.
    assert_eq!(parse_score("九", s).map_err(|e| e.code()), Err("not_a_number"));
    assert_eq!(
        parse_score("99999999999999999999999", s).map_err(|e| e.code()),
        Err("out_of_range")
    );
    assert_eq!(
        score_from_number(f64::NAN, s).map_err(|e| e.code()),
        Err("non_finite")
    );
    assert_eq!(
        score_from_number(-1e300, s).map_err(|e| e.code()),
        Err("out_of_range")
    );
    assert_eq!(score_from_number(9.0, s), Ok(9));
}

#[test]
fn rounding_examples() {
    assert_eq!(round_half_away(1.005, 2), 1.01);
    assert_eq!(round_half_away(-1.005, 2), -1.01);
    assert_eq!(round_half_away(-16.0 / 6.0 * 6.25, 0), -17.0);
    assert_eq!(round_half_away(-100.0 / 6.0, 0), -17.0);
    assert_eq!(round_half_away(0.1 + 0.2, 1), 0.3);
    let z = round_half_away(-0.4, 0);
    assert!(z == 0.0 && z.is_sign_positive());
    assert!(round_half_away(f64::NAN, 2).is_nan());
    assert_eq!(round_half_away(f64::NEG_INFINITY, 2), f64::NEG_INFINITY);
    assert_eq!(round_half_away(1e300, 2), 1e300);
    assert_eq!(round_half_away(999.96, 1), 1000.0);
    assert_eq!(format_rounded(1.005, 2), "1.01");
    assert_eq!(format_rounded(-0.04, 1), "0.0");
    assert_eq!(format_rounded(15.308089, 1), "15.3");
    assert_eq!(format_rounded(2.0, 30).len(), 22);
}

#[test]
fn histogram_errors() {
    let e = Histogram::from_counts(Scale::NPS, &[1, 2]).expect_err("short");
    assert_eq!(e.code(), "length_mismatch");
    let mut big = vec![0u64; 11];
    big[0] = u64::MAX;
    big[5] = 1;
    let e = Histogram::from_counts(Scale::NPS, &big).expect_err("overflow");
    assert_eq!(
        e,
        MetricsError::Overflow {
            at: Location::index(5)
        }
    );
    let mut h = Histogram::from_counts(Scale::NPS, &[u64::MAX, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).expect("fits");
    assert_eq!(h.add(3).map_err(|e| e.code()), Err("overflow"));
    assert_eq!(h.total(), u64::MAX);
    let r = nps(&h).expect("huge n still works");
    assert_eq!(r.nps, -100.0);
    let other = Histogram::new(Scale::ONE_TO_FIVE);
    assert_eq!(h.merge(&other).map_err(|e| e.code()), Err("wrong_scale"));
    let e = Histogram::from_scores(Scale::NPS, &[3, 4, 12]).expect_err("12");
    assert_eq!(e.location(), Some(Location::index(2)));
    assert_eq!(h.count(42), 0);
}

#[test]
fn nps_errors_and_interval_functions() {
    let h = Histogram::from_scores(Scale::ONE_TO_FIVE, &[3]).expect("ok");
    assert_eq!(nps(&h).map_err(|e| e.code()), Err("wrong_scale"));
    assert_eq!(nps_from_counts(&[0; 11]).map_err(|e| e.code()), Err("empty"));
    assert_eq!(wald_interval(0, 0, 0).map_err(|e| e.code()), Err("empty"));
    assert_eq!(
        wald_interval(5, 6, 10).map_err(|e| e.code()),
        Err("inconsistent_counts")
    );
    assert_eq!(
        wald_interval(u64::MAX, 1, 3).map_err(|e| e.code()),
        Err("inconsistent_counts")
    );
    let mut counts = [0u64; 11];
    (counts[10], counts[8], counts[0]) = (50, 30, 20);
    let r = nps_from_counts(&counts).expect("ok");
    assert_eq!(wald_interval(50, 20, 100), Ok(r.wald));
    assert_eq!(adjusted_wald_interval(50, 20, 100), Ok(r.adjusted_wald));
}

#[test]
fn csi_errors() {
    assert_eq!(csi_from_mean(3.0, Scale::ONE_TO_FIVE), Ok(50.0));
    assert_eq!(
        csi_from_mean(f64::NAN, Scale::ONE_TO_FIVE).map_err(|e| e.code()),
        Err("non_finite")
    );
    assert_eq!(
        csi_from_mean(0.9, Scale::ONE_TO_FIVE).map_err(|e| e.code()),
        Err("out_of_range")
    );
    assert_eq!(normalise_weights(&[]).map_err(|e| e.code()), Err("empty"));
    let e = normalise_weights(&[1.0, f64::INFINITY]).expect_err("inf");
    assert_eq!((e.code(), e.location()), ("non_finite", Some(Location::index(1))));
    assert_eq!(normalise_weights(&[1e308, 1e308]), Ok(vec![0.5, 0.5]));
    assert_eq!(normalise_weights(&[-0.0, 2.0]), Ok(vec![0.0, 1.0]));
    let r = weighted_csi_servqual(Scale::ONE_TO_FIVE, [3.0; 5], &Weights::default()).expect("ok");
    assert_eq!((r.csi, r.weakest.as_str(), r.weakest_index), (50.0, "有形性", 0));
    let e = weighted_csi_servqual(
        Scale::ONE_TO_FIVE,
        [3.0, 3.0, f64::NAN, 3.0, 3.0],
        &Weights::Equal,
    )
    .expect_err("nan mean");
    assert_eq!(e.location(), Some(Location::index(2)));
    let h = Histogram::from_scores(Scale::ONE_TO_FIVE, &[5, 3]).expect("ok");
    assert_eq!(AttributeScore::from_histogram("x", &h).expect("ok").mean, 4.0);
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

#[test]
fn json_field_names_are_stable() {
    let r = nps_from_scores(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9]).expect("ok");
    let v = serde_json::to_value(&r).expect("json");
    assert_eq!(
        keys(&v),
        [
            "adjusted_wald",
            "detractors",
            "histogram",
            "n",
            "nps",
            "nps_rounded",
            "passives",
            "promoters",
            "recommended",
            "wald"
        ]
    );
    assert_eq!(
        keys(&v["wald"]),
        [
            "centre",
            "lower",
            "margin_of_error",
            "method",
            "standard_error",
            "upper"
        ]
    );
    assert_eq!(keys(&v["promoters"]), ["count", "percent"]);
    assert_eq!(v["recommended"], "adjusted_wald");
    assert_eq!(v["wald"]["method"], "wald");
    let c = csi_from_scores(Scale::ONE_TO_FIVE, &[5, 4]).expect("ok");
    let v = serde_json::to_value(&c).expect("json");
    assert_eq!(
        keys(&v),
        [
            "csat_percent",
            "csi",
            "histogram",
            "mean",
            "n",
            "scale",
            "top_two_box"
        ]
    );
    assert_eq!(v["scale"], serde_json::json!({"min": 1, "max": 5}));
    let w = weighted_csi_servqual(Scale::ONE_TO_FIVE, [4.0; 5], &Weights::Equal).expect("ok");
    let v = serde_json::to_value(&w).expect("json");
    assert_eq!(
        keys(&v),
        ["attributes", "csi", "scale", "weakest", "weakest_index"]
    );
    let e = parse_score("x", Scale::NPS)
        .expect_err("x")
        .at(Location::cell(3, 2));
    let v = serde_json::to_value(&e).expect("json");
    assert_eq!(v["code"], "not_a_number");
    assert_eq!(v["at"], serde_json::json!({"index": null, "row": 3, "column": 2}));
    let s = read_scores("9\n".as_bytes(), None, Scale::NPS).expect("ok");
    let v = serde_json::to_value(&s).expect("json");
    assert_eq!(
        keys(&v),
        [
            "blank_lines",
            "column",
            "encoding",
            "header",
            "histogram",
            "lines",
            "rows"
        ]
    );
}

#[test]
fn nps_text_report() {
    let mut counts = [0u64; 11];
    (counts[10], counts[8], counts[0]) = (50, 30, 20);
    let text = render_nps_text(&nps_from_counts(&counts).expect("ok"));
    assert!(text.contains("NPS: 30 ± 15.3  (95%, Wald)"), "{text}");
    assert!(text.contains("50.0%") && text.contains("14.7 to 45.3"), "{text}");
    assert!(text.contains(&"█".repeat(BAR_WIDTH)), "{text}");
    assert!(
        text.contains(&format!("│{}{}", "█".repeat(24), " ".repeat(16))),
        "{text}"
    );
    assert_eq!(text.lines().filter(|l| l.contains('│')).count(), 11);
    let mut counts = [0u64; 11];
    (counts[10], counts[8], counts[0]) = (1, 3, 2);
    let text = render_nps_text(&nps_from_counts(&counts).expect("ok"));
    assert!(text.contains("NPS: -17 ± 45.6  (95%, adjusted Wald)"), "{text}");
    assert!(text.contains("n < 30"), "{text}");
}

#[test]
fn csi_text_reports() {
    let r = csi_from_scores(Scale::ONE_TO_FIVE, &[5, 4, 4, 3, 5, 2, 4, 5, 3, 4]).expect("ok");
    let text = render_csi_text(&r);
    assert!(text.contains("Mean score: 3.90"), "{text}");
    assert!(text.contains("CSI:        72.5"), "{text}");
    assert!(text.contains("CSAT:       70.0% (7 of 10"), "{text}");
    let w =
        weighted_csi_servqual(Scale::ONE_TO_FIVE, [4.2, 3.8, 3.5, 4.0, 3.9], &Weights::Equal).expect("ok");
    let text = render_weighted_csi_text(&w);
    assert!(
        text.contains("Weakest attribute: 响应性") && text.contains("CSI: 72.0"),
        "{text}"
    );
    assert_eq!(bar(1, 1_000_000), "█");
    assert_eq!(bar(0, 5), "");
}

#[test]
fn error_messages_say_what_and_where() {
    let e = Histogram::from_texts(Scale::NPS, &["1", "7.5"]).expect_err("7.5");
    assert_eq!(
        e.to_string(),
        "7.5 is not a whole number (the scale is integer) (at index 1)"
    );
    let e = normalise_weights(&[0.0, 0.0]).expect_err("zero");
    assert_eq!(e.to_string(), "all weights are zero");
    let e = normalise_weights(&[1.0, -2.0]).expect_err("negative");
    assert_eq!(e.to_string(), "weight -2 at index 1 is negative");
    let _: &dyn std::error::Error = &e;
}
