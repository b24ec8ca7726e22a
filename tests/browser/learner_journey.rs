//! A learner's journey through the bundled course, in headless Chromium, on a
//! phone (360×780, touch) over HTTP under a subpath and on a desktop
//! (1280×860) from `file://`:
//!
//! 1. open a deep lesson and reach the last link of the course menu;
//! 2. answer a quiz question by question and reload: the answers, the score
//!    and the progress page agree;
//! 3. submit and see the correct answers;
//! 4. pass every quiz and visit every lesson (scripted);
//! 5. see the certificate, and not before.
//!
//! The phone runs in the dark theme, the desktop in the light one. Saves
//! target/screenshots/journey-{phone,desktop}-*.png for review.
//! Without Chromium each test prints `SKIPPED: chromium not found` and passes,
//! unless COURSEGEN_REQUIRE_BROWSER=1.

use crate::support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::{Browser, Page, on_screen, phone, swipe, tap};
use support::http::Server;
use support::site::{file_url, js_str};

const WAIT: Duration = Duration::from_secs(10);

/// The bundled course, built once for the whole binary.
fn built() -> PathBuf {
    crate::support::site::bundled(false).to_path_buf()
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

fn loaded(page: &Page) {
    page.wait_for("document.readyState === 'complete'", WAIT);
}

/// Where the site is: `url(rel)` for a page of it.
struct Site {
    base: String,
}

impl Site {
    fn url(&self, rel: &str) -> String {
        format!("{}{rel}", self.base)
    }
}

/// Sets every answer of the quiz page to the correct one, from its own key, the
/// way a learner would leave them (inputs and `change` events), and submits.
const ANSWER_ALL_CORRECTLY: &str = r#"(() => {
  const key = JSON.parse(document.getElementById("quiz-key").textContent);
  const fire = (e) => { e.dispatchEvent(new Event("input", { bubbles: true })); e.dispatchEvent(new Event("change", { bubbles: true })); };
  for (const q of key.questions) {
    const li = document.getElementById("q-" + q.id);
    if (q.type === "single" || q.type === "multiple") {
      li.querySelectorAll("fieldset input").forEach((i) => { if (i.checked !== q.correct.includes(Number(i.value))) i.click(); });
    } else if (q.type === "true-false") {
      li.querySelector(`input[value="${q.answer}"]`).click();
    } else if (q.type === "fill-in" || q.type === "numeric") {
      const t = li.querySelector("fieldset input[type=text]");
      t.value = q.type === "numeric" ? String(q.answer) : q.answers[0];
      fire(t);
    } else if (q.type === "ordering") {
      const ol = li.querySelector("ol.ordering");
      [...ol.children].sort((a, b) => a.dataset.item - b.dataset.item).forEach((x) => ol.appendChild(x));
    } else if (q.type === "matching") {
      li.querySelectorAll("select").forEach((s, i) => { s.value = String(i); fire(s); });
    }
  }
  return key.questions.length;
})()"#;

/// The menu's last link, as JavaScript.
const LAST_LINK: &str = "[...document.querySelectorAll('#sidebar a[href]')].pop()";

