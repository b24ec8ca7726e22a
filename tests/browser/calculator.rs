//! The NPS / CSI calculator page in a real browser (headless Chromium, see
//! tests/support/browser.rs), opened from file:// as learners do.
//!
//! * Every vector in tests/data/metrics_vectors.json (the file the Rust
//!   metrics tests read too) is fed to `window.coursegenCalc`, and the page
//!   must produce the expected numbers, errors and CSV readings; a
//!   differential check compares the page with the Rust core bit for bit on
//!   many generated inputs. So the page and `coursegen_metrics` cannot
//!   disagree.
//! * The form: counts, raw scores, a CSV file (UTF-8 or GB18030, as Excel
//!   on Chinese Windows saves it), full-width digits, inline errors, the
//!   state in the URL fragment, the CSI tab, keyboard tabs, copying, no
//!   empty table headers, no console errors and no third-party requests.
//! * On a phone (360×780, touch) the compact result under the inputs is on
//!   screen after typing counts; the page does not move when its script
//!   starts (same layout with the scripts blocked; layout shifts summed by a
//!   PerformanceObserver under a slow network stay below 0.1).
//! * Saves target/screenshots/calculator-{nps,csi}-{desktop,phone}-{light,dark}.png
//!   (whole page) and calculator-live-phone-{light,dark}.png (the screen
//!   after typing counts on a phone).
//!
//! Without Chromium each test prints `SKIPPED: chromium not found` and passes,
//! unless COURSEGEN_REQUIRE_BROWSER=1.

use crate::support;

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::{Browser, Page};
use support::http::Server;
use support::site::{BuiltSite, build_fixture};

/// The basic fixture with the calculator turned on (`calculator: true`),
/// changed further by `edit`.
fn calculator_site(edit: impl FnOnce(&Path)) -> BuiltSite {
    build_fixture("basic", |root| {
        let config = root.join("course/course.yaml");
        let mut text = std::fs::read_to_string(&config).expect("course.yaml");
        text.push_str("\ncalculator: true\n");
        std::fs::write(&config, text).expect("write course.yaml");
        edit(root);
    })
}

const DESKTOP: (u32, u32) = (1280, 860);
const PHONE: (u32, u32) = (360, 780);
const WAIT: Duration = Duration::from_secs(10);

fn vectors() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/metrics_vectors.json");
    let text = std::fs::read_to_string(&path).expect("read metrics_vectors.json");
    serde_json::from_str(&text).expect("metrics_vectors.json is JSON")
}

/// `"1-5"` → (1, 5).
fn scale(v: &Value) -> (i64, i64) {
    let s = v.as_str().expect("scale string");
    let (a, b) = s.split_once('-').expect("MIN-MAX");
    (a.parse().expect("min"), b.parse().expect("max"))
}

/// `window.coursegenCalc.<call>` with JSON arguments.
fn calc(page: &Page, call: &str, args: &[Value]) -> Value {
    let args: Vec<String> = args.iter().map(Value::to_string).collect();
    page.eval(&format!("window.coursegenCalc.{call}({})", args.join(", ")))
}

/// Every field of `expected` must be in `actual`: numbers within `tol`
/// (integers exactly), strings and arrays element by element.
fn assert_matches(actual: &Value, expected: &Value, tol: f64, at: &str) {
    match expected {
        Value::Object(map) => {
            for (k, e) in map {
                let a = actual
                    .get(k)
                    .unwrap_or_else(|| panic!("{at}: no field `{k}` in {actual}"));
                assert_matches(a, e, tol, &format!("{at}.{k}"));
            }
        }
        Value::Array(items) => {
            let a = actual
                .as_array()
                .unwrap_or_else(|| panic!("{at}: expected an array, got {actual}"));
            assert_eq!(a.len(), items.len(), "{at}: length of {actual} vs {expected}");
            for (i, (x, e)) in a.iter().zip(items).enumerate() {
                assert_matches(x, e, tol, &format!("{at}[{i}]"));
            }
        }
        Value::Number(n) => {
            let a = actual
                .as_f64()
                .unwrap_or_else(|| panic!("{at}: expected a number, got {actual}"));
            let e = n.as_f64().expect("finite");
            if n.is_i64() || n.is_u64() {
                assert!(a == e, "{at}: {a} != {e} (integers compare exactly)");
            } else {
                assert!(
                    (a - e).abs() <= tol,
                    "{at}: {a} differs from {e} by more than {tol}"
                );
            }
        }
        other => assert_eq!(actual, other, "{at}"),
    }
}

fn text(page: &Page, selector: &str) -> String {
    let sel = serde_json::to_string(selector).expect("string");
    page.eval(&format!(
        "(() => {{ const e = document.querySelector({sel}); return e ? e.textContent : null; }})()"
    ))
    .as_str()
    .unwrap_or_default()
    .to_string()
}

fn visible_text(page: &Page, selector: &str) -> String {
    let sel = serde_json::to_string(selector).expect("string");
    page.eval(&format!(
        "(() => {{ const e = document.querySelector({sel}); return e && e.offsetParent !== null ? e.innerText : ''; }})()"
    ))
    .as_str()
    .unwrap_or_default()
    .to_string()
}

fn attr(page: &Page, selector: &str, name: &str) -> Value {
    let sel = serde_json::to_string(selector).expect("string");
    let name = serde_json::to_string(name).expect("string");
    page.eval(&format!("document.querySelector({sel}).getAttribute({name})"))
}

fn value(page: &Page, selector: &str) -> String {
    let sel = serde_json::to_string(selector).expect("string");
    page.eval(&format!("document.querySelector({sel}).value"))
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Replaces the content of a text field as a learner would (select all, type).
fn retype(page: &Page, selector: &str, text: &str) {
    page.click(selector);
    let sel = serde_json::to_string(selector).expect("string");
    page.eval(&format!("document.querySelector({sel}).select()"));
    if text.is_empty() {
        page.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); e.value = ''; e.dispatchEvent(new Event('input', {{ bubbles: true }})); }})()"
        ));
    } else {
        page.type_text(text);
    }
}

/// Results text must never show these (stale or broken numbers).
fn assert_no_bad_numbers(page: &Page) {
    let all = page.eval("document.getElementById('calculator').innerText");
    let all = all.as_str().unwrap_or_default();
    for bad in ["NaN", "Infinity", "undefined", "-0 ", "-0.0"] {
        assert!(!all.contains(bad), "the calculator shows `{bad}`:\n{all}");
    }
}

fn open<'b>(browser: &'b Browser, url: &str, size: (u32, u32)) -> Page<'b> {
    let page = browser.page(url, size.0, size.1);
    page.wait_for(
        "document.getElementById('calculator').classList.contains('is-ready')",
        WAIT,
    );
    page
}

