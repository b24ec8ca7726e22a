//! The quiz page in a real browser (headless Chromium, see
//! tests/support/browser.rs), opened from file:// as learners do: quiz.js
//! grades all seven question types and shows the pre-rendered feedback, the
//! quiz works from the keyboard alone and only its submit button submits,
//! submitting scores the quiz and shows the correct answers (as `reveal`
//! allows), answers, results and the summary survive a reload (but not a
//! changed question), retry clears the answers and reshuffles, and shuffling
//! is per attempt and never leaves an ordering question solved. Saves
//! target/screenshots/quiz-{desktop,phone}-{light,dark}*.png for review.
//!
//! Without Chromium each test prints `SKIPPED: chromium not found` and passes,
//! unless COURSEGEN_REQUIRE_BROWSER=1.

use crate::support;

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::{Browser, Page};
use support::site::{build_fixture, js_str};

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (360, 740);
const WAIT: Duration = Duration::from_secs(10);

const CORRECT: &str = "✔ 回答正确";
const INCORRECT: &str = "✘ 回答错误";
const UNANSWERED: &str = "请先作答";
const RESTORED: &str = "已恢复上次保存的答案";
const NOT_ANSWERED: &str = "✘ 未作答";

fn text(page: &Page, selector: &str) -> String {
    let v = page.eval(&format!(
        "(() => {{ const e = document.querySelector({}); return e ? e.textContent : null; }})()",
        js_str(selector)
    ));
    match v {
        Value::String(s) => s,
        _ => panic!("no element matches `{selector}`"),
    }
}

fn result(page: &Page, qid: &str) -> String {
    text(page, &format!("#q-{qid} .q-result")).trim().to_string()
}

/// `hidden` of the first match, and whether it takes up no space.
fn is_hidden(page: &Page, selector: &str) -> bool {
    let v = page.eval(&format!(
        "(() => {{ const e = document.querySelector({}); if (!e) return null; \
         const r = e.getBoundingClientRect(); return e.hidden && r.width === 0 && r.height === 0; }})()",
        js_str(selector)
    ));
    v.as_bool()
        .unwrap_or_else(|| panic!("no element matches `{selector}`"))
}

fn classes(page: &Page, qid: &str) -> (bool, bool) {
    let v = page.eval(&format!(
        "(() => {{ const c = document.getElementById('q-{qid}').classList; \
         return [c.contains('is-correct'), c.contains('is-incorrect')]; }})()"
    ));
    (v[0] == true, v[1] == true)
}

fn check(page: &Page, qid: &str) {
    page.click(&format!("#q-{qid} .check"));
}

/// Asserts the result text and the is-correct / is-incorrect classes of a
/// checked question (answers not revealed): the explanation shows once the
/// answer is right, and not before (it would give the answer away).
fn assert_graded(page: &Page, qid: &str, correct: bool) {
    let want = if correct { CORRECT } else { INCORRECT };
    assert_eq!(result(page, qid), want, "result of {qid}");
    assert_eq!(classes(page, qid), (correct, !correct), "classes of {qid}");
    assert_eq!(
        !is_hidden(page, &format!("#q-{qid} .explanation")),
        correct,
        "the explanation of {qid} shows once it is right"
    );
    assert_eq!(marks(page, qid), json!([]), "no answers revealed for {qid}");
}

/// The reveal marks of a question, in page order.
fn marks(page: &Page, qid: &str) -> Value {
    page.eval(&format!(
        "[...document.querySelectorAll('#q-{qid} .q-mark')].map(m => m.textContent)"
    ))
}

fn assert_ungraded(page: &Page, qid: &str, message: &str) {
    assert_eq!(result(page, qid), message, "result of {qid}");
    assert_eq!(classes(page, qid), (false, false), "classes of {qid}");
    assert!(
        is_hidden(page, &format!("#q-{qid} .explanation")),
        "explanation of {qid}"
    );
}

