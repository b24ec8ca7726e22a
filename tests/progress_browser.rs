//! The learner's progress page in a real browser (headless Chromium, see
//! tests/support/browser.rs), opened from file:// as learners do: site.js
//! records visited lessons, progress.js shows them with quiz results and the
//! overall completion, and reset, export, import and the certificate work
//! without ever interpreting stored or imported text as HTML. Saves
//! target/screenshots/progress-{desktop,phone}.png for review.
//!
//! Without Chromium the test prints `SKIPPED: chromium not found` and passes,
//! unless COURSEGEN_REQUIRE_BROWSER=1.

mod support;

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::{Browser, Page};
use support::site::{BuiltSite, build_fixture, js_str};

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (360, 740);
const WAIT: Duration = Duration::from_secs(10);

/// The key the site stores progress under (`data-course` on every page).
fn course_key(site: &BuiltSite) -> String {
    let html = std::fs::read_to_string(site.out.join("progress.html")).expect("progress.html");
    let start = html.find("data-course=\"").expect("data-course") + "data-course=\"".len();
    let len = html[start..].find('"').expect("closing quote");
    html[start..start + len].to_string()
}

fn text(page: &Page, selector: &str) -> String {
    let v = page.eval(&format!(
        "(() => {{ const e = document.querySelector({}); return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null; }})()",
        js_str(selector)
    ));
    v.as_str()
        .unwrap_or_else(|| panic!("nothing matches `{selector}`"))
        .to_string()
}

fn visible(page: &Page, selector: &str) -> bool {
    page.eval(&format!(
        "(() => {{ const e = document.querySelector({}); return !!e && e.getClientRects().length > 0; }})()",
        js_str(selector)
    )) == Value::Bool(true)
}

/// Replaces confirm(), print() and the download link so the test sees what
/// the page would do; returns nothing.
fn stub_browser_ui(page: &Page) {
    page.eval(
        r#"(() => {
  window.__confirmAnswer = true;
  window.__confirms = [];
  window.confirm = (q) => { window.__confirms.push(q); return window.__confirmAnswer; };
  window.__printed = [];
  window.print = () => {
    const c = document.querySelector(".certificate");
    window.__printed.push({
      printing: document.body.classList.contains("printing-certificate"),
      name: c.querySelector(".certificate-name").textContent,
      html: c.innerHTML,
    });
  };
  window.__blobs = [];
  URL.createObjectURL = (b) => { window.__blobs.push(b); return "data:application/json,"; };
  URL.revokeObjectURL = () => {};
  window.__downloads = [];
  HTMLAnchorElement.prototype.click = function () { window.__downloads.push(this.download); };
})()"#,
    );
}

fn overall(page: &Page) -> (String, f64) {
    let value = page.eval("document.getElementById('progress-overall-bar').value");
    (
        text(page, ".progress-overall-value"),
        value.as_f64().expect("progress value"),
    )
}

fn status(page: &Page) -> String {
    page.wait_for(
        "document.querySelector('.progress-status').textContent.trim() !== ''",
        WAIT,
    );
    text(page, ".progress-status")
}

fn clear_status(page: &Page) {
    page.eval("document.querySelector('.progress-status').textContent = ''");
}

fn storage_dump(page: &Page, key: &str) -> Value {
    page.eval(&format!(
        "(() => {{ const o = {{}}; for (let i = 0; i < localStorage.length; i++) {{ const k = localStorage.key(i); if (k.startsWith({p})) o[k] = localStorage.getItem(k); }} return o; }})()",
        p = js_str(&format!("coursegen:{key}:"))
    ))
}

/// Selects `path` in the import file input through the DevTools protocol
/// (which fires `input` and `change` like a real file chooser).
fn choose_file(page: &Page, path: &Path) {
    let doc = page.cmd("DOM.getDocument", json!({ "depth": 0 }));
    let root = doc["root"]["nodeId"].clone();
    let node = page.cmd(
        "DOM.querySelector",
        json!({ "nodeId": root, "selector": "#progress-import-file" }),
    );
    page.cmd(
        "DOM.setFileInputFiles",
        json!({ "files": [path.to_str().expect("UTF-8 path")], "nodeId": node["nodeId"] }),
    );
}