#[test]
fn page_numbers_match_the_shared_vectors_and_the_rust_core() {
    let Some(browser) = Browser::launch() else { return };
    let site = calculator_site(|_| {});
    let page = open(&browser, &site.url("calculator.html"), DESKTOP);
    let v = vectors();
    let tol = v["tolerance"].as_f64().expect("tolerance");
    let tol_of = |case: &Value| case["tolerance"].as_f64().unwrap_or(tol);
    let mut checked = 0;

    for case in v["nps"].as_array().expect("nps vectors") {
        let id = case["id"].as_str().unwrap_or("?");
        let input = &case["input"];
        let hist = if let Some(h) = input.get("histogram") {
            h.clone()
        } else {
            let h = calc(
                &page,
                "histogram",
                &[input["scores"].clone(), json!(0), json!(10)],
            );
            h["histogram"].clone()
        };
        let got = calc(&page, "nps", &[hist]);
        assert_matches(&got, &case["expected"], tol_of(case), &format!("nps {id}"));
        checked += 1;
    }
    for case in v["csi"].as_array().expect("csi vectors") {
        let id = case["id"].as_str().unwrap_or("?");
        let input = &case["input"];
        let (min, max) = scale(&input["scale"]);
        let scores: Vec<i64> = if let Some(s) = input.get("scores") {
            serde_json::from_value(s.clone()).expect("scores")
        } else {
            let h: Vec<i64> = serde_json::from_value(input["histogram"].clone()).expect("histogram");
            h.iter()
                .enumerate()
                .flat_map(|(i, &c)| std::iter::repeat_n(min + i as i64, c as usize))
                .collect()
        };
        let got = calc(&page, "csi", &[json!(scores), json!(min), json!(max)]);
        assert_matches(&got, &case["expected"], tol_of(case), &format!("csi {id}"));
        checked += 1;
    }
    let weighted = |input: &Value| {
        let (min, max) = scale(&input["scale"]);
        let mut opts = json!({});
        if let Some(names) = input.get("names") {
            opts["names"] = names.clone();
        }
        let weights = if let Some(imp) = input.get("importance") {
            let (a, b) = scale(&input["importance_scale"]);
            opts["importance"] = json!([a, b]);
            imp.clone()
        } else {
            input.get("weights").cloned().unwrap_or(Value::Null)
        };
        calc(
            &page,
            "weightedCsi",
            &[input["means"].clone(), weights, json!(min), json!(max), opts],
        )
    };
    for case in v["weighted_csi"].as_array().expect("weighted vectors") {
        let id = case["id"].as_str().unwrap_or("?");
        let got = weighted(&case["input"]);
        assert_matches(
            &got,
            &case["expected"],
            tol_of(case),
            &format!("weighted_csi {id}"),
        );
        checked += 1;
    }
    for case in v["weighted_errors"].as_array().expect("weighted errors") {
        let id = case["id"].as_str().unwrap_or("?");
        let got = weighted(&case["input"]);
        assert_matches(
            &got["error"],
            &case["expected"],
            0.0,
            &format!("weighted_errors {id}"),
        );
        checked += 1;
    }
    for case in v["rounding"].as_array().expect("rounding vectors") {
        let (x, d) = (case["x"].clone(), case["decimals"].clone());
        let got = calc(&page, "round", &[x.clone(), d.clone()]);
        let (g, e) = (
            got.as_f64().expect("number"),
            case["expected"].as_f64().expect("number"),
        );
        assert!(g == e, "round({x}, {d}) = {g}, expected {e}");
        let negative_zero = page.eval(&format!("Object.is(window.coursegenCalc.round({x}, {d}), -0)"));
        assert_eq!(negative_zero, json!(false), "round({x}, {d}) gives -0");
        checked += 1;
    }
    for case in v["errors"].as_array().expect("error vectors") {
        let id = case["id"].as_str().unwrap_or("?");
        let (min, max) = scale(&case["scale"]);
        let h = calc(
            &page,
            "histogram",
            &[case["values"].clone(), json!(min), json!(max)],
        );
        let got = if h.get("error").is_some() {
            h
        } else if case["metric"] == "nps" {
            calc(&page, "nps", &[h["histogram"].clone()])
        } else {
            calc(&page, "csi", &[case["values"].clone(), json!(min), json!(max)])
        };
        let expected = &case["expected"];
        assert_matches(&got["error"], expected, 0.0, &format!("errors {id}"));
        if expected.get("index").is_none() {
            assert!(
                got["error"].get("index").is_none(),
                "errors {id}: unexpected index in {got}"
            );
        }
        checked += 1;
    }
    for case in v["scores"].as_array().expect("score text vectors") {
        let id = case["id"].as_str().unwrap_or("?");
        let (min, max) = scale(&case["scale"]);
        let got = calc(
            &page,
            "histogram",
            &[case["values"].clone(), json!(min), json!(max)],
        );
        assert_matches(&got, &case["expected"], 0.0, &format!("scores {id}"));
        checked += 1;
    }
    let mut decoded_files = 0;
    for case in v["files"].as_array().expect("file vectors") {
        let id = case["id"].as_str().unwrap_or("?");
        let (min, max) = scale(&case["scale"]);
        // Files given as bytes are decoded by the page first, as a picked file is.
        let (text, encoding) = if let Some(hex) = case.get("bytes_hex") {
            let d = page.eval(&format!(
                "(() => {{ const hex = {hex}; const b = new Uint8Array(hex.length / 2); \
                 for (let i = 0; i < b.length; i++) b[i] = parseInt(hex.substr(2 * i, 2), 16); \
                 return window.coursegenCalc.decode(b, {}); }})()",
                case.get("encoding").unwrap_or(&json!("auto"))
            ));
            decoded_files += 1;
            if let Some(err) = d.get("error") {
                // TextDecoder gives no position: the page checks the code only.
                let want = &case["expected_error"]["code"];
                assert_eq!(&err["code"], want, "files {id}: {d}");
                checked += 1;
                continue;
            }
            (d["text"].clone(), d["encoding"].clone())
        } else {
            (case["text"].clone(), Value::Null)
        };
        let mut got = calc(
            &page,
            "readCsv",
            &[text, case["column"].clone(), json!(min), json!(max)],
        );
        if let Some(err) = case.get("expected_error") {
            assert_matches(&got["error"], err, 0.0, &format!("files {id}"));
        } else {
            assert!(got.get("error").is_none(), "files {id}: {got}");
            if !encoding.is_null() {
                got["encoding"] = encoding;
            }
            assert_matches(&got, &case["expected"], 0.0, &format!("files {id}"));
        }
        checked += 1;
    }
    assert!(decoded_files >= 6, "only {decoded_files} byte vectors");
    assert!(checked >= 60, "only {checked} vectors checked");

    // Differential check against the Rust core: exact, bit for bit.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut xs = Vec::new();
    let mut ds = Vec::new();
    for i in 0..400u64 {
        let r = next();
        let x = match i % 4 {
            0 => (r % 2_000_001) as f64 / 1000.0 - 1000.0,
            1 => (r % 20_001) as f64 / 200.0 - 50.0,
            2 => f64::from_bits(0x3ff0_0000_0000_0000 | (r >> 12)) * if r & 1 == 0 { 1.0 } else { -1.0 },
            _ => (r % 1_000_000) as f64 / 7.0 - 70_000.0,
        };
        xs.push(x);
        ds.push((next() % 5) as u32);
    }
    let got = page.eval(&format!(
        "(() => {{ const xs = {}; const ds = {}; return xs.map((x, i) => [String(window.coursegenCalc.round(x, ds[i])), window.coursegenCalc.format(x, ds[i])]); }})()",
        json!(xs),
        json!(ds)
    ));
    // The inputs travel as JSON too: use the page's own reading of them.
    let xs_page = page.eval(&format!("{}.map(String)", json!(xs)));
    let xs: Vec<f64> = (0..xs.len())
        .map(|i| {
            xs_page[i]
                .as_str()
                .and_then(|s| s.parse().ok())
                .expect("number text")
        })
        .collect();
    for (i, (x, d)) in xs.iter().zip(&ds).enumerate() {
        let want = coursegen_metrics::round_half_away(*x, *d);
        let want_text = coursegen_metrics::format_rounded(*x, *d);
        let g = &got[i];
        assert!(
            g[0].as_str().and_then(|s| s.parse::<f64>().ok()) == Some(want),
            "round({x:?}, {d}): page {} vs Rust {want:?}",
            g[0]
        );
        assert_eq!(g[1].as_str(), Some(want_text.as_str()), "format({x:?}, {d})");
    }
    let mut hists = Vec::new();
    for i in 0..150u64 {
        let h: Vec<u64> = (0..11)
            .map(|_| {
                let r = next();
                if i % 3 == 0 && r % 3 == 0 {
                    0
                } else {
                    r % (1 + i * 7)
                }
            })
            .collect();
        hists.push(h);
    }
    // Numbers come back as JavaScript's shortest round-trip strings, parsed
    // with Rust's correctly rounded `str::parse` (serde_json's default float
    // parser may be off by one ulp).
    let got = page.eval(&format!(
        "JSON.stringify({}.map(h => window.coursegenCalc.nps(h)), (k, v) => typeof v === 'number' ? String(v) : v)",
        json!(hists)
    ));
    let got: Value = serde_json::from_str(got.as_str().expect("JSON text")).expect("JSON");
    let num = |v: &Value| v.as_str().and_then(|s| s.parse::<f64>().ok());
    for (i, h) in hists.iter().enumerate() {
        let g = &got[i];
        match coursegen_metrics::nps_from_counts(h) {
            Err(_) => assert!(g.get("error").is_some(), "nps({h:?}) should fail: {g}"),
            Ok(r) => {
                let pairs = [
                    ("nps", r.nps, &g["nps"]),
                    ("promoters_percent", r.promoters.percent, &g["promoters_percent"]),
                    ("wald.se", r.wald.standard_error, &g["wald"]["se"]),
                    ("wald.lower", r.wald.lower, &g["wald"]["lower"]),
                    ("wald.upper", r.wald.upper, &g["wald"]["upper"]),
                    (
                        "adjusted.centre",
                        r.adjusted_wald.centre,
                        &g["adjusted_wald"]["centre"],
                    ),
                    (
                        "adjusted.moe",
                        r.adjusted_wald.margin_of_error,
                        &g["adjusted_wald"]["moe"],
                    ),
                    (
                        "adjusted.lower",
                        r.adjusted_wald.lower,
                        &g["adjusted_wald"]["lower"],
                    ),
                    (
                        "adjusted.upper",
                        r.adjusted_wald.upper,
                        &g["adjusted_wald"]["upper"],
                    ),
                ];
                for (name, want, g) in pairs {
                    assert!(
                        num(g) == Some(want),
                        "nps({h:?}).{name}: page {g} vs Rust {want:?}"
                    );
                }
                assert_eq!(
                    num(&g["nps_rounded"]),
                    Some(r.nps_rounded as f64),
                    "nps({h:?}) rounded"
                );
                let rec = serde_json::to_value(r.recommended).expect("method");
                assert_eq!(g["recommended"], rec, "nps({h:?}) recommended");
            }
        }
    }
    assert_eq!(page.console_errors(), Vec::<String>::new());
}