/// Replaces the text of a text answer by typing, as a learner would.
fn type_answer(page: &Page, qid: &str, value: &str) {
    let sel = format!("#q-{qid}-input");
    page.eval(&format!("document.querySelector({}).value = ''", js_str(&sel)));
    page.click(&sel);
    page.type_text(value);
}

/// Sets the matching selects (by `data-left` order) and fires `change`.
fn set_matching(page: &Page, values: &[&str]) {
    let values = serde_json::to_string(values).expect("values serialize");
    page.eval(&format!(
        "(() => {{ const v = {values}; document.querySelectorAll('#q-moments select').forEach((s, i) => {{ \
         s.value = v[i]; s.dispatchEvent(new Event('change', {{ bubbles: true }})); }}); }})()"
    ));
}

fn order(page: &Page) -> Vec<u64> {
    page.eval("[...document.querySelectorAll('#q-steps .order-item')].map(li => Number(li.dataset.item))")
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_u64().expect("a number"))
        .collect()
}

fn record(page: &Page) -> Value {
    let raw = page.eval(
        "localStorage.getItem('coursegen:' + document.body.dataset.course + ':quiz:' + \
         document.getElementById('quiz').dataset.quizId)",
    );
    match raw {
        Value::String(s) => serde_json::from_str(&s).expect("the saved record is JSON"),
        _ => Value::Null,
    }
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

#[test]
fn grades_every_question_type_and_shows_feedback() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |_| {});
    let page = browser.page(&site.url("more/quiz.html"), DESKTOP.0, DESKTOP.1);
    page.wait_for("document.querySelector('script[src$=\"quiz.js\"]')", WAIT);

    // The answer boxes are for readers without JavaScript (and for print).
    let keys = page.eval(
        "[...document.querySelectorAll('details.answer-key')].map(d => d.hidden && d.offsetHeight === 0)",
    );
    assert_eq!(keys, json!([true, true, true, true, true, true, true]));

    // single
    check(&page, "nps-formula");
    assert_ungraded(&page, "nps-formula", UNANSWERED);
    page.click("#q-nps-formula-2");
    check(&page, "nps-formula");
    assert_graded(&page, "nps-formula", false);
    assert_eq!(
        text(&page, "#q-nps-formula .option-feedback[data-option='2']").trim(),
        "方向反了。"
    );
    assert!(!is_hidden(
        &page,
        "#q-nps-formula .option-feedback[data-option='2']"
    ));
    assert!(is_hidden(
        &page,
        "#q-nps-formula .option-feedback[data-option='1']"
    ));
    page.click("#q-nps-formula-0");
    assert_ungraded(&page, "nps-formula", "");
    check(&page, "nps-formula");
    assert_graded(&page, "nps-formula", true);
    assert!(is_hidden(
        &page,
        "#q-nps-formula .option-feedback[data-option='2']"
    ));

    // multiple: the chosen set must equal the correct set
    page.click("#q-segments-0");
    check(&page, "segments");
    assert_graded(&page, "segments", false);
    page.click("#q-segments-2");
    page.click("#q-segments-1");
    check(&page, "segments");
    assert_graded(&page, "segments", false);
    assert!(!is_hidden(&page, "#q-segments .option-feedback[data-option='2']"));
    page.click("#q-segments-2");
    check(&page, "segments");
    assert_graded(&page, "segments", true);
    assert!(is_hidden(&page, "#q-segments .option-feedback[data-option='2']"));

    // true-false: the "wrong" feedback only for a wrong answer
    page.click("#q-ritz-false");
    check(&page, "ritz");
    assert_graded(&page, "ritz", false);
    assert!(!is_hidden(&page, "#q-ritz .option-feedback[data-option='wrong']"));
    page.click("#q-ritz-true");
    check(&page, "ritz");
    assert_graded(&page, "ritz", true);
    assert!(is_hidden(&page, "#q-ritz .option-feedback[data-option='wrong']"));

    // fill-in: normalised like normalize_answer (width, space, case)
    check(&page, "servqual-count");
    assert_ungraded(&page, "servqual-count", UNANSWERED);
    for (answer, correct) in [("6", false), ("  ５ ", true), ("五", true), ("5 个", false)] {
        type_answer(&page, "servqual-count", answer);
        check(&page, "servqual-count");
        assert_graded(&page, "servqual-count", correct);
    }
    // Enter in the text field checks the question instead of submitting.
    type_answer(&page, "servqual-count", "5");
    page.press("Enter");
    assert_graded(&page, "servqual-count", true);
    assert_eq!(record(&page)["attempts"], 0, "Enter did not submit the quiz");
    // Leaving the field fires `change`, but the answer did not change.
    page.press("Tab");
    assert_graded(&page, "servqual-count", true);

    // numeric
    type_answer(&page, "nps-compute", "abc");
    check(&page, "nps-compute");
    assert_ungraded(&page, "nps-compute", "请输入一个数字");
    for (answer, correct) in [
        ("30", true),
        (" 30 ", true),
        ("３０", true),
        ("30.0", true),
        ("31", false),
        ("-30", false),
    ] {
        type_answer(&page, "nps-compute", answer);
        check(&page, "nps-compute");
        assert_graded(&page, "nps-compute", correct);
    }

    // ordering, from the keyboard
    assert_eq!(order(&page), [1, 0, 2], "the build's scrambled order");
    check(&page, "steps");
    assert_graded(&page, "steps", false);
    let button = |item: u64, class: &str| {
        format!("document.querySelector('#q-steps .order-item[data-item=\"{item}\"] .{class}')")
    };
    let disabled = || {
        page.eval(
            "[...document.querySelectorAll('#q-steps .order-item')].map(li => \
             [li.querySelector('.move-up').disabled, li.querySelector('.move-down').disabled])",
        )
    };
    assert_eq!(disabled(), json!([[true, false], [false, false], [false, true]]));
    page.eval(&format!("{}.focus()", button(1, "move-down")));
    page.press("Space");
    assert_eq!(order(&page), [0, 1, 2]);
    assert_eq!(result(&page, "steps"), "已移到第 2 位");
    assert_eq!(
        classes(&page, "steps"),
        (false, false),
        "moving clears the old grade"
    );
    assert_eq!(
        page.eval(&format!("document.activeElement === {}", button(1, "move-down"))),
        true
    );
    page.press("Enter");
    assert_eq!(order(&page), [0, 2, 1]);
    assert_eq!(result(&page, "steps"), "已移到第 3 位");
    assert_eq!(disabled(), json!([[true, false], [false, false], [false, true]]));
    // Its move-down is disabled now: focus went to its move-up.
    assert_eq!(
        page.eval(&format!("document.activeElement === {}", button(1, "move-up"))),
        true
    );
    page.press("Enter");
    assert_eq!(order(&page), [0, 1, 2]);
    assert_eq!(result(&page, "steps"), "已移到第 2 位");
    check(&page, "steps");
    assert_graded(&page, "steps", true);

    // matching
    check(&page, "moments");
    assert_ungraded(&page, "moments", UNANSWERED);
    set_matching(&page, &["0", "", "2"]);
    check(&page, "moments");
    assert_ungraded(&page, "moments", UNANSWERED);
    set_matching(&page, &["0", "2", "1"]);
    check(&page, "moments");
    assert_graded(&page, "moments", false);
    set_matching(&page, &["0", "1", "2"]);
    check(&page, "moments");
    assert_graded(&page, "moments", true);

    // Enter on an option grades nothing and submits nothing.
    page.eval("document.getElementById('q-ritz-false').focus()");
    page.press("Space");
    assert_ungraded(&page, "ritz", "");
    page.press("Enter");
    assert_ungraded(&page, "ritz", "");
    page.eval("document.getElementById('q-segments-2').focus()");
    page.press("Enter");
    assert_eq!(
        record(&page)["attempts"],
        0,
        "Enter on an option submitted the quiz"
    );
    assert_eq!(page.eval("document.querySelectorAll('.q-mark').length"), 0);

    assert_clean(&page);
}