#[test]
fn progress_page_tracks_resets_exports_imports_and_certifies() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |_| {});
    let key = course_key(&site);
    let prefix = format!("coursegen:{key}:");

    // Nothing stored yet: zeros, quiz not attempted, certificate locked.
    let page = browser.page(&site.url("progress.html"), DESKTOP.0, DESKTOP.1);
    page.eval(&format!(
        "Object.keys(localStorage).filter(k => k.startsWith({})).forEach(k => localStorage.removeItem(k))",
        js_str(&prefix)
    ));
    page.reload();
    assert_eq!(overall(&page), ("0%".to_string(), 0.0));
    assert_eq!(
        text(&page, "[data-module=start] .progress-summary"),
        "已学课时 0 / 2"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-score"), "尚未作答");
    assert!(visible(&page, ".certificate-locked"));
    assert!(!visible(&page, ".certificate-form"));

    // Two lessons and one page that is not a lesson; the quiz page and the
    // progress page itself are not recorded.
    for rel in [
        "start/definition.html",
        "more/nps.html",
        "glossary.html",
        "more/quiz.html",
    ] {
        page.goto(&site.url(rel));
    }
    let visited = page.eval(&format!(
        "JSON.parse(localStorage.getItem({}))",
        js_str(&format!("{prefix}visited"))
    ));
    let mut urls: Vec<&str> = visited
        .as_object()
        .expect("the visited map is an object")
        .keys()
        .map(String::as_str)
        .collect();
    urls.sort_unstable();
    assert_eq!(urls, ["glossary.html", "more/nps.html", "start/definition.html"]);
    assert!(
        visited["more/nps.html"].as_str().is_some_and(|t| t.contains('T')),
        "ISO time: {visited}"
    );

    page.goto(&site.url("progress.html"));
    stub_browser_ui(&page);
    let marked = page.eval(
        "[...document.querySelectorAll('.progress-lessons > li.is-visited')].map(li => li.dataset.url)",
    );
    assert_eq!(marked, json!(["start/definition.html", "more/nps.html"]));
    assert_eq!(
        text(&page, "[data-url='start/definition.html'] .progress-mark"),
        "✔ 已学课时"
    );
    assert!(visible(
        &page,
        "[data-url='start/definition.html'] .progress-mark"
    ));
    assert!(!visible(
        &page,
        "[data-url='start/importance.html'] .progress-mark"
    ));
    assert_eq!(
        text(&page, "[data-module=start] .progress-summary"),
        "已学课时 1 / 2"
    );
    assert_eq!(
        text(&page, "[data-module=more] .progress-summary"),
        "已学课时 1 / 1"
    );
    // 2 of 3 lessons, 0 of 1 quiz.
    assert_eq!(overall(&page), ("50%".to_string(), 50.0));
    assert_eq!(
        page.eval("document.getElementById('progress-overall-bar').labels[0].textContent"),
        json!("总体完成度")
    );

    // A failed attempt, then a passing record as the quiz script stores it.
    let quiz_key = format!("{prefix}quiz:more");
    let set_quiz = |record: Value| {
        page.eval(&format!(
            "localStorage.setItem({}, {}); window.coursegenProgress.render()",
            js_str(&quiz_key),
            js_str(&record.to_string())
        ));
    };
    set_quiz(json!({
        "version": "8023dedc552ed5dd", "answers": {}, "results": { "nps-formula": false },
        "best": 40, "lastScore": 40, "passed": false, "attempts": 1, "updated": "2026-03-01T09:00:00Z"
    }));
    assert_eq!(
        text(&page, "[data-module=more] .progress-quiz-score"),
        "最高分 40%"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✘ 未通过");
    assert!(visible(&page, ".certificate-locked"));
    set_quiz(json!({
        "version": 1, "answers": { "nps-formula": 0 }, "results": { "nps-formula": true, "segments": true },
        "best": 87.5, "lastScore": 87.5, "passed": true, "attempts": 2, "updated": "2026-03-02T10:30:00Z"
    }));
    assert_eq!(
        text(&page, "[data-module=more] .progress-quiz-score"),
        "最高分 87.5%"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    assert_eq!(overall(&page), ("75%".to_string(), 75.0));

    // Certificate: unlocked; the name is text, never markup.
    assert!(!visible(&page, ".certificate-locked"));
    assert!(visible(&page, ".certificate-form"));
    assert!(!visible(&page, ".certificate"));
    page.click(".print-certificate");
    assert_eq!(
        page.eval("window.__printed.length"),
        json!(0),
        "an empty name does not print"
    );
    assert_eq!(page.focused_selector_info(), "input#progress-learner-name");
    let evil = "<img src=x onerror=alert(1)>";
    page.type_text(evil);
    page.click(".print-certificate");
    let printed = page.eval("window.__printed[0]");
    assert_eq!(
        printed["printing"],
        json!(true),
        "printing-certificate during print()"
    );
    assert_eq!(printed["name"], json!(evil));
    assert!(
        !printed["html"].as_str().unwrap_or_default().contains("<img"),
        "{printed}"
    );
    assert_eq!(page.eval("document.querySelectorAll('img').length"), json!(0));
    assert!(visible(&page, ".certificate"));
    assert_eq!(text(&page, ".certificate-course"), "测试课程");
    assert_eq!(
        text(&page, ".certificate-text"),
        "已完成本课程全部模块并通过所有小测"
    );
    assert!(
        text(&page, ".certificate-date").starts_with("完成日期：2026"),
        "{}",
        text(&page, ".certificate-date")
    );
    page.eval("window.dispatchEvent(new Event('afterprint'))");
    assert_eq!(
        page.eval("document.body.classList.contains('printing-certificate')"),
        json!(false)
    );
    // Print media shows only the certificate while printing it.
    page.eval("document.body.classList.add('printing-certificate')");
    page.cmd("Emulation.setEmulatedMedia", json!({ "media": "print" }));
    assert!(visible(&page, ".certificate"));
    for hidden in [
        ".site-header",
        ".progress-modules",
        ".progress-overall",
        ".certificate-form",
        ".sidebar",
    ] {
        assert!(
            !visible(&page, hidden),
            "{hidden} is printed with the certificate"
        );
    }
    page.screenshot("target/screenshots/progress-print.png", false);
    page.cmd("Emulation.setEmulatedMedia", json!({ "media": "" }));
    page.eval("document.body.classList.remove('printing-certificate')");
    page.screenshot("target/screenshots/progress-desktop.png", true);

    // Export: a[download] of a JSON Blob.
    let before = storage_dump(&page, &key);
    page.click(".progress-export");
    assert_eq!(
        page.eval("window.__downloads"),
        json!([format!("{key}-progress.json")])
    );
    let exported = page.eval("window.__blobs[0].text()");
    let exported = exported.as_str().expect("blob text").to_string();
    let doc: Value = serde_json::from_str(&exported).expect("the export is JSON");
    assert_eq!(doc["format"], "coursegen-progress");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["course"], json!(key));
    assert!(doc["exported"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(doc["data"]["quiz:more"]["best"], json!(87.5));
    assert!(doc["data"]["visited"]["more/nps.html"].is_string());
    assert_eq!(page.eval("window.__blobs[0].type"), json!("application/json"));

    // Reset all, cancelled first, then confirmed → zeros.
    page.eval("window.__confirmAnswer = false");
    page.click(".progress-reset-all");
    assert_eq!(
        storage_dump(&page, &key),
        before,
        "a cancelled reset changes nothing"
    );
    page.eval("window.__confirmAnswer = true");
    page.click(".progress-reset-all");
    assert_eq!(
        page.eval("window.__confirms"),
        json!(["确定要清除这些学习进度吗？", "确定要清除这些学习进度吗？"])
    );
    assert_eq!(storage_dump(&page, &key), json!({}));
    assert_eq!(overall(&page), ("0%".to_string(), 0.0));
    assert_eq!(
        page.eval("document.querySelectorAll('.is-visited').length"),
        json!(0)
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-score"), "尚未作答");
    assert!(visible(&page, ".certificate-locked"));
    assert!(!visible(&page, ".certificate"));

    // Import the exported file → restored.
    let file = site.dir.path().join("progress.json");
    std::fs::write(&file, &exported).expect("write export");
    choose_file(&page, &file);
    assert_eq!(status(&page), "进度已导入");
    assert_eq!(storage_dump(&page, &key), before);
    assert_eq!(overall(&page), ("75%".to_string(), 75.0));
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    assert_eq!(
        page.eval("document.querySelectorAll('.is-visited').length"),
        json!(2)
    );

    // Malformed, foreign and ill-shaped files fail and change nothing.
    let mut bad_shape = doc.clone();
    bad_shape["data"]["quiz:more"]["best"] = json!("<b>100</b>");
    let mut other_course = doc.clone();
    other_course["course"] = json!("another");
    let mut bad_visited = doc.clone();
    bad_visited["data"]["visited"] = json!(["start/definition.html"]);
    let mut bad_key = doc.clone();
    bad_key["data"]["<script>"] = json!(1);
    let bads = [
        "{ not json".to_string(),
        "<img src=x onerror=alert(1)>".to_string(),
        json!({ "format": "other", "version": 1, "course": key, "data": {} }).to_string(),
        other_course.to_string(),
        bad_shape.to_string(),
        bad_visited.to_string(),
        bad_key.to_string(),
    ];
    for (i, bad) in bads.iter().enumerate() {
        clear_status(&page);
        let path = site.dir.path().join(format!("bad-{i}.json"));
        std::fs::write(&path, bad).expect("write bad file");
        choose_file(&page, &path);
        assert_eq!(
            status(&page),
            "无法导入：文件不是有效的进度文件",
            "file {i}: {bad}"
        );
        assert_eq!(storage_dump(&page, &key), before, "file {i} changed the storage");
    }
    assert_eq!(page.eval("document.querySelectorAll('img').length"), json!(0));
    assert_eq!(
        page.eval("document.querySelector('.progress-status').getAttribute('aria-live')"),
        json!("polite")
    );

    // Reset one module: its lessons and its quiz only.
    page.click("[data-module=more] .progress-reset-module");
    let after: Value = storage_dump(&page, &key);
    assert!(after.get(&quiz_key).is_none(), "{after}");
    let visited: Value =
        serde_json::from_str(after[format!("{prefix}visited")].as_str().expect("visited kept"))
            .expect("visited JSON");
    assert!(visited.get("more/nps.html").is_none());
    assert!(visited.get("start/definition.html").is_some());
    assert!(visited.get("glossary.html").is_some());
    assert_eq!(
        text(&page, "[data-module=more] .progress-summary"),
        "已学课时 0 / 1"
    );
    assert_eq!(
        text(&page, "[data-module=start] .progress-summary"),
        "已学课时 1 / 2"
    );
    assert_eq!(overall(&page), ("25%".to_string(), 25.0));

    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(page.failed_requests(), Vec::<String>::new(), "failed requests");
    assert_eq!(
        page.third_party_requests(),
        Vec::<String>::new(),
        "third-party requests"
    );
    drop(page);

    // Phone layout, with some progress to show.
    let phone = browser.page(&site.url("progress.html"), PHONE.0, PHONE.1);
    let overflow = phone.eval("document.documentElement.scrollWidth > window.innerWidth");
    assert_eq!(
        overflow,
        json!(false),
        "the progress page scrolls sideways on a phone"
    );
    phone.screenshot("target/screenshots/progress-phone.png", true);
    assert_eq!(phone.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(
        phone.third_party_requests(),
        Vec::<String>::new(),
        "third-party requests"
    );
}

#[test]
fn pages_work_without_storage() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |_| {});
    let page = browser.page("about:blank", DESKTOP.0, DESKTOP.1);
    // Every access to localStorage throws, as with storage disabled.
    page.cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });" }),
    );
    page.goto(&site.url("start/definition.html"));
    page.goto(&site.url("progress.html"));
    assert_eq!(text(&page, ".progress-overall-value"), "0%");
    assert_eq!(
        text(&page, "[data-module=start] .progress-summary"),
        "已学课时 0 / 2"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-score"), "尚未作答");
    page.eval("window.confirm = () => true");
    page.click(".progress-reset-all");
    let file = site.dir.path().join("empty.json");
    let doc = json!({ "format": "coursegen-progress", "version": 1, "course": course_key(&site), "exported": "2026-01-01T00:00:00Z", "data": {} });
    std::fs::write(&file, doc.to_string()).expect("write");
    choose_file(&page, &file);
    assert_eq!(status(&page), "无法导入：文件不是有效的进度文件");
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
}

/// The record the real quiz script saves shows on the progress page.
#[test]
fn a_quiz_passed_with_the_quiz_script_unlocks_the_certificate() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |_| {});
    let page = browser.page(&site.url("more/quiz.html"), DESKTOP.0, DESKTOP.1);
    // Five of seven answers right: 71%, pass mark 60.
    page.eval(
        r##"(() => {
  const set = (sel, v) => {
    const e = document.querySelector(sel);
    if (e.type === "radio" || e.type === "checkbox") e.checked = v; else e.value = v;
    e.dispatchEvent(new Event("input", { bubbles: true }));
    e.dispatchEvent(new Event("change", { bubbles: true }));
  };
  set("#q-nps-formula-0", true);
  set("#q-segments-0", true);
  set("#q-segments-1", true);
  set("#q-ritz-true", true);
  set("#q-servqual-count-input", "5");
  set("#q-nps-compute-input", "30");
})()"##,
    );
    page.click("button.submit");
    page.goto(&site.url("progress.html"));
    assert_eq!(
        text(&page, "[data-module=more] .progress-quiz-score"),
        "最高分 71%"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    assert!(visible(&page, ".certificate-form"));
    // 0 of 3 lessons, 1 of 1 quiz.
    assert_eq!(text(&page, ".progress-overall-value"), "25%");
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
}
