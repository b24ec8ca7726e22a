//! What a learner downloads for a first search query: a page of a built site
//! is opened in headless Chromium, the search box focused (which loads the
//! search core and the manifest) and a query typed; once the results show,
//! every resource the page loaded from the focus on (but the page's icon) is
//! counted, by the size of its file in the site (the bytes sent over HTTP without compression,
//! headers aside, or read from `file://`).
//!
//! Used by tests/browser/search.rs (the bundled course) and
//! examples/search_payload.rs (any built site, e.g. 10,000 generated pages).

use std::path::Path;
use std::time::Duration;

use super::browser::Browser;

/// One first query.
#[derive(Debug, Clone)]
pub struct Payload {
    pub query: String,
    /// The bytes of every file loaded from the focus on.
    pub bytes: u64,
    /// How many files that was.
    pub files: usize,
    /// The results found (the count the page announces).
    pub status: String,
    /// The results listed: (href, title) each.
    pub top: Vec<(String, String)>,
}

/// Opens `start` (a page under `base`, the URL of `site`, the built site's
/// folder: `http://…/sub/` or `file:///…/`) in a new tab, searches `query`
/// and counts what the search loaded.
pub fn first_query(browser: &Browser, site: &Path, base: &str, start: &str, query: &str) -> Payload {
    let page = browser.page(&format!("{base}{start}"), 1280, 900);
    page.wait_for("document.readyState === 'complete'", Duration::from_secs(10));
    let before = page.requests().len();
    page.eval("document.getElementById('search-input').focus()");
    page.type_text(query);
    page.wait_for(
        "!document.querySelector('.search-popup').hidden && document.querySelector('.search-status').textContent",
        Duration::from_secs(20),
    );
    // Chromium may fetch the page's icon late; it is not the search's.
    let mut urls = page.requests().split_off(before);
    urls.retain(|u| !u.ends_with("/favicon.svg"));
    let mut bytes = 0;
    for url in &urls {
        let rel = url
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{url} is not under {base}"));
        let rel = rel.split(['?', '#']).next().unwrap_or(rel);
        let file = site.join(rel);
        bytes += std::fs::metadata(&file)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
            .len();
    }
    let status = page.eval("document.querySelector('.search-status').textContent");
    let top = page.eval(
        "Array.from(document.querySelectorAll('#search-results [role=option]'), o => \
         [decodeURI(o.href), o.querySelector('.search-result-title').textContent])",
    );
    Payload {
        top: serde_json::from_value(top).unwrap_or_default(),
        query: query.to_string(),
        bytes,
        files: urls.len(),
        status: status.as_str().unwrap_or_default().to_string(),
    }
}

/// The median and the largest of `values`.
pub fn median_max(values: &[u64]) -> (u64, u64) {
    let mut v = values.to_vec();
    v.sort_unstable();
    let median = match v.len() {
        0 => 0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2,
    };
    (median, v.last().copied().unwrap_or(0))
}