#[test]
fn submit_restore_retry_and_changed_question() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |_| {});
    let page = browser.page(&site.url("more/quiz.html"), DESKTOP.0, DESKTOP.1);
    let key = page.eval("JSON.parse(document.getElementById('quiz-key').textContent)");
    assert!(key["version"].is_string(), "the key has a version: {key}");
    assert_eq!(record(&page)["questions"], json!({}), "no answers saved yet");

    // Four of seven right: 57% is below the pass mark of 60.
    page.click("#q-nps-formula-0");
    check(&page, "nps-formula");
    page.click("#q-segments-0");
    page.click("#q-segments-2");
    page.click("#q-ritz-true");
    type_answer(&page, "servqual-count", "５");
    set_matching(&page, &["0", "1", "2"]);
    let saved = record(&page);
    assert_eq!(saved["format"], 2);
    assert_eq!(saved["version"], key["version"]);
    let fp = key["questions"][0]["fp"].clone();
    assert_eq!(
        saved["questions"]["nps-formula"],
        json!({ "fp": fp, "answer": "0", "result": true })
    );
    assert_eq!(saved["questions"]["segments"]["answer"], json!(["0", "2"]));
    assert_eq!(saved["questions"]["segments"]["result"], Value::Null);
    assert_eq!(saved["questions"]["servqual-count"]["answer"], "５");
    // One checked answer: the score so far shows at once.
    assert!(text(&page, ".quiz-summary").contains("得分 1 / 7（14%）"));
    assert!(text(&page, ".quiz-summary").contains("已检查 1 / 7 题"));

    page.click(".submit");
    let summary = text(&page, ".quiz-summary");
    assert!(summary.contains("得分 4 / 7（57%）"), "{summary}");
    assert!(summary.contains("✘ 未通过"), "{summary}");
    assert!(summary.contains("已提交 1 次"), "{summary}");
    let links =
        page.eval("[...document.querySelectorAll('.quiz-summary a')].map(a => a.getAttribute('href'))");
    assert_eq!(links, json!(["#q-segments", "#q-nps-compute", "#q-steps"]));
    assert_eq!(page.focused_selector_info(), "div.quiz-summary.is-failed");
    assert_eq!(result(&page, "nps-compute"), NOT_ANSWERED);
    assert_eq!(classes(&page, "nps-compute"), (false, true));
    let revealed = |page: &Page| {
        // The correct answers beside the learner's, part by part.
        assert_eq!(
            marks(page, "segments"),
            json!(["✔ 你的选择，正确", "✔ 正确答案（你没有选）", "✘ 你的选择，不正确"])
        );
        assert_eq!(marks(page, "nps-formula"), json!(["✔ 你的选择，正确"]));
        assert_eq!(
            marks(page, "moments"),
            json!(["✔ 配对正确", "✔ 配对正确", "✔ 配对正确"])
        );
        assert_eq!(
            marks(page, "steps"),
            json!(["✘ 应在第 2 位", "✘ 应在第 1 位", "✔ 位置正确"])
        );
        assert!(!is_hidden(page, "#q-nps-compute .q-solution"));
        assert_eq!(text(page, "#q-nps-compute .q-solution p:last-child").trim(), "30");
        assert!(!is_hidden(page, "#q-steps .q-solution"));
        // Every explanation shows once the answers are revealed.
        assert_eq!(
            page.eval("[...document.querySelectorAll('.explanation')].every(e => !e.hidden)"),
            true
        );
    };
    revealed(&page);
    let saved = record(&page);
    assert_eq!(saved["attempts"], 1);
    assert_eq!(saved["lastScore"], 57);
    assert_eq!(saved["best"], 57);
    assert_eq!(saved["passed"], false);
    assert_eq!(saved["revealed"], true);
    assert_eq!(saved["questions"]["moments"]["result"], true);
    assert_eq!(saved["questions"]["steps"]["result"], false);
    assert_eq!(
        saved["questions"]["nps-compute"],
        json!({ "fp": key["questions"][4]["fp"], "answer": null, "result": false })
    );
    assert!(
        saved["updated"].as_str().is_some_and(|s| s.ends_with('Z')),
        "{saved}"
    );

    // A reload brings answers, results, revealed answers and the summary back.
    page.reload();
    assert_eq!(text(&page, ".quiz-restored"), RESTORED);
    let checked = page.eval("[...document.querySelectorAll('#quiz input:checked')].map(i => i.id)");
    assert_eq!(
        checked,
        json!(["q-nps-formula-0", "q-segments-0", "q-segments-2", "q-ritz-true"])
    );
    assert_eq!(
        page.eval("document.getElementById('q-servqual-count-input').value"),
        "５"
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#q-moments select')].map(s => s.value)"),
        json!(["0", "1", "2"])
    );
    assert_eq!(result(&page, "nps-formula"), CORRECT);
    assert_eq!(result(&page, "segments"), INCORRECT);
    assert!(!is_hidden(&page, "#q-segments .option-feedback[data-option='2']"));
    assert_eq!(result(&page, "nps-compute"), NOT_ANSWERED);
    revealed(&page);
    assert_eq!(
        text(&page, ".quiz-summary"),
        summary,
        "the same summary after a reload"
    );

    // Fix the rest and pass.
    page.click("#q-segments-2");
    assert_eq!(
        marks(&page, "segments"),
        json!([]),
        "a changed answer is no longer marked"
    );
    page.click("#q-segments-1");
    type_answer(&page, "nps-compute", "３０");
    page.click("#q-steps .order-item[data-item='1'] .move-down");
    page.click(".submit");
    let summary = text(&page, ".quiz-summary");
    assert!(summary.contains("得分 7 / 7（100%）"), "{summary}");
    assert!(summary.contains("✔ 已通过"), "{summary}");
    assert!(summary.contains("已提交 2 次"), "{summary}");
    assert_eq!(
        page.eval("document.querySelectorAll('.quiz-summary a').length"),
        0
    );
    let saved = record(&page);
    assert_eq!(
        (saved["attempts"].clone(), saved["best"].clone()),
        (json!(2), json!(100))
    );
    assert_eq!(saved["passed"], true);

    // Retry clears the answers but not the history.
    page.click(".retry");
    assert_eq!(
        page.eval("document.querySelectorAll('#quiz input:checked').length"),
        0
    );
    assert_eq!(
        page.eval("document.getElementById('q-nps-compute-input').value"),
        ""
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#q-moments select')].map(s => s.value)"),
        json!(["", "", ""])
    );
    assert_eq!(
        order(&page),
        [1, 0, 2],
        "ordering back to its (unshuffled) starting order"
    );
    assert_eq!(
        page.eval(
            "[...document.querySelectorAll('.q-result')].every(r => r.textContent === '') && \
             !document.querySelector('.is-correct, .is-incorrect, .q-mark') && \
             [...document.querySelectorAll('.option-feedback, .explanation, .q-solution')].every(f => f.hidden)"
        ),
        true
    );
    let summary = text(&page, ".quiz-summary");
    assert!(summary.contains("最高分 100%"), "the best score stays: {summary}");
    assert!(!summary.contains("得分"), "{summary}");
    assert_eq!(text(&page, ".quiz-restored"), "");
    assert_eq!(page.focused_selector_info(), "input#q-nps-formula-0");
    let saved = record(&page);
    assert_eq!(saved["questions"], json!({}));
    assert_eq!(saved["revealed"], false);
    assert_eq!(
        (saved["best"].clone(), saved["passed"].clone()),
        (json!(100), json!(true))
    );

    // Nothing to restore after a retry.
    page.reload();
    assert_eq!(text(&page, ".quiz-restored"), "");

    // An answer to a question that has changed since is not restored; the
    // others are.
    page.click("#q-nps-formula-2");
    check(&page, "nps-formula");
    page.click("#q-ritz-true");
    page.eval(
        "(() => { const k = 'coursegen:' + document.body.dataset.course + ':quiz:more'; \
         const r = JSON.parse(localStorage.getItem(k)); r.questions['nps-formula'].fp = 'an-older-question'; \
         localStorage.setItem(k, JSON.stringify(r)); })()",
    );
    page.reload();
    assert_eq!(text(&page, ".quiz-restored"), RESTORED);
    assert_eq!(
        page.eval("[...document.querySelectorAll('#quiz input:checked')].map(i => i.id)"),
        json!(["q-ritz-true"])
    );
    assert_ungraded(&page, "nps-formula", "");

    assert_clean(&page);
}