#[test]
fn nps_form_counts_raw_scores_file_errors_and_shared_url() {
    let Some(browser) = Browser::launch() else { return };
    let site = calculator_site(|_| {});
    let url = site.url("calculator.html");
    let page = open(&browser, &url, DESKTOP);

    // Nothing entered yet: no numbers, a hint.
    assert_eq!(text(&page, "#calc-nps-value"), "");
    assert!(visible_text(&page, "#calc-nps-results").contains("结果会显示在这里"));

    // 2) counts 50/30/20 → NPS 30.
    for (score, count) in [(10, "50"), (8, "30"), (0, "20")] {
        page.click(&format!("#calc-count-{score}"));
        page.type_text(count);
    }
    page.wait_for(
        "document.getElementById('calc-nps-value')?.textContent === '30'",
        WAIT,
    );
    let results = visible_text(&page, "#calc-nps-results");
    for want in [
        "净推荐值",
        "30",
        "100",
        "50.0%",
        "30.0%",
        "20.0%",
        "行业平均",
        "Greif",
        "推荐",
        "14.7 至 45.3",
    ] {
        assert!(results.contains(want), "results lack `{want}`:\n{results}");
    }
    // Recommended interval (n ≥ 30, |NPS| < 90): Wald, marked with text.
    let rec = text(&page, ".calc-intervals li.is-recommended");
    assert!(rec.starts_with("Wald 法") && rec.contains("推荐"), "{rec}");
    assert!(results.contains("比行业平均（42）低 12 分"), "{results}");
    assert!(results.contains("比Greif 公司（68）低 38 分"), "{results}");
    // Charts carry a text equivalent.
    for chart in [".calc-segments", ".calc-histogram"] {
        assert_eq!(attr(&page, chart, "role"), json!("img"));
        let label = attr(&page, chart, "aria-label");
        assert!(label.as_str().unwrap_or_default().len() > 20, "{chart}: {label}");
    }
    assert!(
        attr(&page, ".calc-histogram", "aria-label")
            .as_str()
            .unwrap_or_default()
            .contains("10 分 50 人")
    );
    assert!(
        page.eval("location.hash")
            .as_str()
            .unwrap_or_default()
            .starts_with("#nps=c:20,"),
        "the fragment holds the counts: {}",
        page.eval("location.hash")
    );

    // Raw scores → NPS 20 (n < 30: adjusted Wald recommended).
    page.click("#calc-raw");
    page.type_text("10 9 9 8 7 6 5 10 3 9");
    page.wait_for(
        "document.getElementById('calc-nps-value')?.textContent === '20'",
        WAIT,
    );
    assert_eq!(text(&page, "#calc-n-value"), "10");
    assert!(text(&page, ".calc-intervals li.is-recommended").starts_with("校正 Wald 法"));
    assert!(visible_text(&page, ".calc-source").contains("原始分数"));
    // Other separators: Chinese commas and semicolons, new lines.
    retype(&page, "#calc-raw", "10，9；9\n8、7,6;5 10\n3\t9");
    page.wait_for(
        "document.getElementById('calc-n-value')?.textContent === '10'",
        WAIT,
    );
    assert_eq!(text(&page, "#calc-nps-value"), "20");

    // 3) A bad value: inline error, results hidden, input kept; fix it.
    retype(&page, "#calc-raw", "11");
    page.wait_for("!document.getElementById('calc-raw-error').hidden", WAIT);
    assert_eq!(text(&page, "#calc-raw-error"), "第 1 个值 11 超出 0–10");
    assert_eq!(attr(&page, "#calc-raw", "aria-invalid"), json!("true"));
    let described = attr(&page, "#calc-raw", "aria-describedby");
    assert!(
        described.as_str().unwrap_or_default().contains("calc-raw-error"),
        "{described}"
    );
    assert_eq!(value(&page, "#calc-raw"), "11");
    assert_eq!(text(&page, "#calc-nps-value"), "", "stale result while invalid");
    assert!(visible_text(&page, "#calc-nps-results").contains("请先修正"));
    assert_no_bad_numbers(&page);
    retype(&page, "#calc-raw", "10 9 9 8 7 6 5 10 3 9 x");
    page.wait_for(
        "document.getElementById('calc-raw-error').textContent.includes('第 11 个值')",
        WAIT,
    );
    assert_eq!(text(&page, "#calc-raw-error"), "第 11 个值“x”不是数字");
    retype(&page, "#calc-raw", "10 9 9 8 7 6 5 10 3 7.5");
    page.wait_for(
        "document.getElementById('calc-raw-error').textContent === '第 10 个值 7.5 不是整数'",
        WAIT,
    );
    retype(&page, "#calc-raw", "10 9 9 8 7 6 5 10 3 9");
    page.wait_for(
        "document.getElementById('calc-nps-value')?.textContent === '20'",
        WAIT,
    );
    assert!(page.eval("document.getElementById('calc-raw-error').hidden") == json!(true));
    assert_eq!(attr(&page, "#calc-raw", "aria-invalid"), Value::Null);

    // A bad count: inline error next to the counts, nothing stale.
    retype(&page, "#calc-raw", "");
    page.wait_for(
        "document.getElementById('calc-nps-value')?.textContent === '30'",
        WAIT,
    );
    retype(&page, "#calc-count-3", "-2");
    page.wait_for("!document.getElementById('calc-counts-error').hidden", WAIT);
    assert!(text(&page, "#calc-counts-error").contains("3 分"));
    assert_eq!(attr(&page, "#calc-count-3", "aria-invalid"), json!("true"));
    assert_eq!(text(&page, "#calc-nps-value"), "");
    assert_eq!(value(&page, "#calc-count-3"), "-2");
    assert_no_bad_numbers(&page);
    retype(&page, "#calc-count-3", "");
    page.wait_for(
        "document.getElementById('calc-nps-value')?.textContent === '30'",
        WAIT,
    );

    // 4) The shared address restores inputs and results in a new tab.
    retype(&page, "#calc-raw", "10 9 9 8 7 6 5 10 3 9");
    page.wait_for(
        "document.getElementById('calc-nps-value')?.textContent === '20'",
        WAIT,
    );
    let shared = page
        .eval("location.href")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(shared.contains("#nps=r:"), "{shared}");
    let copy = open(&browser, &shared, DESKTOP);
    assert_eq!(value(&copy, "#calc-raw"), "10 9 9 8 7 6 5 10 3 9");
    assert_eq!(text(&copy, "#calc-nps-value"), "20");
    assert_eq!(text(&copy, "#calc-n-value"), "10");
    let counts_url = format!("{url}#nps=c:20,0,0,0,0,0,0,0,30,0,50");
    let copy2 = open(&browser, &counts_url, PHONE);
    assert_eq!(value(&copy2, "#calc-count-10"), "50");
    assert_eq!(text(&copy2, "#calc-nps-value"), "30");
    // An invalid shared state comes back invalid, with the input kept.
    let bad_url = format!("{url}#nps=r:3%2011");
    let copy3 = open(&browser, &bad_url, DESKTOP);
    assert_eq!(value(&copy3, "#calc-raw"), "3 11");
    assert_eq!(text(&copy3, "#calc-raw-error"), "第 2 个值 11 超出 0–10");
    assert_eq!(text(&copy3, "#calc-nps-value"), "");
    for p in [&copy, &copy2, &copy3] {
        assert_eq!(p.console_errors(), Vec::<String>::new());
    }
    drop((copy, copy2, copy3));

    // The CSV file, read locally: one column with a header.
    let csv = site.dir.path().join("scores.csv");
    std::fs::write(
        &csv,
        "\u{feff}score\r\n10\r\n9\r\n9\r\n8\r\n7\r\n6\r\n5\r\n10\r\n3\r\n9\r\n",
    )
    .expect("write csv");
    set_file(&page, "#calc-file", &csv);
    page.wait_for(
        "document.getElementById('calc-file-status').textContent.includes('10 个分数')",
        WAIT,
    );
    page.wait_for(
        "document.getElementById('calc-nps-value')?.textContent === '20'",
        WAIT,
    );
    assert_eq!(value(&page, "#calc-count-9"), "3");
    assert!(page.eval("document.getElementById('calc-column').offsetParent === null") == json!(true));
    // Several columns: a column select, defaulting to the score column.
    let csv2 = site.dir.path().join("survey.csv");
    std::fs::write(
        &csv2,
        "id,comment,nps\n1,\"good, fast\",10\n2,ok,9\n3,\"said \"\"meh\"\"\",6\n4,,10\n",
    )
    .expect("write csv");
    set_file(&page, "#calc-file", &csv2);
    page.wait_for(
        "document.getElementById('calc-file-status').textContent.includes('4 个分数')",
        WAIT,
    );
    assert_eq!(value(&page, "#calc-column"), "3");
    assert_eq!(text(&page, "#calc-nps-value"), "50");
    // Choosing the wrong column: an inline error that names row and column.
    page.eval(
        "(() => { const s = document.getElementById('calc-column'); s.value = '2'; s.dispatchEvent(new Event('change', { bubbles: true })); })()",
    );
    page.wait_for("!document.getElementById('calc-file-error').hidden", WAIT);
    let err = text(&page, "#calc-file-error");
    assert!(err.contains("第 2 行第 2 列"), "{err}");
    assert_eq!(attr(&page, "#calc-file", "aria-invalid"), json!("true"));
    assert_eq!(text(&page, "#calc-nps-value"), "");
    page.eval(
        "(() => { const s = document.getElementById('calc-column'); s.value = '3'; s.dispatchEvent(new Event('change', { bubbles: true })); })()",
    );
    page.wait_for(
        "document.getElementById('calc-nps-value')?.textContent === '50'",
        WAIT,
    );
    assert!(page.eval("document.getElementById('calc-file-error').hidden") == json!(true));

    // Copy the result: announced.
    page.click("#calc-copy-nps");
    page.wait_for(
        "document.getElementById('calc-copy-status').textContent === '已复制到剪贴板'",
        WAIT,
    );

    assert_no_bad_numbers(&page);
    assert_eq!(page.console_errors(), Vec::<String>::new());
    assert_eq!(page.third_party_requests(), Vec::<String>::new());
    assert_eq!(page.failed_requests(), Vec::<String>::new());
}

