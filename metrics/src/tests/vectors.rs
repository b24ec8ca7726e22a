//! Runs every case of the shared vectors file against the Rust code.

use serde_json::{Value, json};

use crate::*;

/// Shared with the calculator page's tests (the project's tests/data).
const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/data/metrics_vectors.json"
));

fn doc() -> Value {
    serde_json::from_str(VECTORS).expect("vectors file is valid JSON")
}

fn tol(case: &Value, doc: &Value) -> f64 {
    case.get("tolerance")
        .or_else(|| doc.get("tolerance"))
        .and_then(Value::as_f64)
        .expect("tolerance")
}

fn scale(v: &Value) -> Scale {
    v.as_str().expect("scale string").parse().expect("valid scale")
}

/// Every key of `expected` must match `actual`: numbers within `tol`,
/// everything else exactly.
fn check(expected: &Value, actual: &Value, tol: f64, path: &str, fails: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => check(ev, av, tol, &format!("{path}.{k}"), fails),
                    None => fails.push(format!("{path}.{k}: missing in actual")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                check(ev, av, tol, &format!("{path}[{i}]"), fails);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap_or(f64::NAN), a.as_f64().unwrap_or(f64::NAN));
            if (e - a).abs() > tol || e.is_nan() || a.is_nan() {
                fails.push(format!("{path}: expected {e}, got {a}"));
            }
        }
        _ if expected == actual => {}
        _ => fails.push(format!("{path}: expected {expected}, got {actual}")),
    }
}

fn interval_json(i: &NpsInterval) -> Value {
    json!({"centre": i.centre, "se": i.standard_error, "moe": i.margin_of_error,
           "lower": i.lower, "upper": i.upper})
}

fn nps_json(r: &NpsReport) -> Value {
    json!({
        "n": r.n, "promoters": r.promoters.count, "passives": r.passives.count,
        "detractors": r.detractors.count, "promoters_percent": r.promoters.percent,
        "passives_percent": r.passives.percent, "detractors_percent": r.detractors.percent,
        "nps": r.nps, "nps_rounded": r.nps_rounded, "histogram": r.histogram,
        "wald": interval_json(&r.wald), "adjusted_wald": interval_json(&r.adjusted_wald),
        "recommended": serde_json::to_value(r.recommended).expect("serialise"),
    })
}

fn u64s(v: &Value) -> Vec<u64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("count"))
        .collect()
}

fn i64s(v: &Value) -> Vec<i64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_i64().expect("score"))
        .collect()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

fn histogram_input(input: &Value, scale: Scale) -> Histogram {
    match (input.get("histogram"), input.get("scores")) {
        (Some(h), _) => Histogram::from_counts(scale, &u64s(h)).expect("valid histogram"),
        (None, Some(s)) => Histogram::from_scores(scale, &i64s(s)).expect("valid scores"),
        _ => panic!("case input needs histogram or scores"),
    }
}

#[test]
fn nps_vectors() {
    let doc = doc();
    let mut fails = Vec::new();
    let cases = doc["nps"].as_array().expect("nps cases");
    assert!(cases.len() >= 8);
    for case in cases {
        let report = nps(&histogram_input(&case["input"], Scale::NPS)).expect("nps");
        let id = case["id"].as_str().unwrap_or("?");
        check(
            &case["expected"],
            &nps_json(&report),
            tol(case, &doc),
            id,
            &mut fails,
        );
    }
    assert!(fails.is_empty(), "{fails:#?}");
}

#[test]
fn csi_vectors() {
    let doc = doc();
    let mut fails = Vec::new();
    for case in doc["csi"].as_array().expect("csi cases") {
        let s = scale(&case["input"]["scale"]);
        let r = csi(&histogram_input(&case["input"], s)).expect("csi");
        let actual = json!({"n": r.n, "mean": r.mean, "csi": r.csi,
            "top_two_box": r.top_two_box, "csat_percent": r.csat_percent});
        let id = case["id"].as_str().unwrap_or("?");
        check(&case["expected"], &actual, tol(case, &doc), id, &mut fails);
    }
    assert!(fails.is_empty(), "{fails:#?}");
}

fn weighted_from_input(input: &Value, doc: &Value) -> Result<WeightedCsiReport, MetricsError> {
    let s = scale(&input["scale"]);
    let means = f64s(&input["means"]);
    let names: Vec<String> = input
        .get("names")
        .unwrap_or(&doc["servqual_dimensions"])
        .as_array()
        .expect("names")
        .iter()
        .map(|n| n.as_str().expect("name").to_string())
        .collect();
    let attributes: Vec<AttributeScore> = names
        .iter()
        .zip(&means)
        .map(|(n, &m)| AttributeScore::new(n.as_str(), m))
        .collect();
    let weights = if let Some(w) = input.get("weights") {
        Weights::Explicit { weights: f64s(w) }
    } else if let Some(r) = input.get("importance") {
        Weights::Importance {
            ratings: f64s(r),
            scale: scale(&input["importance_scale"]),
        }
    } else {
        Weights::Equal
    };
    weighted_csi(s, &attributes, &weights)
}

#[test]
fn weighted_csi_vectors() {
    let doc = doc();
    let mut fails = Vec::new();
    for case in doc["weighted_csi"].as_array().expect("cases") {
        let r = weighted_from_input(&case["input"], &doc).expect("weighted csi");
        let actual = json!({
            "csi": r.csi,
            "weights": r.attributes.iter().map(|a| a.weight).collect::<Vec<_>>(),
            "attribute_csi": r.attributes.iter().map(|a| a.csi).collect::<Vec<_>>(),
            "weakest": r.weakest, "weakest_index": r.weakest_index,
        });
        let id = case["id"].as_str().unwrap_or("?");
        check(&case["expected"], &actual, tol(case, &doc), id, &mut fails);
    }
    assert!(fails.is_empty(), "{fails:#?}");
}