#[test]
fn works_without_storage() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |_| {});
    let page = browser.page("about:blank", DESKTOP.0, DESKTOP.1);
    // Every storage access throws, as in some privacy modes.
    page.cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "Object.defineProperty(window, 'localStorage', { get() { throw new Error('denied'); } });" }),
    );
    page.goto(&site.url("more/quiz.html"));
    page.click("#q-ritz-true");
    check(&page, "ritz");
    assert_graded(&page, "ritz", true);
    page.click(".submit");
    assert!(text(&page, ".quiz-summary").contains("得分 1 / 7（14%）"));
    page.click(".retry");
    let summary = text(&page, ".quiz-summary");
    assert!(
        summary.contains("最高分 14%") && !summary.contains("得分"),
        "{summary}"
    );
    assert_eq!(page.console_errors(), Vec::<String>::new());
}

/// With shuffling on (the default), each attempt has its own order of options,
/// ordering items and matching choices; a reload keeps it, a retry makes a
/// new one, an ordering question never starts solved, every matching select
/// starts empty, and grading follows the option, not its position.
#[test]
fn shuffling_is_per_attempt_and_never_leaves_ordering_solved() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |root| {
        let path = root.join("course/02-more/quiz.yaml");
        let yaml = std::fs::read_to_string(&path).expect("quiz.yaml");
        assert!(yaml.contains("shuffle: false\n"));
        std::fs::write(&path, yaml.replace("shuffle: false\n", "")).expect("write quiz.yaml");
    });
    let page = browser.page(&site.url("more/quiz.html"), DESKTOP.0, DESKTOP.1);
    let options = |page: &Page| {
        page.eval("[...document.querySelectorAll('#q-nps-formula .option input')].map(i => i.value).join('')")
            .as_str()
            .expect("a string")
            .to_string()
    };
    let choices = |page: &Page| {
        page.eval("[...document.querySelectorAll('#q-moments select')].map(s => [...s.options].map(o => o.value).join(''))")
    };
    let mut seen = std::collections::HashSet::new();
    let mut seen_choices = std::collections::HashSet::new();
    for round in 0..10 {
        page.click(".retry");
        let (before, before_order, before_choices) = (options(&page), order(&page), choices(&page));
        page.reload();
        assert_eq!(
            options(&page),
            before,
            "round {round}: a reload keeps this attempt's order"
        );
        assert_eq!(order(&page), before_order, "round {round}");
        assert_eq!(choices(&page), before_choices, "round {round}");
        assert_ne!(order(&page), [0, 1, 2], "round {round}: ordering starts unsolved");
        let mut sorted: Vec<char> = options(&page).chars().collect();
        sorted.sort_unstable();
        assert_eq!(sorted, ['0', '1', '2'], "every option is still there");
        // Each select lists the same shuffled choices after the empty one.
        let c = choices(&page);
        let c = c.as_array().expect("selects");
        assert!(c.iter().all(|x| x == &c[0]), "{c:?}");
        assert!(c[0].as_str().is_some_and(|s| s.len() == 3), "{c:?}");
        assert_eq!(
            page.eval("[...document.querySelectorAll('#q-moments select')].every(s => s.value === '')"),
            true,
            "every select starts empty"
        );
        seen.insert(before);
        seen_choices.insert(c[0].to_string());
    }
    assert!(seen.len() > 1, "the options were never reordered: {seen:?}");
    assert!(
        seen_choices.len() > 1,
        "the matching choices were never reordered"
    );
    // Grading follows the option, not its position.
    page.click("#q-nps-formula-2");
    check(&page, "nps-formula");
    assert_graded(&page, "nps-formula", false);
    assert!(!is_hidden(
        &page,
        "#q-nps-formula .option-feedback[data-option='2']"
    ));
    page.click("#q-nps-formula-0");
    check(&page, "nps-formula");
    assert_graded(&page, "nps-formula", true);
    page.reload();
    assert_eq!(result(&page, "nps-formula"), CORRECT);
    assert_eq!(
        page.eval("document.getElementById('q-nps-formula-0').checked"),
        true
    );
    assert_clean(&page);
}