/// Puts `path` into the file input `selector` (as if chosen in the dialog).
fn set_file(page: &Page, selector: &str, path: &Path) {
    let doc = page.cmd("DOM.getDocument", json!({ "depth": 0 }));
    let root = doc["root"]["nodeId"].clone();
    let node = page.cmd(
        "DOM.querySelector",
        json!({ "nodeId": root, "selector": selector }),
    );
    page.cmd(
        "DOM.setFileInputFiles",
        json!({ "files": [path.to_str().expect("UTF-8 path")], "nodeId": node["nodeId"] }),
    );
}

#[test]
fn csi_tab_keyboard_tabs_and_weakest_attribute() {
    let Some(browser) = Browser::launch() else { return };
    let site = calculator_site(|_| {});
    let page = open(&browser, &site.url("calculator.html"), DESKTOP);

    // Proper ARIA tabs, switched with the arrow keys.
    assert_eq!(
        page.eval("document.querySelectorAll('[role=tablist] [role=tab]').length"),
        json!(2)
    );
    assert_eq!(attr(&page, "#calc-tab-nps", "aria-selected"), json!("true"));
    assert_eq!(
        attr(&page, "#calc-tab-nps", "aria-controls"),
        json!("calc-panel-nps")
    );
    assert_eq!(attr(&page, "#calc-panel-nps", "role"), json!("tabpanel"));
    page.click("#calc-tab-nps");
    page.press("ArrowRight");
    assert_eq!(page.focused_selector_info(), "button#calc-tab-csi.calc-tab");
    assert_eq!(attr(&page, "#calc-tab-csi", "aria-selected"), json!("true"));
    assert_eq!(attr(&page, "#calc-tab-csi", "tabindex"), json!("0"));
    assert_eq!(attr(&page, "#calc-tab-nps", "tabindex"), json!("-1"));
    assert!(page.eval("document.getElementById('calc-panel-nps').hidden") == json!(true));
    page.press("ArrowLeft");
    assert_eq!(page.focused_selector_info(), "button#calc-tab-nps.calc-tab");
    page.press("ArrowLeft");
    assert_eq!(page.focused_selector_info(), "button#calc-tab-csi.calc-tab");
    assert!(
        page.eval("location.hash")
            .as_str()
            .unwrap_or_default()
            .contains("tab=csi")
    );

    // 5) Raw answers on 1–5 → CSI 72.5, CSAT 70%.
    assert_eq!(value(&page, "#calc-scale"), "5");
    page.click("#calc-csi-raw");
    page.type_text("5 4 4 3 5 2 4 5 3 4");
    page.wait_for(
        "document.getElementById('calc-question-csi')?.textContent === '72.5'",
        WAIT,
    );
    assert_eq!(text(&page, "#calc-csat-value"), "70.0%");

    // The five SERVQUAL attributes: weighted CSI and the weakest one.
    for (i, mean) in ["4.2", "3.8", "3.5", "4.0", "3.9"].iter().enumerate() {
        page.click(&format!("#calc-mean-{i}"));
        page.type_text(mean);
    }
    page.wait_for(
        "document.getElementById('calc-weighted-value')?.textContent === '72.0'",
        WAIT,
    );
    assert_eq!(text(&page, "#calc-weakest-value"), "响应性");
    let weak_row = text(&page, ".calc-attr-results tr.is-weakest th");
    assert_eq!(weak_row, "响应性最弱", "the weakest row is marked by text");
    let chart = attr(&page, ".calc-attr-chart", "aria-label");
    assert!(
        chart.as_str().unwrap_or_default().contains("响应性 62.5（最弱）"),
        "{chart}"
    );
    assert!(text(&page, ".calc-attr-chart").contains("62.5 ◀ 最弱"));
    // Inputs are labelled: the attribute and the column.
    let label = page.eval(
        "(() => { const e = document.getElementById('calc-mean-2'); return e.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' '); })()",
    );
    assert_eq!(label, json!("响应性 平均分"));

    // Importance ratings weight the attributes (vector servqual_importance_ratings).
    for (i, w) in ["5", "4", "4", "3", "4"].iter().enumerate() {
        page.click(&format!("#calc-weight-{i}"));
        page.type_text(w);
    }
    page.wait_for(
        "document.getElementById('calc-weighted-value')?.textContent === '72.3'",
        WAIT,
    );

    // Bad inputs: inline, results cleared, input kept.
    retype(&page, "#calc-mean-1", "5.5");
    page.wait_for("!document.getElementById('calc-mean-error-1').hidden", WAIT);
    assert_eq!(text(&page, "#calc-mean-error-1"), "请输入 1–5 之间的数");
    assert_eq!(attr(&page, "#calc-mean-1", "aria-invalid"), json!("true"));
    assert_eq!(text(&page, "#calc-weighted-value"), "");
    assert_eq!(text(&page, "#calc-question-csi"), "");
    assert_no_bad_numbers(&page);
    // On 1–7 the same mean is fine.
    page.eval(
        "(() => { const s = document.getElementById('calc-scale'); s.value = '7'; s.dispatchEvent(new Event('change', { bubbles: true })); })()",
    );
    page.wait_for("document.getElementById('calc-mean-error-1').hidden", WAIT);
    page.wait_for("document.getElementById('calc-weighted-value') !== null", WAIT);
    retype(&page, "#calc-csi-raw", "5 4 0");
    page.wait_for(
        "document.getElementById('calc-csi-raw-error').textContent === '第 3 个值 0 超出 1–7'",
        WAIT,
    );
    assert_eq!(text(&page, "#calc-weighted-value"), "");
    retype(&page, "#calc-csi-raw", "7 6 5 7 4 1 6");
    page.wait_for(
        "document.getElementById('calc-question-csi')?.textContent === '69.0'",
        WAIT,
    );
    assert_eq!(text(&page, "#calc-csat-value"), "57.1%");
    for i in 0..5 {
        retype(&page, &format!("#calc-weight-{i}"), "0");
    }
    page.wait_for("!document.getElementById('calc-weights-error').hidden", WAIT);
    assert_eq!(
        text(&page, "#calc-weights-error"),
        "重要性权重不能全为 0，也不能为负数"
    );
    assert_eq!(text(&page, "#calc-weighted-value"), "");
    retype(&page, "#calc-weight-0", "1");
    page.wait_for("document.getElementById('calc-weights-error').hidden", WAIT);

    // The CSI state survives in the address.
    let shared = page
        .eval("location.href")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(shared.contains("csi="), "{shared}");
    let copy = open(&browser, &shared, PHONE);
    assert_eq!(attr(&copy, "#calc-tab-csi", "aria-selected"), json!("true"));
    assert_eq!(value(&copy, "#calc-scale"), "7");
    assert_eq!(value(&copy, "#calc-mean-1"), "5.5");
    assert_eq!(value(&copy, "#calc-csi-raw"), "7 6 5 7 4 1 6");
    assert_eq!(text(&copy, "#calc-question-csi"), "69.0");
    assert_eq!(
        text(&copy, "#calc-weighted-value"),
        text(&page, "#calc-weighted-value")
    );
    assert_eq!(copy.console_errors(), Vec::<String>::new());

    page.click("#calc-copy-csi");
    page.wait_for(
        "document.getElementById('calc-copy-status').textContent === '已复制到剪贴板'",
        WAIT,
    );
    assert_no_bad_numbers(&page);
    assert_eq!(page.console_errors(), Vec::<String>::new());
    assert_eq!(page.third_party_requests(), Vec::<String>::new());
}