#[test]
fn weighted_error_vectors() {
    let doc = doc();
    for case in doc["weighted_errors"].as_array().expect("cases") {
        let id = case["id"].as_str().unwrap_or("?");
        let err = weighted_from_input(&case["input"], &doc).expect_err(id);
        check_error(id, &err, &case["expected"]);
    }
}

#[test]
fn rounding_vectors() {
    let doc = doc();
    for case in doc["rounding"].as_array().expect("cases") {
        let x = case["x"].as_f64().expect("x");
        let d = case["decimals"].as_u64().expect("decimals") as u32;
        let want = case["expected"].as_f64().expect("expected");
        assert_eq!(round_half_away(x, d), want, "round_half_away({x}, {d})");
    }
}

fn check_error(id: &str, err: &MetricsError, expected: &Value) {
    assert_eq!(
        err.code(),
        expected["code"].as_str().expect("code"),
        "{id}: {err}"
    );
    let loc = err.location().unwrap_or_default();
    for (key, got) in [("index", loc.index), ("row", loc.row), ("column", loc.column)] {
        if let Some(want) = expected.get(key) {
            let want = want.as_u64().map(|w| w as usize);
            assert_eq!(got, want, "{id}: {key} of {err}");
        }
    }
    // The serialised error carries the same code.
    let v = serde_json::to_value(err).expect("serialise error");
    assert_eq!(v["code"], expected["code"], "{id}");
}

#[test]
fn error_vectors() {
    let doc = doc();
    for case in doc["errors"].as_array().expect("cases") {
        let id = case["id"].as_str().unwrap_or("?");
        let s = scale(&case["scale"]);
        let values = case["values"].as_array().expect("values");
        let hist = if values.iter().all(Value::is_number) {
            Histogram::from_numbers(s, &f64s(&case["values"]))
        } else {
            let texts: Vec<String> = values
                .iter()
                .map(|v| match v {
                    Value::String(t) => t.clone(),
                    other => other.to_string(),
                })
                .collect();
            Histogram::from_texts(s, &texts)
        };
        let result = hist.and_then(|h| match case["metric"].as_str() {
            Some("nps") => nps(&h).map(|_| ()),
            _ => csi(&h).map(|_| ()),
        });
        check_error(id, &result.expect_err(id), &case["expected"]);
    }
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    let digits: Vec<u8> = hex.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    digits
        .chunks(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).expect("ASCII hex");
            u8::from_str_radix(text, 16).expect("hex digit pair")
        })
        .collect()
}

#[test]
fn score_text_vectors() {
    let doc = doc();
    let cases = doc["scores"].as_array().expect("score cases");
    assert!(cases.len() >= 2);
    for case in cases {
        let id = case["id"].as_str().unwrap_or("?");
        let texts: Vec<&str> = case["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|v| v.as_str().expect("text"))
            .collect();
        let h = Histogram::from_texts(scale(&case["scale"]), &texts).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(
            h.counts(),
            u64s(&case["expected"]["histogram"]).as_slice(),
            "{id}"
        );
    }
}

#[test]
fn file_vectors() {
    let doc = doc();
    let mut fails = Vec::new();
    for case in doc["files"].as_array().expect("cases") {
        let id = case["id"].as_str().unwrap_or("?");
        let column = match &case["column"] {
            Value::String(name) => Some(Column::Name(name)),
            Value::Number(k) => Some(Column::Index(k.as_u64().expect("index") as usize)),
            _ => None,
        };
        let bytes: Vec<u8> = match (case.get("bytes_hex"), case.get("text")) {
            (Some(hex), _) => hex_bytes(hex.as_str().expect("hex")),
            (None, Some(text)) => text.as_str().expect("text").as_bytes().to_vec(),
            _ => panic!("{id}: no text or bytes_hex"),
        };
        let encoding: Encoding = case
            .get("encoding")
            .and_then(Value::as_str)
            .unwrap_or("utf-8")
            .parse()
            .expect("encoding");
        let result = read_scores_with(bytes.as_slice(), column, scale(&case["scale"]), encoding);
        match (case.get("expected"), case.get("expected_error")) {
            (Some(e), _) => {
                let r = result.unwrap_or_else(|err| panic!("{id}: {err}"));
                let actual = json!({"histogram": r.histogram.counts(), "rows": r.rows,
                    "header": r.header, "column": r.column, "encoding": r.encoding.name()});
                check(e, &actual, 0.0, id, &mut fails);
            }
            (None, Some(e)) => check_error(id, &result.expect_err(id), e),
            _ => panic!("{id}: no expectation"),
        }
        // The streaming path (first pass: detect; second: read) agrees.
        if encoding == Encoding::Auto {
            let detected = Encoding::detect(bytes.as_slice()).expect("in memory");
            assert_eq!(detected, Encoding::detect_bytes(&bytes), "{id}: detect");
            let streamed = read_scores_with(bytes.as_slice(), column, scale(&case["scale"]), detected);
            let again = read_scores_with(bytes.as_slice(), column, scale(&case["scale"]), encoding);
            assert_eq!(streamed, again, "{id}: two passes and one pass differ");
        }
    }
    assert!(fails.is_empty(), "{fails:#?}");
}
