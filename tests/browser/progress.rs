//! The learner's progress page in a real browser (headless Chromium, see
//! tests/support/browser.rs), opened from file:// as learners do: site.js
//! records visited lessons, progress.js shows them with quiz results, the
//! overall completion and what is still missing, the certificate unlocks only
//! when the course's `completion` rule is met and says what it attests, and
//! reset, export and import work without ever interpreting stored or imported
//! text as HTML. Progress saved under the title's key moves to the course's
//! `id` once. Saves target/screenshots/progress-*.png for review.
//!
//! Without Chromium the test prints `SKIPPED: chromium not found` and passes,
//! unless COURSEGEN_REQUIRE_BROWSER=1.

use crate::support;

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

/// The titles listed as still to do: [quizzes, lessons].
fn missing(page: &Page) -> Value {
    page.eval(
        "['quizzes', 'lessons'].map(k => { const box = document.querySelector('.progress-missing-' + k); \
         return box.hidden ? [] : [...box.querySelectorAll('a')].map(a => a.textContent); })",
    )
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
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "尚未作答");
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-score"), "");
    assert!(visible(&page, ".certificate-locked"));
    assert_eq!(
        text(&page, ".certificate-locked"),
        "学完全部课时并通过全部小测后即可打印结业证书。"
    );
    assert!(!visible(&page, ".certificate-form"));
    // Everything is still to do, listed with links.
    // The quiz among module 1's lessons counts like the module quiz.
    assert_eq!(
        text(&page, "[data-quiz='start/check'] .progress-quiz-state"),
        "尚未作答"
    );
    assert_eq!(
        missing(&page),
        json!([["小练习 · 定义", "第二部分小测"], ["定义", "重要性", "净推荐值"]])
    );

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
        "✔ 已学习"
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
    // 2 of 3 lessons, 0 of 2 quizzes.
    assert_eq!(overall(&page), ("40%".to_string(), 40.0));
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
    // (Records of an older quiz version, in the first record format.)
    set_quiz(json!({
        "version": "8023dedc552ed5dd", "answers": {}, "results": { "nps-formula": false },
        "best": 40, "lastScore": 40, "passed": false, "attempts": 1, "updated": "2026-03-01T09:00:00Z"
    }));
    assert_eq!(
        text(&page, "[data-module=more] .progress-quiz-score"),
        "已作答 0 / 7 · 答对 0 / 7 · 最高分 40%"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✘ 未通过");
    assert!(visible(&page, ".certificate-locked"));
    set_quiz(json!({
        "version": 1, "answers": { "nps-formula": 0 }, "results": { "nps-formula": true, "segments": true },
        "best": 87.5, "lastScore": 87.5, "passed": true, "attempts": 2, "updated": "2026-03-02T10:30:00Z"
    }));
    assert_eq!(
        text(&page, "[data-module=more] .progress-quiz-score"),
        "已作答 0 / 7 · 答对 0 / 7 · 最高分 87.5%"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    // 2 of 3 lessons and 1 of 2 quizzes.
    assert_eq!(overall(&page), ("60%".to_string(), 60.0));
    assert_eq!(
        text(&page, ".progress-counts"),
        "已学课时 2 / 3 · 已通过小测 1 / 2"
    );
    assert_eq!(missing(&page), json!([["小练习 · 定义"], ["重要性"]]));
    // The quiz among the lessons, saved under its own name.
    page.eval(&format!(
        "localStorage.setItem({}, {}); window.coursegenProgress.render()",
        js_str(&format!("{prefix}quiz:start/check")),
        js_str(
            &json!({
                "version": 1, "answers": {}, "results": { "definition": true },
                "best": 100, "lastScore": 100, "passed": true, "attempts": 1, "updated": "2026-03-02T11:00:00Z"
            })
            .to_string()
        )
    ));
    assert_eq!(
        text(&page, "[data-quiz='start/check'] .progress-quiz-state"),
        "✔ 已通过"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    assert_eq!(overall(&page), ("80%".to_string(), 80.0));
    assert_eq!(
        text(&page, ".progress-counts"),
        "已学课时 2 / 3 · 已通过小测 2 / 2"
    );

    // Every quiz passed, but a lesson is still unvisited: no certificate yet.
    assert!(visible(&page, ".certificate-locked"));
    assert!(!visible(&page, ".certificate-form"));
    assert_eq!(missing(&page), json!([[], ["重要性"]]));
    page.click(".progress-missing-lessons a");
    page.wait_for(
        "document.readyState === 'complete' && document.body.dataset.page === 'start/importance.html'",
        WAIT,
    );
    page.goto(&site.url("progress.html"));
    stub_browser_ui(&page);
    assert_eq!(overall(&page), ("100%".to_string(), 100.0));
    assert!(!visible(&page, ".progress-missing"), "nothing is missing");
    assert_eq!(
        text(&page, ".progress-complete"),
        "你已完成本课程要求的全部内容。"
    );

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
        "已学习本课程全部 3 节课，并通过全部 2 个小测"
    );
    assert!(
        text(&page, ".certificate-attests").contains("未经讲师或培训机构核验"),
        "the certificate says what it attests"
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
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "尚未作答");
    assert!(visible(&page, ".certificate-locked"));
    assert!(!visible(&page, ".certificate"));

    // Import the exported file → restored.
    let file = site.dir.path().join("progress.json");
    std::fs::write(&file, &exported).expect("write export");
    choose_file(&page, &file);
    assert_eq!(status(&page), "进度已导入");
    assert_eq!(storage_dump(&page, &key), before);
    assert_eq!(overall(&page), ("100%".to_string(), 100.0));
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    assert_eq!(
        page.eval("document.querySelectorAll('.is-visited').length"),
        json!(3)
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
        "已学课时 2 / 2"
    );
    // Module 1's two lessons and its quiz among them: 3 of 5.
    assert_eq!(overall(&page), ("60%".to_string(), 60.0));

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
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "尚未作答");
    page.eval("window.confirm = () => true");
    page.click(".progress-reset-all");
    let file = site.dir.path().join("empty.json");
    let doc = json!({ "format": "coursegen-progress", "version": 1, "course": course_key(&site), "exported": "2026-01-01T00:00:00Z", "data": {} });
    std::fs::write(&file, doc.to_string()).expect("write");
    choose_file(&page, &file);
    assert_eq!(status(&page), "无法导入：文件不是有效的进度文件");
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
}