#[test]
fn screenshots_in_both_themes_and_sizes() {
    let Some(browser) = Browser::launch() else { return };
    let site = calculator_site(|_| {});
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let url = site.url("calculator.html");
    let nps = format!("{url}#nps=c:20,2,3,5,4,6,10,12,30,25,50");
    let csi = format!(
        "{url}#tab=csi&csi=m:4.2,3.8,3.5,4.0,3.9;w:5,4,4,3,4;r:5%204%204%203%205%202%204%205%203%204"
    );
    for (name, target) in [("nps", &nps), ("csi", &csi)] {
        for (size_name, size) in [("desktop", DESKTOP), ("phone", PHONE)] {
            for dark in [false, true] {
                let page = open(&browser, target, size);
                page.emulate_dark(dark);
                let theme = if dark { "dark" } else { "light" };
                // No horizontal scrolling on a phone.
                let overflow =
                    page.eval("document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assert!(
                    overflow.as_f64().unwrap_or(1.0) <= 0.0,
                    "{name} {size_name}: the page scrolls sideways by {overflow}px"
                );
                page.screenshot(
                    dir.join(format!("calculator-{name}-{size_name}-{theme}.png")),
                    true,
                );
                assert_eq!(page.console_errors(), Vec::<String>::new());
                // (after the console check: axe reads the style sheets, which file:// refuses)
                assert_axe_clean(&page, &format!("{name} {size_name} {theme}"));
            }
        }
    }
    // An error state, for review: inline message, no results.
    let page = open(&browser, &format!("{url}#nps=r:10%209%2011"), PHONE);
    assert_eq!(text(&page, "#calc-raw-error"), "第 3 个值 11 超出 0–10");
    page.screenshot(dir.join("calculator-nps-error-phone-light.png"), true);
    assert_axe_clean(&page, "error state");
    drop(page);
    // Raw scores as the source: the counts are marked inactive, still legible.
    let page = open(&browser, &format!("{url}#nps=r:10%209%208"), DESKTOP);
    assert_eq!(text(&page, "#calc-nps-value"), "67");
    assert_axe_clean(&page, "raw scores");
}