/// `reveal: after-pass` shows the correct answers only once a submission
/// passes; `reveal: never` never shows them, and the page does not carry
/// them for readers without JavaScript either.
#[test]
fn reveal_after_pass_and_never() {
    let Some(browser) = Browser::launch() else { return };
    for mode in ["after-pass", "never"] {
        let site = build_fixture("basic", |root| {
            let path = root.join("course/02-more/quiz.yaml");
            let yaml = std::fs::read_to_string(&path).expect("quiz.yaml");
            std::fs::write(
                &path,
                yaml.replace("shuffle: false\n", &format!("shuffle: false\nreveal: {mode}\n")),
            )
            .expect("write quiz.yaml");
        });
        let html = std::fs::read_to_string(site.out.join("more/quiz.html")).expect("quiz.html");
        assert_eq!(
            html.contains("answer-key"),
            mode != "never",
            "{mode}: the no-JS answer key"
        );
        assert_eq!(html.contains("q-solution"), mode != "never", "{mode}");
        let page = browser.page(&site.url("more/quiz.html"), DESKTOP.0, DESKTOP.1);
        // A failing submission: no answers shown, and the summary says why.
        page.click("#q-nps-formula-2");
        page.click(".submit");
        let summary = text(&page, ".quiz-summary");
        let note = if mode == "never" {
            "本测验不公布正确答案。"
        } else {
            "通过本测验后，会在每题旁显示正确答案。"
        };
        assert!(summary.contains(note), "{mode}: {summary}");
        assert_eq!(
            page.eval("document.querySelectorAll('.q-mark').length"),
            0,
            "{mode}"
        );
        assert!(
            is_hidden(&page, "#q-nps-formula .explanation"),
            "{mode}: no explanation for a wrong answer"
        );
        assert_eq!(record(&page)["revealed"], false, "{mode}");
        // A passing one.
        page.click(".retry");
        page.click("#q-nps-formula-0");
        page.click("#q-segments-0");
        page.click("#q-segments-1");
        page.click("#q-ritz-true");
        type_answer(&page, "servqual-count", "5");
        type_answer(&page, "nps-compute", "30");
        page.click(".submit");
        assert!(text(&page, ".quiz-summary").contains("✔ 已通过"), "{mode}");
        let shown = page
            .eval("document.querySelectorAll('.q-mark').length")
            .as_u64()
            .unwrap_or(0);
        assert_eq!(shown > 0, mode == "after-pass", "{mode}: {shown} marks");
        assert_eq!(record(&page)["revealed"], mode == "after-pass", "{mode}");
        assert_clean(&page);
    }
}