/// The record the real quiz script saves shows on the progress page: the
/// answers, the right ones and the best score; the certificate needs the
/// lessons too.
#[test]
fn a_quiz_passed_with_the_quiz_script_shows_and_the_lessons_unlock_the_certificate() {
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
        // The matching question was left unanswered (the ordering one was
        // submitted as it stood).
        "已作答 6 / 7 · 答对 5 / 7 · 最高分 71%"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    assert!(
        !visible(&page, ".certificate-form"),
        "three lessons are still unvisited"
    );
    assert_eq!(
        missing(&page),
        json!([["小练习 · 定义"], ["定义", "重要性", "净推荐值"]])
    );
    // 0 of 3 lessons, 1 of 2 quizzes.
    assert_eq!(text(&page, ".progress-overall-value"), "20%");
    for rel in ["start/definition.html", "start/importance.html", "more/nps.html"] {
        page.goto(&site.url(rel));
    }
    // The quiz among the lessons, answered with the quiz script: its result
    // is saved under its own name, apart from the module quiz's.
    page.goto(&site.url("start/check.html"));
    page.click("#q-definition-true");
    page.click("button.submit");
    page.goto(&site.url("progress.html"));
    assert_eq!(
        text(&page, "[data-quiz='start/check'] .progress-quiz-score"),
        "已作答 1 / 1 · 答对 1 / 1 · 最高分 100%"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    assert!(visible(&page, ".certificate-form"));
    assert_eq!(text(&page, ".progress-overall-value"), "100%");
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
}

/// Checking every question one by one (no submission) counts: the progress
/// page shows the answers, the right ones and the pass.
#[test]
fn checked_answers_count_without_a_submission() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |_| {});
    let page = browser.page(&site.url("more/quiz.html"), DESKTOP.0, DESKTOP.1);
    let answer_and_check = |js: &str, qid: &str| {
        page.eval(js);
        page.click(&format!("#q-{qid} .check"));
    };
    answer_and_check(
        "document.getElementById('q-nps-formula-0').click()",
        "nps-formula",
    );
    answer_and_check(
        "document.getElementById('q-segments-0').click(); document.getElementById('q-segments-1').click()",
        "segments",
    );
    answer_and_check("document.getElementById('q-ritz-true').click()", "ritz");
    page.goto(&site.url("progress.html"));
    assert_eq!(
        text(&page, "[data-module=more] .progress-quiz-score"),
        "已作答 3 / 7 · 答对 3 / 7"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "进行中");
    page.goto(&site.url("more/quiz.html"));
    let type_in = |id: &str, v: &str| {
        page.eval(&format!(
            "(() => {{ const e = document.getElementById('{id}'); e.value = '{v}'; e.dispatchEvent(new Event('input', {{ bubbles: true }})); }})()"
        ));
    };
    type_in("q-servqual-count-input", "5");
    page.click("#q-servqual-count .check");
    type_in("q-nps-compute-input", "30");
    page.click("#q-nps-compute .check");
    page.click("#q-steps .check");
    page.click("#q-steps .order-item[data-item='1'] .move-down");
    page.click("#q-steps .check");
    page.eval("document.querySelectorAll('#q-moments select').forEach((s, i) => { s.value = String(i); s.dispatchEvent(new Event('change', { bubbles: true })); })");
    page.click("#q-moments .check");
    let summary = text(&page, ".quiz-summary");
    assert!(
        summary.contains("得分 7 / 7（100%）") && summary.contains("✔ 已通过"),
        "{summary}"
    );
    page.reload();
    assert_eq!(
        text(&page, ".quiz-summary"),
        summary,
        "the summary survives a reload"
    );
    page.goto(&site.url("progress.html"));
    assert_eq!(
        text(&page, "[data-module=more] .progress-quiz-score"),
        "已作答 7 / 7 · 答对 7 / 7 · 最高分 100%"
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
}