#[test]
fn english_course_gets_english_strings_and_punctuation() {
    let Some(browser) = Browser::launch() else { return };
    let site = calculator_site(|root| {
        let path = root.join("course/course.yaml");
        let yaml = std::fs::read_to_string(&path).expect("course.yaml");
        std::fs::write(&path, yaml.replace("language: zh-CN", "language: en")).expect("write");
    });
    let page = open(
        &browser,
        &format!(
            "{}#nps=r:10%209%209%208%207%206%205%2010%203%209",
            site.url("calculator.html")
        ),
        DESKTOP,
    );
    assert_eq!(text(&page, "#calc-tab-nps"), "Net Promoter Score");
    assert_eq!(text(&page, "#calc-nps-value"), "20");
    let results = visible_text(&page, "#calc-nps-results");
    assert!(results.contains("adjusted Wald"), "{results}");
    assert!(
        !results.contains('：') && !results.contains('（'),
        "Chinese punctuation in English:\n{results}"
    );
    let live = text(&page, "#calc-nps-live");
    assert!(
        live.contains("NPS 20") && live.contains("Respondents 10") && live.contains("Details"),
        "{live}"
    );
    assert!(
        !live.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "Chinese in the English compact result: {live}"
    );
    retype(&page, "#calc-raw", "10 12");
    page.wait_for("!document.getElementById('calc-raw-error').hidden", WAIT);
    assert_eq!(text(&page, "#calc-raw-error"), "Value 2 (12) is outside 0–10");
    assert_eq!(text(&page, "#calc-nps-value"), "");
    assert!(text(&page, "#calc-nps-live").contains("needs correcting"));
    assert_eq!(page.console_errors(), Vec::<String>::new());
    // The SERVQUAL dimensions in English too.
    let csi = open(
        &browser,
        &format!(
            "{}#tab=csi&csi=m:4.2,3.8,3.5,4.0,3.9",
            site.url("calculator.html")
        ),
        DESKTOP,
    );
    assert_eq!(text(&csi, "#calc-attr-2"), "Responsiveness");
    assert_eq!(text(&csi, "#calc-weakest-value"), "Responsiveness");
    assert!(text(&csi, "#calc-csi-live").contains("weakest: Responsiveness"));
    assert_eq!(csi.console_errors(), Vec::<String>::new());
}

/// axe-core (installed into target/axe like for tests/browser/a11y.rs, or
/// COURSEGEN_AXE), or None to skip (a panic under COURSEGEN_REQUIRE_BROWSER=1).
fn axe_source() -> Option<String> {
    let path = std::env::var_os("COURSEGEN_AXE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) => {
            assert!(
                std::env::var("COURSEGEN_REQUIRE_BROWSER").as_deref() != Ok("1"),
                "axe-core not found at {} ({e})",
                path.display()
            );
            eprintln!("SKIPPED axe check: axe-core not found at {}", path.display());
            None
        }
    }
}

/// No axe-core finding of any impact (WCAG 2.1 A/AA and best practice, such
/// as an empty table header) inside the calculator.
fn assert_axe_clean(page: &Page, what: &str) {
    let Some(axe) = axe_source() else { return };
    page.eval(&axe);
    let found = page.eval(
        "axe.run('#calculator', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })\
         .then(r => r.violations.map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))",
    );
    assert_eq!(found, json!([]), "axe in the calculator ({what})");
}

