//! Search in a real browser (headless Chromium, see tests/support/browser.rs),
//! over HTTP under /sub/ and from file://: the queries of
//! tests/data/search_vectors.json give their results on the course
//! tests/fixtures/search; on the bundled course `/` focuses the box, results
//! appear for Chinese, Traditional and Latin queries with the hit marked,
//! ArrowDown + Enter opens the first, Esc closes, the results come ten at a
//! time (more as the list scrolls to its end or ArrowDown passes its last),
//! and a first query downloads at most 100 KB; the index and the search core
//! load only on first use; no console errors and no third-party requests.
//! Saves target/screenshots/search-{desktop,phone}.png.
//!
//! Without Chromium each test prints `SKIPPED` and passes, unless
//! COURSEGEN_REQUIRE_BROWSER=1.

use crate::support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use support::browser::{Browser, Page};
use support::http::Server;
use support::payload::{first_query, median_max};
use support::site::js_str;

const WAIT: Duration = Duration::from_secs(10);

/// Builds `root` into a temporary folder.
fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let opts = coursegen::BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.clone()),
        ..Default::default()
    };
    if let Err(f) = coursegen::build(&opts) {
        panic!("{:#?}", f.diagnostics);
    }
    (dir, out)
}

fn bundled() -> PathBuf {
    crate::support::site::bundled(false).to_path_buf()
}

fn file_base(out: &Path) -> String {
    format!("file://{}/", out.display())
}

/// Scripts of the search index or core the page has loaded.
fn search_scripts(page: &Page) -> u64 {
    page.eval(
        "document.querySelectorAll('script[src*=\"static/search/\"], script[src*=\"search-core.js\"]').length",
    )
    .as_u64()
    .unwrap_or(0)
}

/// Types `query` into the focused box and waits for the list (or the
/// announcement that nothing was found).
fn search(page: &Page, query: &str) {
    page.type_text(query);
    page.wait_for(
        "!document.querySelector('.search-popup').hidden && document.querySelector('.search-status').textContent",
        WAIT,
    );
}

/// The results listed: (href, title) each.
fn listed(page: &Page) -> Vec<(String, String)> {
    let v = page.eval(
        "Array.from(document.querySelectorAll('#search-results [role=option]'), o => \
         [decodeURI(o.href), o.querySelector('.search-result-title').textContent])",
    );
    serde_json::from_value(v).unwrap_or_default()
}

fn clear(page: &Page) {
    page.eval("(() => { const i = document.getElementById('search-input'); i.value = ''; i.dispatchEvent(new Event('input')); })()");
    page.wait_for("document.querySelector('.search-popup').hidden", WAIT);
}

fn assert_clean(page: &Page) {
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(
        page.third_party_requests(),
        Vec::<String>::new(),
        "third-party requests"
    );
    assert_eq!(page.failed_requests(), Vec::<String>::new(), "failed requests");
}

/// The vectors' queries, in the page: the same results, in the same order,
/// as search-core.js gives in Node; and the in-page tokenizer gives the
/// vectors' tokens too.
#[test]
fn the_vector_queries_give_their_results_over_http_and_file() {
    let (_dir, out) = build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search"));
    let vectors: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/search_vectors.json"),
        )
        .expect("vectors"),
    )
    .expect("JSON");
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(&out, "/sub/");
    for base in [server.base_url().to_string(), file_base(&out)] {
        let page = browser.page(&format!("{base}ranking/title.html"), 1280, 900);
        assert_eq!(
            search_scripts(&page),
            0,
            "nothing of search loads before it is used"
        );
        page.click("#search-input");
        for case in vectors["queries"].as_array().expect("queries") {
            let query = case["query"].as_str().expect("query");
            search(&page, query);
            let want: Vec<String> = case["results"]
                .as_array()
                .expect("results")
                .iter()
                .map(|u| format!("{base}{}", u.as_str().unwrap_or_default()))
                .collect();
            let got: Vec<String> = listed(&page).into_iter().map(|(href, _)| href).collect();
            assert_eq!(got, want, "{query}: {}", case["why"]);
            clear(&page);
        }
        assert!(search_scripts(&page) > 0);
        let tokens = page.eval(&format!(
            "{}.map(c => [false, true].map(ix => window.coursegenSearchCore.tokenize(c.text, ix).map(t => [t.text, t.start])))",
            vectors["tokens"]
        ));
        for (case, got) in vectors["tokens"]
            .as_array()
            .expect("tokens")
            .iter()
            .zip(tokens.as_array().expect("array"))
        {
            assert_eq!(
                got,
                &serde_json::json!([case["query"], case["index"]]),
                "tokens of {}",
                case["text"]
            );
        }
        assert_clean(&page);
    }
    let requests = server.requests();
    assert!(
        requests.iter().any(|r| r.contains("/sub/static/search-core.js")),
        "{requests:?}"
    );
    let bad: Vec<_> = requests
        .iter()
        .filter(|r| !r.ends_with(" 200") && !r.starts_with("GET /favicon.ico "))
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