/// A learner with a keyboard only: Tab to an option, arrows to choose, Space
/// to tick, Enter never submits; Tab to "check" and Enter grades; Tab to the
/// submit button and Enter submits. Focus is always visible.
#[test]
fn keyboard_only() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |_| {});
    let page = browser.page(&site.url("more/quiz.html"), DESKTOP.0, DESKTOP.1);
    let focused = |page: &Page| page.focused_selector_info();
    let outline = |page: &Page| {
        page.eval("getComputedStyle(document.activeElement).outlineStyle !== 'none' || document.activeElement.matches(':focus-visible')")
    };
    page.eval("document.getElementById('quiz').setAttribute('tabindex', '-1'); document.getElementById('quiz').focus()");
    page.press("Tab");
    assert_eq!(
        focused(&page),
        "input#q-nps-formula-0",
        "Tab reaches the first option"
    );
    assert_eq!(outline(&page), true);
    page.press("ArrowDown");
    assert_eq!(focused(&page), "input#q-nps-formula-1");
    assert_eq!(
        page.eval("document.getElementById('q-nps-formula-1').checked"),
        true,
        "arrows choose"
    );
    page.press("ArrowUp");
    assert_eq!(
        page.eval("document.getElementById('q-nps-formula-0').checked"),
        true
    );
    page.press("Enter");
    assert_eq!(
        record(&page)["attempts"],
        0,
        "Enter on a radio button submits nothing"
    );
    assert_eq!(result(&page, "nps-formula"), "", "and grades nothing");
    page.press("Tab");
    assert_eq!(focused(&page), "button.check");
    page.press("Enter");
    assert_graded(&page, "nps-formula", true);
    // The checkboxes (past the link in the explanation that is now shown):
    // Space ticks, Enter does nothing.
    page.press("Tab");
    assert_eq!(focused(&page), "a", "the explanation's link");
    page.press("Tab");
    assert_eq!(focused(&page), "input#q-segments-0");
    page.press("Space");
    page.press("Tab");
    page.press("Space");
    page.press("Enter");
    assert_eq!(
        page.eval(
            "['q-segments-0', 'q-segments-1', 'q-segments-2'].map(id => document.getElementById(id).checked)"
        ),
        json!([true, true, false])
    );
    assert_eq!(record(&page)["attempts"], 0);
    // To the submit button, through every control of the quiz.
    let mut steps = 0;
    while focused(&page) != "button.submit" {
        page.press("Tab");
        steps += 1;
        assert!(
            steps < 60,
            "Tab never reached the submit button (at {})",
            focused(&page)
        );
        assert_eq!(outline(&page), true, "focus is visible on {}", focused(&page));
    }
    page.press("Enter");
    assert_eq!(record(&page)["attempts"], 1, "Enter on the submit button submits");
    assert_eq!(focused(&page), "div.quiz-summary.is-failed");
    assert!(text(&page, ".quiz-summary").contains("得分 2 / 7"));
    assert_clean(&page);
}