/// Opens `url` in a tab with touch input (a phone), waiting for the calculator.
fn open_touch<'b>(browser: &'b Browser, url: &str, size: (u32, u32)) -> Page<'b> {
    let page = browser.page("about:blank", size.0, size.1);
    page.cmd(
        "Emulation.setTouchEmulationEnabled",
        json!({ "enabled": true, "maxTouchPoints": 5 }),
    );
    page.goto(url);
    page.wait_for(
        "document.getElementById('calculator').classList.contains('is-ready')",
        WAIT,
    );
    page
}

/// Taps the centre of `selector` with a finger, scrolling to it first only
/// if it is not wholly on screen (below the sticky header) or something
/// docked covers it, as a person would. Panics when it stays covered.
fn tap(page: &Page, selector: &str) {
    let sel = serde_json::to_string(selector).expect("string");
    let at = page.eval(&format!(
        r#"(() => {{
  const el = document.querySelector({sel});
  if (!el) return {{ error: "no element matches" }};
  const head = document.querySelector(".site-header").getBoundingClientRect().bottom;
  const free = r => {{
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !hit || hit === el || el.contains(hit);
  }};
  let r = el.getBoundingClientRect();
  if (r.top < head || r.bottom > innerHeight || !free(r)) {{ el.scrollIntoView({{ block: "center" }}); r = el.getBoundingClientRect(); }}
  if (r.width === 0 || r.height === 0) return {{ error: "it has no size" }};
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  if (!free(r)) return {{ error: "covered by " + hit.outerHTML.slice(0, 120) }};
  return {{ x, y }};
}})()"#
    ));
    if let Some(err) = at.get("error") {
        panic!("cannot tap `{selector}`: {err}");
    }
    let point = json!([{ "x": at["x"], "y": at["y"], "radiusX": 4, "radiusY": 4, "force": 1 }]);
    page.cmd(
        "Input.dispatchTouchEvent",
        json!({ "type": "touchStart", "touchPoints": point }),
    );
    page.cmd(
        "Input.dispatchTouchEvent",
        json!({ "type": "touchEnd", "touchPoints": [] }),
    );
}

/// Where `selector` is on screen: `[top, bottom]` in CSS pixels, and the
/// visible band `[header bottom, viewport height]`.
fn on_screen(page: &Page, selector: &str) -> (f64, f64, f64, f64) {
    let sel = serde_json::to_string(selector).expect("string");
    let v = page.eval(&format!(
        "(() => {{ const r = document.querySelector({sel}).getBoundingClientRect(); \
         const head = document.querySelector('.site-header').getBoundingClientRect().bottom; \
         return [r.top, r.bottom, head, innerHeight]; }})()"
    ));
    let n = |i: usize| v[i].as_f64().expect("number");
    (n(0), n(1), n(2), n(3))
}

fn assert_in_view(page: &Page, selector: &str, what: &str) {
    let (top, bottom, head, height) = on_screen(page, selector);
    assert!(
        top >= head - 0.5 && bottom <= height + 0.5,
        "{what}: {selector} is at {top:.0}–{bottom:.0}px, the screen shows {head:.0}–{height:.0}px"
    );
}

/// Table header cells of the calculator without text.
fn empty_header_cells(page: &Page) -> Value {
    page.eval(
        "Array.from(document.querySelectorAll('#calculator th')).filter(th => th.textContent.trim() === '').map(th => th.outerHTML)",
    )
}

#[test]
fn on_a_phone_the_result_stays_in_view_and_full_width_digits_count() {
    let Some(browser) = Browser::launch() else { return };
    let site = calculator_site(|_| {});
    let url = site.url("calculator.html");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    for dark in [false, true] {
        let page = open_touch(&browser, &url, PHONE);
        page.emulate_dark(dark);
        assert_eq!(page.eval("matchMedia('(pointer: coarse)').matches"), json!(true));
        // Before any input the compact box says what it will show.
        assert!(text(&page, "#calc-nps-live").contains("立即显示净推荐值"));
        // Counts typed with a Chinese input method: full-width digits.
        for (score, count) in [(10, "５０"), (8, "３０"), (0, "２０")] {
            let sel = format!("#calc-count-{score}");
            tap(&page, &sel);
            assert_eq!(
                page.eval("document.activeElement.id"),
                json!(format!("calc-count-{score}")),
                "the tap focuses the field"
            );
            page.type_text(count);
        }
        page.wait_for(
            "document.querySelector('#calc-nps-live .calc-live-value')?.textContent === '30'",
            WAIT,
        );
        let live = text(&page, "#calc-nps-live");
        assert!(
            live.contains("样本量 100") && live.contains("14.7 至 45.3"),
            "{live}"
        );
        assert_eq!(text(&page, "#calc-nps-value"), "30");
        assert!(page.eval("document.getElementById('calc-counts-error').hidden") == json!(true));
        assert_eq!(attr(&page, "#calc-count-10", "aria-invalid"), Value::Null);
        // The result is on screen, below the header, without scrolling.
        assert_in_view(&page, "#calc-nps-live .calc-live-value", "after typing counts");
        assert_in_view(&page, "#calc-count-10", "the last field typed in");
        assert_eq!(page.eval("scrollY"), json!(0), "nothing had to scroll");
        let theme = if dark { "dark" } else { "light" };
        page.screenshot(dir.join(format!("calculator-live-phone-{theme}.png")), false);
        assert_eq!(empty_header_cells(&page), json!([]));

        // Raw scores with full-width digits and separators: still in view.
        tap(&page, "#calc-raw");
        page.type_text("９，１０　８");
        page.wait_for(
            "document.querySelector('#calc-nps-live .calc-live-value')?.textContent === '67'",
            WAIT,
        );
        assert_eq!(text(&page, "#calc-n-value"), "3");
        assert_in_view(
            &page,
            "#calc-nps-live .calc-live-value",
            "after typing raw scores",
        );
        assert_in_view(&page, "#calc-raw", "the raw scores");
        // A bad value: the compact box says so in words, not only in colour.
        tap(&page, "#calc-raw");
        page.type_text(" 11");
        page.wait_for("!document.getElementById('calc-raw-error').hidden", WAIT);
        assert!(
            visible_text(&page, "#calc-nps-live").contains("需要修正"),
            "{}",
            visible_text(&page, "#calc-nps-live")
        );
        assert_eq!(text(&page, "#calc-nps-live .calc-live-value"), "");
        retype(&page, "#calc-raw", "");
        page.wait_for(
            "document.querySelector('#calc-nps-live .calc-live-value')?.textContent === '30'",
            WAIT,
        );
        // Its link leads to the full results, which then start on screen.
        tap(&page, "#calc-nps-live .calc-live-more");
        page.wait_for("location.hash.includes('nps=c:') || true", WAIT);
        page.wait_for(
            "(() => { const r = document.getElementById('calc-nps-results-title').getBoundingClientRect(); \
             return r.top >= document.querySelector('.site-header').getBoundingClientRect().bottom && r.bottom <= innerHeight; })()",
            WAIT,
        );
        assert_eq!(page.console_errors(), Vec::<String>::new());
    }

    // The CSI tab: full-width means and the compact result.
    let page = open_touch(&browser, &url, PHONE);
    tap(&page, "#calc-tab-csi");
    for (i, mean) in ["４．２", "3.8", "３．５", "4.0", "３.９"].iter().enumerate() {
        tap(&page, &format!("#calc-mean-{i}"));
        page.type_text(mean);
    }
    page.wait_for(
        "document.querySelector('#calc-csi-live .calc-live-value')?.textContent === '72.0'",
        WAIT,
    );
    assert!(text(&page, "#calc-csi-live").contains("响应性"));
    assert_in_view(&page, "#calc-csi-live .calc-live-value", "after typing means");
    assert_eq!(text(&page, "#calc-weakest-value"), "响应性");
    assert_eq!(empty_header_cells(&page), json!([]));
    assert_eq!(page.console_errors(), Vec::<String>::new());
}