/// `completion: quizzes`: passing every quiz completes the course, and the
/// certificate says only that.
#[test]
fn completion_by_quizzes_only() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |root| {
        let path = root.join("course/course.yaml");
        let yaml = std::fs::read_to_string(&path).expect("course.yaml");
        std::fs::write(&path, format!("{yaml}completion: quizzes\n")).expect("write");
    });
    let key = course_key(&site);
    let page = browser.page(&site.url("progress.html"), DESKTOP.0, DESKTOP.1);
    assert_eq!(
        text(&page, ".certificate-locked"),
        "通过全部小测后即可打印结业证书。"
    );
    assert_eq!(
        missing(&page),
        json!([["小练习 · 定义", "第二部分小测"], []]),
        "lessons are not required"
    );
    page.eval(&format!(
        "localStorage.setItem({}, JSON.stringify({{ format: 2, questions: {{}}, best: 100, passed: true, attempts: 1 }})); window.coursegenProgress.render()",
        js_str(&format!("coursegen:{key}:quiz:more"))
    ));
    assert_eq!(overall(&page), ("50%".to_string(), 50.0));
    assert!(
        !visible(&page, ".certificate-form"),
        "the quiz among the lessons is required too"
    );
    page.eval(&format!(
        "localStorage.setItem({}, JSON.stringify({{ format: 2, questions: {{}}, best: 100, passed: true, attempts: 1 }})); window.coursegenProgress.render()",
        js_str(&format!("coursegen:{key}:quiz:start/check"))
    ));
    assert_eq!(overall(&page), ("100%".to_string(), 100.0));
    assert!(visible(&page, ".certificate-form"));
    assert_eq!(text(&page, ".certificate-text"), "已通过本课程全部 2 个小测");
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
}