#[test]
fn screenshots_of_the_quiz() {
    let Some(browser) = Browser::launch() else { return };
    let site = build_fixture("basic", |_| {});
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    for (name, (w, h)) in [("desktop", DESKTOP), ("phone", PHONE)] {
        for dark in [false, true] {
            let page = browser.page(&site.url("more/quiz.html"), w, h);
            page.emulate_dark(dark);
            // The tabs share localStorage: start each from a clean slate.
            page.eval("localStorage.clear()");
            page.reload();
            page.click("#q-nps-formula-2");
            check(&page, "nps-formula");
            page.click("#q-segments-0");
            page.click("#q-segments-1");
            check(&page, "segments");
            page.click("#q-ritz-false");
            check(&page, "ritz");
            page.eval("document.getElementById('q-nps-formula').scrollIntoView()");
            page.eval("window.scrollBy(0, -70)");
            let theme = if dark { "dark" } else { "light" };
            page.screenshot(dir.join(format!("quiz-{name}-{theme}.png")), false);
            // The lower half: ordering and matching, then the summary.
            page.eval("document.getElementById('q-steps').scrollIntoView()");
            page.eval("window.scrollBy(0, -70)");
            page.screenshot(dir.join(format!("quiz-{name}-{theme}-lower.png")), false);
            page.click(".submit");
            page.screenshot(dir.join(format!("quiz-{name}-{theme}-summary.png")), false);
            // After submitting: the correct answers beside the learner's.
            page.eval("document.getElementById('q-segments').scrollIntoView()");
            page.eval("window.scrollBy(0, -70)");
            page.screenshot(dir.join(format!("quiz-{name}-{theme}-revealed.png")), false);
            page.eval("document.getElementById('q-steps').scrollIntoView()");
            page.eval("window.scrollBy(0, -70)");
            page.screenshot(dir.join(format!("quiz-{name}-{theme}-revealed-lower.png")), false);
            assert_clean(&page);
        }
    }
}