fn journey(browser: &Browser, site: &Site, (w, h): (u32, u32), name: &str) {
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let is_phone = w < 800;
    let page = if is_phone {
        phone(browser, &site.url("index.html"), (w, h))
    } else {
        browser.page(&site.url("index.html"), w, h)
    };
    page.eval("localStorage.clear()");
    // The phone in dark mode, the desktop in light: both themes are seen.
    page.emulate_dark(is_phone);

    // 1. A deep lesson; the course menu reaches its last link.
    page.goto(&site.url("cases/zappos.html"));
    if is_phone {
        tap(&page, "document.querySelector('.nav-toggle')");
        page.wait_for(
            "document.getElementById('sidebar').classList.contains('is-open')",
            WAIT,
        );
        page.screenshot(shots.join(format!("journey-{name}-menu-open.png")), false);
        for _ in 0..30 {
            if on_screen(&page, LAST_LINK) {
                break;
            }
            swipe(&page, 180.0, f64::from(h) - 120.0, 0.0, -400.0);
        }
    } else {
        // The sidebar scrolls by itself: a wheel over it.
        for _ in 0..30 {
            if on_screen(&page, LAST_LINK) {
                break;
            }
            page.cmd(
                "Input.dispatchMouseEvent",
                json!({ "type": "mouseWheel", "x": 120, "y": 500, "deltaX": 0, "deltaY": 400 }),
            );
            page.wait_for("true", WAIT);
        }
    }
    assert!(
        on_screen(&page, LAST_LINK),
        "{name}: the last menu link is on screen and not covered"
    );
    page.screenshot(shots.join(format!("journey-{name}-menu-end.png")), false);
    if is_phone {
        tap(&page, LAST_LINK);
    } else {
        page.eval(&format!("{LAST_LINK}.click()"));
    }
    page.wait_for(
        "document.readyState === 'complete' && document.body.dataset.page === 'calculator.html'",
        WAIT,
    );

    // 2. A quiz, question by question: two right, one wrong, each checked.
    page.goto(&site.url("measurement/quiz.html"));
    let key = page.eval("JSON.parse(document.getElementById('quiz-key').textContent)");
    let questions = key["questions"].as_array().expect("questions").clone();
    let total = questions.len();
    let singles: Vec<&Value> = questions
        .iter()
        .filter(|q| q["type"] == "single")
        .take(3)
        .collect();
    assert_eq!(
        singles.len(),
        3,
        "the measurement quiz has three single-choice questions"
    );
    let mut answered = Vec::new();
    for (n, q) in singles.iter().enumerate() {
        let id = q["id"].as_str().expect("id");
        let right = q["correct"][0].as_u64().expect("correct option");
        let pick = if n == 1 {
            (right + 1) % q["count"].as_u64().expect("count")
        } else {
            right
        };
        page.click(&format!("#q-{id}-{pick}"));
        page.click(&format!("#q-{id} .check"));
        answered.push(format!("q-{id}-{pick}"));
        let want = if n == 1 {
            "✘ 回答错误"
        } else {
            "✔ 回答正确"
        };
        assert_eq!(text(&page, &format!("#q-{id} .q-result")), want);
    }
    let score = format!("得分 2 / {total}（{}%）", (200.0 / total as f64).round());
    let summary = text(&page, ".quiz-summary");
    assert!(summary.contains(&score), "{summary}");
    assert!(summary.contains(&format!("已检查 3 / {total} 题")), "{summary}");
    page.screenshot(shots.join(format!("journey-{name}-quiz-checked.png")), false);
    page.reload();
    loaded(&page);
    let checked = page.eval("[...document.querySelectorAll('#quiz input:checked')].map(i => i.id)");
    let mut checked: Vec<String> = serde_json::from_value(checked).expect("ids");
    checked.sort();
    answered.sort();
    assert_eq!(checked, answered, "the answers are back after a reload");
    assert_eq!(text(&page, ".quiz-summary"), summary, "so is the score");
    page.goto(&site.url("progress.html"));
    assert_eq!(
        text(&page, "[data-module=measurement] .progress-quiz-score"),
        format!("已作答 3 / {total} · 答对 2 / {total}"),
        "the progress page agrees"
    );
    assert_eq!(
        text(&page, "[data-module=measurement] .progress-quiz-state"),
        "进行中"
    );

    // 3. Submit and see the correct answers.
    page.goto(&site.url("measurement/quiz.html"));
    page.click(".submit");
    let summary = text(&page, ".quiz-summary");
    assert!(
        summary.contains(&score),
        "unanswered questions count as wrong: {summary}"
    );
    assert!(summary.contains("✘ 未通过"), "{summary}");
    let wrong = singles[1]["id"].as_str().expect("id");
    let right = singles[1]["correct"][0].as_u64().expect("correct");
    assert_eq!(
        text(&page, &format!("label[for=q-{wrong}-{right}] .q-mark")),
        "✔ 正确答案",
        "the right option is marked beside the wrong choice"
    );
    assert!(visible(&page, &format!("#q-{wrong} .explanation")));
    page.eval(&format!("document.getElementById('q-{wrong}').scrollIntoView()"));
    page.eval("window.scrollBy(0, -80)");
    page.screenshot(shots.join(format!("journey-{name}-quiz-revealed.png")), false);
    page.goto(&site.url("progress.html"));
    assert_eq!(
        text(&page, "[data-module=measurement] .progress-quiz-state"),
        "✘ 未通过"
    );

    // 4. Pass every quiz, visit every lesson; 5. the certificate only at the end.
    let meta = page.eval("JSON.parse(document.getElementById('progress-meta').textContent)");
    let lessons: Vec<String> = serde_json::from_value(meta["lessons"].clone()).expect("lessons");
    let quizzes: Vec<String> = meta["quizzes"]
        .as_object()
        .expect("quizzes")
        .keys()
        .cloned()
        .collect();
    assert_eq!((lessons.len(), quizzes.len()), (44, 9));
    for slug in &quizzes {
        page.goto(&site.url(&format!("{slug}/quiz.html")));
        page.click(".retry");
        page.eval(ANSWER_ALL_CORRECTLY);
        page.click(".submit");
        let summary = text(&page, ".quiz-summary");
        assert!(
            summary.contains("（100%）") && summary.contains("✔ 已通过"),
            "{slug}: {summary}"
        );
    }
    // Every role-play scenario played along its best path (issue 20: they
    // count toward completion as quizzes do).
    let scenarios: Vec<String> = meta["scenarios"]
        .as_object()
        .expect("scenarios")
        .keys()
        .cloned()
        .collect();
    assert_eq!(scenarios.len(), 4);
    for id in &scenarios {
        page.goto(&site.url(&format!("{id}.html")));
        let best = page.eval(
            "(() => { const d = JSON.parse(document.getElementById('scenario-data').textContent); \
             for (const c of d.best) document.querySelectorAll('.choice-list button.choice')[c].click(); \
             return document.querySelector('.scenario-best').textContent; })()",
        );
        assert!(
            best.as_str().unwrap_or_default().contains("已完成"),
            "{id}: {best}"
        );
    }
    page.goto(&site.url("progress.html"));
    assert!(
        !visible(&page, ".certificate-form"),
        "every quiz and scenario passed, one lesson visited: locked"
    );
    assert!(visible(&page, ".certificate-locked"));
    assert_eq!(
        page.eval("document.querySelectorAll('.progress-missing-lessons a').length"),
        json!(43),
        "every lesson but the one opened in step 1 is listed as missing"
    );
    page.screenshot(shots.join(format!("journey-{name}-progress-missing.png")), false);
    for (i, url) in lessons.iter().enumerate() {
        page.goto(&site.url(url));
        if i == lessons.len() - 2 {
            page.goto(&site.url("progress.html"));
            assert!(
                !visible(&page, ".certificate-form"),
                "one lesson short: still locked"
            );
            assert_eq!(
                page.eval("[...document.querySelectorAll('.progress-missing-lessons a')].map(a => a.getAttribute('href'))"),
                json!([lessons.last().expect("a last lesson")])
            );
        }
    }
    page.goto(&site.url("progress.html"));
    assert_eq!(text(&page, ".progress-overall-value"), "100%");
    assert!(visible(&page, ".certificate-form"));
    page.eval("window.print = () => {}");
    page.click("#progress-learner-name");
    page.type_text("王小明");
    page.click(".print-certificate");
    assert!(visible(&page, ".certificate"));
    assert_eq!(
        text(&page, ".certificate-text"),
        "已学习本课程全部 44 节课，通过全部 9 个小测，并完成全部 4 个情景练习"
    );
    page.eval("document.querySelector('.certificate').scrollIntoView()");
    page.screenshot(shots.join(format!("journey-{name}-certificate.png")), false);
    page.eval("window.scrollTo(0, 0)");
    page.screenshot(shots.join(format!("journey-{name}-progress.png")), is_phone);
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(page.failed_requests(), Vec::<String>::new(), "failed requests");
    assert_eq!(
        page.third_party_requests(),
        Vec::<String>::new(),
        "third-party requests"
    );
}

#[test]
fn on_a_phone_over_http_under_a_subpath() {
    let Some(browser) = Browser::launch() else { return };
    let out = built();
    let server = Server::serve(&out, "/courses/service/");
    let site = Site {
        base: server.base_url().to_string(),
    };
    journey(&browser, &site, (360, 780), "phone");
}

#[test]
fn on_a_desktop_from_disk() {
    let Some(browser) = Browser::launch() else { return };
    let out = built();
    let site = Site {
        base: format!("{}/", file_url(&out)),
    };
    journey(&browser, &site, (1280, 860), "desktop");
}