/// Opens `start`, searches `query` and checks the first result is `want`
/// (site-relative URL), with a `<mark>` in its snippet; ArrowDown + Enter goes
/// there; Esc closes the list on the next page. `base` is the site root URL.
fn search_and_open(page: &Page, base: &str, start: &str, query: &str, want: &str) {
    page.goto(&format!("{base}{start}"));
    assert_eq!(search_scripts(page), 0, "no index script before first use");
    page.press("/");
    assert_eq!(
        page.focused_selector_info(),
        "input#search-input",
        "`/` focuses search"
    );
    search(page, query);
    assert!(search_scripts(page) > 0, "the index loaded on use");
    let first = page.eval(
        "(() => { const o = document.querySelector('#search-results [role=option]'); \
         return { href: decodeURI(o.href), snippetMarks: o.querySelectorAll('.search-result-snippet mark').length, \
         count: document.querySelector('.search-status').textContent, expanded: document.getElementById('search-input').getAttribute('aria-expanded'), \
         position: [o.getAttribute('aria-posinset'), o.getAttribute('aria-setsize')] }; })()",
    );
    let want_url = format!("{base}{want}");
    assert_eq!(
        first["href"],
        want_url.as_str(),
        "first result for {query}: {first}"
    );
    assert!(
        first["snippetMarks"].as_u64().unwrap_or(0) > 0,
        "a <mark> in the snippet for {query}: {first}"
    );
    assert!(
        !first["count"].as_str().unwrap_or_default().is_empty(),
        "the count is announced"
    );
    assert_eq!(first["expanded"], "true");
    assert_eq!(first["position"][0], "1");
    page.press("ArrowDown");
    assert_eq!(
        page.eval("document.getElementById('search-input').getAttribute('aria-activedescendant')"),
        "search-opt-0"
    );
    assert_eq!(
        page.eval("document.getElementById('search-opt-0').getAttribute('aria-selected')"),
        "true"
    );
    page.press("Enter");
    let want_js = js_str(&want_url);
    page.wait_for(
        &format!("document.readyState === 'complete' && decodeURI(location.href) === {want_js}"),
        WAIT,
    );
    // Esc closes the list.
    page.press("/");
    search(page, query);
    page.press("Escape");
    assert_eq!(
        page.eval("document.querySelector('.search-popup').hidden"),
        true,
        "Esc closes"
    );
    assert_eq!(
        page.eval("document.getElementById('search-input').getAttribute('aria-expanded')"),
        "false"
    );
}

#[test]
fn bundled_course_search_over_http_and_file() {
    let out = bundled();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(&out, "/sub/");
    let cases = [
        ("满意度", "measurement/employee-satisfaction.html"),
        ("NPS", "measurement/nps.html"),
        ("服務", "techniques/service-moments.html"),
        ("服务时刻", "techniques/service-moments.html"),
    ];
    for base in [server.base_url().to_string(), file_base(&out)] {
        let page = browser.page(&format!("{base}index.html"), 1280, 900);
        for (q, want) in cases {
            search_and_open(&page, &base, "concepts/definition.html", q, want);
        }
        // From the home page (depth 0) too.
        search_and_open(
            &page,
            &base,
            "index.html",
            "服務時刻",
            "techniques/service-moments.html",
        );
        assert_clean(&page);
    }
}