/// A course that gets an `id` keeps the progress saved under its title's key,
/// once: resetting it afterwards does not bring it back.
#[test]
fn progress_moves_to_the_course_id_once() {
    let Some(browser) = Browser::launch() else { return };
    let plain = build_fixture("basic", |_| {});
    let legacy = course_key(&plain);
    let site = build_fixture("basic", |root| {
        let path = root.join("course/course.yaml");
        let yaml = std::fs::read_to_string(&path).expect("course.yaml");
        std::fs::write(&path, format!("id: basic-course\n{yaml}")).expect("write");
    });
    assert_eq!(course_key(&site), "basic-course");
    let page = browser.page(&site.url("progress.html"), DESKTOP.0, DESKTOP.1);
    page.eval("localStorage.clear()");
    page.eval(&format!(
        "localStorage.setItem({v}, JSON.stringify({{ 'start/definition.html': '2026-01-01T00:00:00.000Z' }})); \
         localStorage.setItem({q}, JSON.stringify({{ version: 'x', answers: {{}}, results: {{}}, best: 90, passed: true, attempts: 1 }}));",
        v = js_str(&format!("coursegen:{legacy}:visited")),
        q = js_str(&format!("coursegen:{legacy}:quiz:more")),
    ));
    page.goto(&site.url("start/importance.html"));
    page.goto(&site.url("progress.html"));
    assert_eq!(
        page.eval(
            "[...document.querySelectorAll('.progress-lessons > li.is-visited')].map(li => li.dataset.url)"
        ),
        json!(["start/definition.html", "start/importance.html"])
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "✔ 已通过");
    // The old keys stay (another course may have the same title).
    assert!(
        page.eval(&format!(
            "localStorage.getItem({}) !== null",
            js_str(&format!("coursegen:{legacy}:visited"))
        )) == json!(true)
    );
    page.eval("window.confirm = () => true");
    page.click(".progress-reset-all");
    page.goto(&site.url("progress.html"));
    assert_eq!(
        page.eval("document.querySelectorAll('.is-visited').length"),
        json!(0)
    );
    assert_eq!(text(&page, "[data-module=more] .progress-quiz-state"), "尚未作答");
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
}

/// The basic fixture with tests/data/short.scenario.yaml as a scenario of its
/// second module (`more/talk`).
fn build_with_scenario(completion: Option<&str>) -> BuiltSite {
    build_fixture("basic", |root| {
        std::fs::write(
            root.join("course/02-more/02-talk.scenario.yaml"),
            include_str!("../data/short.scenario.yaml"),
        )
        .expect("write the scenario");
        if let Some(c) = completion {
            let path = root.join("course/course.yaml");
            let yaml = std::fs::read_to_string(&path).expect("course.yaml");
            std::fs::write(&path, format!("{yaml}completion: {c}\n")).expect("write");
        }
    })
}

/// Plays the scenario page `url` through its buttons: `choices` in order
/// (from the start: a resumed play is restarted).
fn play(page: &Page, url: &str, choices: &[usize]) {
    page.goto(url);
    page.wait_for("!document.querySelector('.scenario-player').hidden", WAIT);
    page.eval("document.querySelector('.scenario-restart').click()");
    for &c in choices {
        page.wait_for(
            "document.querySelectorAll('.choice-list button.choice').length > 0 && !document.querySelector('.choices').hidden",
            WAIT,
        );
        page.eval(&format!(
            "document.querySelectorAll('.choice-list button.choice')[{c}].click()"
        ));
    }
    page.wait_for("!document.querySelector('.scenario-ending').hidden", WAIT);
}

