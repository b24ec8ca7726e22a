//! Search in a real browser (headless Chromium, see tests/support/browser.rs):
//! the fixture course and the bundled course, over HTTP under /sub/ and from
//! file://. `/` focuses the box, results appear for Chinese, Traditional and
//! Latin queries with the hit marked, ArrowDown + Enter opens the first, Esc
//! closes; the index loads only on first use; no console errors and no
//! third-party requests. Saves target/screenshots/search-{desktop,phone}.png.
//!
//! Without Chromium each test prints `SKIPPED` and passes, unless
//! COURSEGEN_REQUIRE_BROWSER=1.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use coursegen::search::Index;
use support::browser::{Browser, Page};
use support::http::Server;
use support::site::{copy_dir, js_str};

const WAIT: Duration = Duration::from_secs(10);

struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    index: Index,
}

/// Builds `root` (copied first when `copy`) into a temporary folder.
fn build(root: &Path, copy: bool) -> Built {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = if copy {
        let r = dir.path().join("project");
        copy_dir(root, &r);
        r
    } else {
        root.to_path_buf()
    };
    let out = dir.path().join("public");
    let opts = coursegen::BuildOptions {
        root: root.clone(),
        out: Some(out.clone()),
        ..Default::default()
    };
    if let Err(f) = coursegen::build(&opts) {
        panic!("{:#?}", f.diagnostics);
    }
    let p = coursegen::build::render_in_memory(&opts).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let index = Index::build(coursegen::search::entries(&p.course, &p.site, &p.docs));
    Built {
        _dir: dir,
        out,
        index,
    }
}

fn fixture() -> Built {
    build(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic"),
        true,
    )
}

fn bundled() -> Built {
    build(Path::new(env!("CARGO_MANIFEST_DIR")), false)
}

fn index_scripts(page: &Page) -> u64 {
    page.eval("document.querySelectorAll('script[src*=\"static/search/\"]').length")
        .as_u64()
        .unwrap_or(0)
}

/// Opens `start`, searches `query` and checks the first result is `want`
/// (site-relative URL), with a `<mark>`; ArrowDown + Enter goes there; Esc
/// closes the list on the next page. `base` is the site root URL.
fn search_and_open(page: &Page, base: &str, start: &str, query: &str, want: &str) {
    page.goto(&format!("{base}{start}"));
    assert_eq!(index_scripts(page), 0, "no index script before first use");
    page.press("/");
    assert_eq!(
        page.focused_selector_info(),
        "input#search-input",
        "`/` focuses search"
    );
    page.type_text(query);
    page.wait_for(
        "document.querySelector('#search-results [role=option]') && !document.querySelector('.search-popup').hidden",
        WAIT,
    );
    assert!(index_scripts(page) > 0, "the index loaded on use");
    let first = page.eval(
        "(() => { const o = document.querySelector('#search-results [role=option]'); \
         return { href: decodeURI(o.href), title: o.querySelector('.search-result-title').textContent, \
         marks: o.querySelectorAll('mark').length, snippetMarks: o.querySelectorAll('.search-result-snippet mark').length, \
         count: document.querySelector('.search-status').textContent, expanded: document.getElementById('search-input').getAttribute('aria-expanded') }; })()",
    );
    let href = first["href"].as_str().unwrap_or_default();
    let want_url = format!("{base}{want}");
    assert_eq!(href, want_url, "first result for {query}: {first}");
    assert!(
        first["snippetMarks"].as_u64().unwrap_or(0) > 0,
        "a <mark> in the snippet for {query}: {first}"
    );
    assert!(
        !first["count"].as_str().unwrap_or_default().is_empty(),
        "the count is announced"
    );
    assert_eq!(first["expanded"], "true");
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
    page.type_text(query);
    page.wait_for("!document.querySelector('.search-popup').hidden", WAIT);
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

fn assert_clean(page: &Page) {
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(
        page.third_party_requests(),
        Vec::<String>::new(),
        "third-party requests"
    );
    assert_eq!(page.failed_requests(), Vec::<String>::new(), "failed requests");
}

/// The first result the Rust ranking gives (the browser must agree).
fn first_of(index: &Index, q: &str) -> String {
    let hits = index.search(q);
    let h = hits.first().unwrap_or_else(|| panic!("no hit for {q}"));
    index.entries[h.doc].url.clone()
}

fn file_base(out: &Path) -> String {
    format!("file://{}/", out.display())
}

#[test]
fn fixture_search_over_http_and_file() {
    let site = fixture();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(&site.out, "/sub/");
    let cases = [
        ("NPS", "glossary.html#nps"),
        ("服務", "start/definition.html"),
        ("计算方法", "more/nps.html"),
    ];
    for base in [server.base_url().to_string(), file_base(&site.out)] {
        let page = browser.page(&format!("{base}start/definition.html"), 1280, 900);
        for (q, want) in cases {
            assert_eq!(first_of(&site.index, q), want, "Rust ranking for {q}");
            search_and_open(&page, &base, "more/nps.html", q, want);
        }
        assert_clean(&page);
    }
    let requests = server.requests();
    assert!(
        requests.iter().any(|r| r.contains("/sub/static/search/index.js")),
        "{requests:?}"
    );
    let bad: Vec<_> = requests
        .iter()
        .filter(|r| !r.ends_with(" 200") && !r.starts_with("GET /favicon.ico "))
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn bundled_course_search_over_http_and_file() {
    let site = bundled();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(&site.out, "/sub/");
    let manzu = first_of(&site.index, "满意度");
    let cases = [
        ("满意度", manzu.as_str()),
        ("NPS", "measurement/nps.html"),
        ("服務", first_of(&site.index, "服務").leak()),
        ("服务时刻", "techniques/service-moments.html"),
    ];
    for base in [server.base_url().to_string(), file_base(&site.out)] {
        let page = browser.page(&format!("{base}index.html"), 1280, 900);
        for (q, want) in cases {
            assert_eq!(first_of(&site.index, q), want, "Rust ranking for {q}");
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

#[test]
fn screenshots_desktop_and_phone() {
    let site = bundled();
    let Some(browser) = Browser::launch() else { return };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    for (name, w, h) in [("desktop", 1280, 900), ("phone", 360, 740)] {
        let page = browser.page(&format!("{}measurement/nps.html", file_base(&site.out)), w, h);
        page.press("/");
        page.type_text("服务时刻");
        page.wait_for("document.querySelector('#search-results [role=option]')", WAIT);
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