/// 满意度 finds 34 entries: ten are listed; scrolling the list to its end
/// lists ten more, and ArrowDown past the last listed result lists the next
/// ten and moves on to the first of them.
#[test]
fn results_come_ten_at_a_time() {
    let out = bundled();
    let Some(browser) = Browser::launch() else { return };
    let base = file_base(&out);
    let page = browser.page(&format!("{base}concepts/definition.html"), 1280, 900);
    page.click("#search-input");
    search(&page, "满意度");
    let count = "document.querySelectorAll('#search-results [role=option]').length";
    assert_eq!(page.eval(count), 10);
    let status = page.eval("document.querySelector('.search-status').textContent");
    assert!(status.as_str().unwrap_or("").contains("34"), "{status}");
    page.eval(
        "(() => { const p = document.querySelector('.search-popup'); p.scrollTop = p.scrollHeight; })()",
    );
    page.wait_for(&format!("{count} === 20"), WAIT);
    assert_eq!(page.eval(count), 20, "one more batch per scroll to the end");
    // Ten times down: the tenth result… then past the twentieth.
    for _ in 0..20 {
        page.press("ArrowDown");
    }
    assert_eq!(
        page.eval("document.getElementById('search-input').getAttribute('aria-activedescendant')"),
        "search-opt-19"
    );
    page.press("ArrowDown");
    page.wait_for(&format!("{count} === 30"), WAIT);
    page.wait_for(
        "document.getElementById('search-input').getAttribute('aria-activedescendant') === 'search-opt-20'",
        WAIT,
    );
    let last = page.eval("document.getElementById('search-opt-20').getAttribute('aria-posinset') + '/' + document.getElementById('search-opt-20').getAttribute('aria-setsize')");
    assert_eq!(last, "21/34");
    // The list is in the order ranking gives: titles with the term first.
    let titles: Vec<String> = listed(&page).into_iter().map(|(_, t)| t).collect();
    assert!(titles[0].contains("满意度"), "{titles:?}");
    assert_clean(&page);
}

/// The ten queries of the bundled course: sensible first results, and what a
/// first query downloads (search core, manifest, term shards, the listed
/// results' entries), at most 100 KB over HTTP and from file://. Run with
/// `--nocapture` to see the top 3 and the bytes of each.
#[test]
fn bundled_course_queries_and_what_they_download() {
    let out = bundled();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(&out, "/sub/");
    let cases: &[(&str, &str)] = &[
        ("满意度", ""),
        ("净推荐值", "measurement/nps.html"),
        ("NPS", "measurement/nps.html"),
        ("服务时刻", "techniques/service-moments.html"),
        ("服務時刻", "techniques/service-moments.html"),
        ("NPS 68", "measurement/nps.html"),
        ("2000美元", ""),
        ("丽思卡尔顿", "cases/ritz-carlton.html"),
        ("卡诺模型", ""),
        ("ＳＥＲＶＱＵＡＬ", ""),
    ];
    let start = "concepts/definition.html";
    let (mut http, mut file) = (Vec::new(), Vec::new());
    for (q, want) in cases {
        let h = first_query(&browser, &out, server.base_url(), start, q);
        let f = first_query(&browser, &out, &file_base(&out), start, q);
        let top: Vec<String> = h
            .top
            .iter()
            .take(3)
            .map(|(href, title)| format!("{title} ({})", href.trim_start_matches(server.base_url())))
            .collect();
        eprintln!(
            "{q}: {}; {} | {} bytes over HTTP, {} from file://",
            h.status,
            top.join(" | "),
            h.bytes,
            f.bytes
        );
        assert!(!h.top.is_empty(), "{q}: no results");
        if *q == "满意度" {
            assert!(top.iter().any(|t| t.contains("measurement/csi.html")), "{top:?}");
        }
        if !want.is_empty() {
            assert_eq!(h.top[0].0, format!("{}{want}", server.base_url()), "{q}: {top:?}");
        }
        assert_eq!(
            h.top,
            f.top
                .iter()
                .map(|(u, t)| (u.replace(&file_base(&out), server.base_url()), t.clone()))
                .collect::<Vec<_>>()
        );
        http.push(h.bytes);
        file.push(f.bytes);
    }
    let ((hm, hx), (fm, fx)) = (median_max(&http), median_max(&file));
    eprintln!("median / max: {hm} / {hx} bytes over HTTP, {fm} / {fx} from file://");
    assert!(
        hx <= 100_000 && fx <= 100_000,
        "a first query downloads at most 100 KB"
    );
    assert!(hm > 20_000, "{hm} bytes is too few to have counted the index");
}

#[test]
fn screenshots_desktop_and_phone() {
    let out = bundled();
    let Some(browser) = Browser::launch() else { return };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    for (name, w, h) in [("desktop", 1280, 900), ("phone", 360, 740)] {
        let page = browser.page(&format!("{}measurement/nps.html", file_base(&out)), w, h);
        page.press("/");
        search(&page, "服务时刻");
        page.press("ArrowDown");
        // The list fits the viewport width.
        let fits = page.eval(
            "(() => { const r = document.querySelector('.search-popup').getBoundingClientRect(); \
             return r.left >= 0 && r.right <= window.innerWidth && r.width > 200; })()",
        );
        assert_eq!(fits, true, "{name}: the result list fits the screen");
        page.screenshot(dir.join(format!("search-{name}.png")), false);
        assert_clean(&page);
    }
}