#[test]
fn gb18030_and_utf8_files_give_the_right_columns_and_result() {
    let Some(browser) = Browser::launch() else { return };
    let site = calculator_site(|_| {});
    let page = open(&browser, &site.url("calculator.html"), DESKTOP);
    let text_csv = "编号,推荐意愿,评论\r\n1,10,很好\r\n2,9,\"不错，推荐\"\r\n3,6,一般\r\n4,１０,满意\r\n";
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(text_csv);
    assert!(!unmappable && std::str::from_utf8(&gb).is_err());
    let columns = "Array.from(document.getElementById('calc-column').options).map(o => o.textContent)";
    for (name, bytes, gb18030) in [
        ("excel.csv", gb.to_vec(), true),
        ("utf8.csv", text_csv.as_bytes().to_vec(), false),
    ] {
        let path = site.dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write csv");
        set_file(&page, "#calc-file", &path);
        page.wait_for(
            &format!(
                "document.getElementById('calc-file-status').textContent.includes({})",
                serde_json::to_string(name).expect("string")
            ),
            WAIT,
        );
        assert_eq!(page.eval(columns), json!(["编号", "推荐意愿", "评论"]), "{name}");
        assert_eq!(value(&page, "#calc-column"), "2", "{name}: the score column");
        assert_eq!(text(&page, "#calc-nps-value"), "50", "{name}");
        assert_eq!(text(&page, "#calc-n-value"), "4", "{name}");
        assert_eq!(value(&page, "#calc-count-10"), "2", "{name}: １０ counts as 10");
        let status = text(&page, "#calc-file-status");
        assert!(status.contains("4 个分数"), "{status}");
        assert_eq!(status.contains("GB18030"), gb18030, "{name}: {status}");
        assert!(page.eval("document.getElementById('calc-file-error').hidden") == json!(true));
    }
    // Neither UTF-8 nor GB18030: an error in words, and no stale result.
    let bad = site.dir.path().join("bad.csv");
    std::fs::write(&bad, b"id,score\n1,9\n2,\xff\n").expect("write csv");
    set_file(&page, "#calc-file", &bad);
    page.wait_for("!document.getElementById('calc-file-error').hidden", WAIT);
    let err = text(&page, "#calc-file-error");
    assert!(err.contains("既不是 UTF-8 也不是 GB18030"), "{err}");
    assert_eq!(attr(&page, "#calc-file", "aria-invalid"), json!("true"));
    assert_eq!(text(&page, "#calc-nps-value"), "");
    assert_eq!(text(&page, "#calc-file-status"), "");
    assert_no_bad_numbers(&page);
    assert_eq!(page.console_errors(), Vec::<String>::new());
}

/// Top, left, width and height of the calculator's parts and the footer.
fn layout(page: &Page) -> Value {
    page.eval(
        "Array.from(document.querySelectorAll('.calc-tabs, .calc-fieldset, .calc-live, .calc-results, .calc-results h2, .calc-placeholder, .site-footer'))\
         .filter(e => e.offsetParent !== null)\
         .map(e => { const r = e.getBoundingClientRect(); return [e.className || e.tagName, Math.round(r.top + scrollY), Math.round(r.left), Math.round(r.width), Math.round(r.height)]; })",
    )
}

const CALC_SCRIPTS: [&str; 3] = ["*calc-core.js", "*calc-charts.js", "*calculator.js"];

#[test]
fn the_page_does_not_move_when_its_script_starts() {
    let Some(browser) = Browser::launch() else { return };
    let site = calculator_site(|_| {});
    let server = Server::serve(&site.out, "/sub/");
    let url = format!("{}calculator.html", server.base_url());
    for size in [PHONE, DESKTOP] {
        // 1. The page as laid out before (here: without) the calculator's scripts.
        let bare = browser.page("about:blank", size.0, size.1);
        bare.cmd("Network.setBlockedURLs", json!({ "urls": CALC_SCRIPTS }));
        bare.goto(&url);
        assert_eq!(
            bare.eval("document.getElementById('calculator').classList.contains('is-ready')"),
            json!(false),
            "the scripts were blocked"
        );
        let before = layout(&bare);
        assert!(
            before.as_array().map_or(0, Vec::len) >= 6,
            "the form is in the page: {before}"
        );
        drop(bare);

        // 2. The same page on a slow network and CPU, its layout shifts summed.
        let page = browser.page("about:blank", size.0, size.1);
        page.cmd(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": "window.__shift = 0; window.__shifts = []; new PerformanceObserver(l => { for (const e of l.getEntries()) { window.__shift += e.value; window.__shifts.push([Math.round(e.startTime), e.value, (e.sources || []).map(s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?').join(' ')]); } }).observe({ type: 'layout-shift', buffered: true });" }),
        );
        page.cmd(
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 90_000 }),
        );
        page.cmd("Emulation.setCPUThrottlingRate", json!({ "rate": 4 }));
        page.goto(&url);
        page.wait_for(
            "document.getElementById('calculator').classList.contains('is-ready')",
            WAIT,
        );
        std::thread::sleep(Duration::from_millis(500));
        page.cmd("Emulation.setCPUThrottlingRate", json!({ "rate": 1 }));
        let after = layout(&page);
        assert_eq!(
            after, before,
            "{size:?}: the script moved the page (with scripts first, without second)"
        );
        let shift = page.eval("window.__shift").as_f64().expect("number");
        assert!(
            shift < 0.1,
            "{size:?}: layout shift {shift:.3} while loading: {}",
            page.eval("window.__shifts")
        );
        assert_eq!(page.console_errors(), Vec::<String>::new());
    }
}