/// A role-play scenario has its own line in its module: not played, then its
/// best ending (rating in words and stars, the ending's title) and whether
/// that completes it; the summary counts it, lists it while not completed,
/// and the certificate waits for it. Reset, export and import carry its
/// record; an import with a malformed scenario record is refused whole.
#[test]
fn scenarios_show_their_best_ending_and_count_towards_completion() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_with_scenario(Some("quizzes"));
    let key = course_key(&site);
    let page = browser.page(&site.url("progress.html"), 1280, 860);
    stub_browser_ui(&page);
    let line = ".progress-scenario[data-scenario='more/talk']";
    assert_eq!(text(&page, &format!("{line} .progress-quiz-state")), "尚未练习");
    assert_eq!(text(&page, &format!("{line} .progress-scenario-best")), "");
    assert_eq!(
        text(&page, ".progress-counts"),
        "已学课时 0 / 3 · 已通过小测 0 / 2 · 情景练习达标 0 / 1"
    );
    let missing_scenarios = "(() => { const b = document.querySelector('.progress-missing-scenarios'); \
         return b.hidden ? [] : [...b.querySelectorAll('a')].map(a => [a.textContent, a.getAttribute('href')]); })()";
    assert_eq!(
        page.eval(missing_scenarios),
        json!([["投诉电话", "more/talk.html"]])
    );
    assert_eq!(
        text(&page, ".progress-missing-scenarios .progress-missing-title"),
        "尚未达标的情景练习（1）"
    );
    assert_eq!(
        text(&page, ".certificate-locked"),
        "通过全部小测并完成全部情景练习后即可打印结业证书。"
    );
    assert_eq!(
        page.eval("document.querySelectorAll('.progress-lessons > li[data-url]').length"),
        json!(3),
        "a scenario is not counted as a lesson"
    );

    // Both quizzes passed: 2 of 3 things done.
    for quiz in ["more", "start/check"] {
        page.eval(&format!(
            "localStorage.setItem({}, JSON.stringify({{ format: 2, questions: {{}}, best: 100, passed: true, attempts: 1 }}))",
            js_str(&format!("coursegen:{key}:quiz:{quiz}"))
        ));
    }
    // Begun but no ending reached: in progress, still missing.
    let talk = site.url("more/talk.html");
    page.goto(&talk);
    page.wait_for(
        "document.querySelectorAll('.choice-list button.choice').length > 0",
        WAIT,
    );
    page.eval("document.querySelectorAll('.choice-list button.choice')[1].click()");
    page.goto(&site.url("progress.html"));
    assert_eq!(text(&page, &format!("{line} .progress-quiz-state")), "进行中");
    assert_eq!(text(&page, &format!("{line} .progress-scenario-best")), "");
    // A poor ending, played on the scenario page itself.
    play(&page, &talk, &[1, 1]);
    page.goto(&site.url("progress.html"));
    stub_browser_ui(&page);
    assert_eq!(
        text(&page, &format!("{line} .progress-quiz-state")),
        "✘ 未达标：需要“尚可”或更好的结局"
    );
    assert_eq!(
        text(&page, &format!("{line} .progress-scenario-best")),
        "★☆☆ 最好结局：欠佳（客户挂断）"
    );
    assert_eq!(
        page.eval(&format!(
            "document.querySelector(\"{line} .progress-stars\").getAttribute('aria-hidden')"
        )),
        "true"
    );
    assert_eq!(overall(&page), ("66.7%".to_string(), 66.7));
    assert!(!visible(&page, ".certificate-form"));
    page.eval("document.querySelector('.progress-scenario').scrollIntoView({ block: 'center' })");
    page.screenshot("target/screenshots/progress-scenario-desktop-poor.png", false);
    // axe on the filled-in lines (not passed: the caution colour), both
    // themes, in a tab of its own (axe's stylesheet requests fail on file://).
    if let Some(axe) = crate::a11y::axe_source() {
        let checked = browser.page(&site.url("progress.html"), 1280, 860);
        checked.eval(&axe);
        checked.eval("document.querySelector('.progress-scenario').scrollIntoView({ block: 'center' })");
        for dark in [false, true] {
            checked.emulate_dark(dark);
            let found = checked.eval(
                "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa'] } })\
                 .then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id))",
            );
            assert_eq!(found, json!([]), "dark: {dark}");
        }
    }
    assert_eq!(
        page.eval(missing_scenarios),
        json!([["投诉电话", "more/talk.html"]])
    );

    // An acceptable ending completes it, and the course.
    play(&page, &talk, &[1, 0]);
    page.goto(&site.url("progress.html"));
    stub_browser_ui(&page);
    assert_eq!(text(&page, &format!("{line} .progress-quiz-state")), "✔ 已完成");
    assert_eq!(
        text(&page, &format!("{line} .progress-scenario-best")),
        "★★☆ 最好结局：尚可（问题解决）"
    );
    assert!(
        page.eval(&format!(
            "document.querySelector(\"{line} .progress-quiz-state\").classList.contains('is-passed')"
        )) == json!(true)
    );
    assert_eq!(
        text(&page, ".progress-counts"),
        "已学课时 0 / 3 · 已通过小测 2 / 2 · 情景练习达标 1 / 1"
    );
    assert_eq!(overall(&page), ("100%".to_string(), 100.0));
    assert!(!visible(&page, ".progress-missing"));
    assert!(visible(&page, ".certificate-form"));
    assert_eq!(
        text(&page, ".certificate-text"),
        "已通过本课程全部 2 个小测，并完成全部 1 个情景练习"
    );
    for (dark, name) in [(false, "light"), (true, "dark")] {
        page.emulate_dark(dark);
        page.eval("document.querySelector('.progress-scenario').scrollIntoView({ block: 'center' })");
        page.screenshot(
            format!("target/screenshots/progress-scenario-desktop-{name}.png"),
            false,
        );
    }
    page.emulate_dark(false);

    // Export carries the scenario record; reset of the module removes it.
    page.eval("window.coursegenProgress.exportProgress()");
    let exported = page.eval("window.__blobs[0].text()");
    let exported: Value = serde_json::from_str(exported.as_str().expect("exported text")).expect("JSON");
    let rec = &exported["data"]["scenario:more/talk"];
    assert_eq!(rec["best"]["ending"], "calmed", "{exported}");
    assert_eq!(rec["plays"], 2, "{exported}");
    page.eval(
        "document.querySelector('.progress-module[data-module=\"more\"] .progress-reset-module').click()",
    );
    assert_eq!(
        storage_dump(&page, &key)
            .as_object()
            .expect("object")
            .keys()
            .filter(|k| k.contains(":scenario:") || k.contains(":quiz:more"))
            .count(),
        0,
        "the module's reset removes its scenario record"
    );
    assert_eq!(text(&page, &format!("{line} .progress-quiz-state")), "尚未练习");

    // Import: a malformed scenario record refuses the file; a good one restores.
    let doc = |rec: Value| {
        json!({ "format": "coursegen-progress", "version": 1, "course": key, "exported": "2026-12-01T00:00:00Z",
                "data": { "scenario:more/talk": rec } })
        .to_string()
    };
    let bad = doc(
        json!({ "format": 1, "best": { "ending": "<img src=x onerror=alert(1)>", "rating": "great", "score": 1 } }),
    );
    clear_status(&page);
    page.eval(&format!("window.coursegenProgress.importText({})", js_str(&bad)));
    assert_eq!(status(&page), "无法导入：文件不是有效的进度文件");
    assert_eq!(text(&page, &format!("{line} .progress-quiz-state")), "尚未练习");
    let good = doc(rec.clone());
    clear_status(&page);
    page.eval(&format!("window.coursegenProgress.importText({})", js_str(&good)));
    assert_eq!(status(&page), "进度已导入");
    assert_eq!(text(&page, &format!("{line} .progress-quiz-state")), "✔ 已完成");

    // Reset all removes it too.
    page.eval("document.querySelector('.progress-reset-all').click()");
    assert_eq!(text(&page, &format!("{line} .progress-quiz-state")), "尚未练习");
    assert!(
        !storage_dump(&page, &key).to_string().contains("scenario:"),
        "reset all removes scenario records"
    );

    // The phone, light and dark, with a played scenario.
    let phone = browser.page(&site.url("progress.html"), 360, 780);
    play(&phone, &talk, &[0]);
    phone.goto(&site.url("progress.html"));
    assert_eq!(
        text(&phone, &format!("{line} .progress-scenario-best")),
        "★★★ 最好结局：优秀（客户满意）"
    );
    assert_eq!(
        phone.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        json!(true),
        "no sideways scrolling"
    );
    for (dark, name) in [(false, "light"), (true, "dark")] {
        phone.emulate_dark(dark);
        phone.eval("document.querySelector('.progress-scenario').scrollIntoView({ block: 'center' })");
        phone.screenshot(
            format!("target/screenshots/progress-scenario-phone-{name}.png"),
            false,
        );
    }
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(phone.console_errors(), Vec::<String>::new(), "console errors");
}
