//! Role-play scenario pages in a real browser (headless Chromium, see
//! tests/support/browser.rs), on the bundled course's four scenarios:
//! played to every ending by keyboard alone from file:// (focus follows the
//! conversation, new lines go to an aria-live log, the ending shows its
//! rating, debrief and the path taken beside the best path, and the best
//! ending reached is saved); back one step and restart; a reload resumes the
//! play; played by touch on a phone over HTTP under a subpath, light and
//! dark, without sideways scrolling; and without JavaScript the page is the
//! whole script, each reply a link to where it leads. Saves
//! target/screenshots/scenario-*.png for review.
//!
//! Without Chromium each test prints `SKIPPED: chromium not found` and passes,
//! unless COURSEGEN_REQUIRE_BROWSER=1.

use crate::support;

use std::collections::VecDeque;
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::{Browser, Page, phone, tap};
use support::http::Server;
use support::site::{bundled, file_url, js_str};

const DESKTOP: (u32, u32) = (1280, 860);
const PHONE: (u32, u32) = (360, 780);
const WAIT: Duration = Duration::from_secs(10);
const SCENARIOS: [&str; 4] = [
    "techniques/late-delivery.html",
    "techniques/member-leaving.html",
    "core-elements/phone-for-grandma.html",
    "core-elements/seventieth-birthday.html",
];

fn shots() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/target/screenshots"))
}

fn data(page: &Page) -> Value {
    page.eval("JSON.parse(document.getElementById('scenario-data').textContent)")
}

/// The shortest path (choices) from the start to each ending, by index.
fn paths_to_endings(data: &Value) -> Vec<Vec<usize>> {
    let nodes = data["nodes"].as_array().expect("nodes");
    let endings = data["endings"].as_array().expect("endings").len();
    let mut out: Vec<Option<Vec<usize>>> = vec![None; endings];
    let mut seen = vec![false; nodes.len()];
    let start = data["start"].as_u64().expect("start") as usize;
    let mut queue = VecDeque::from([(start, Vec::new())]);
    while let Some((at, path)) = queue.pop_front() {
        if std::mem::replace(&mut seen[at], true) {
            continue;
        }
        for (i, c) in nodes[at]["choices"]
            .as_array()
            .expect("choices")
            .iter()
            .enumerate()
        {
            let mut p = path.clone();
            p.push(i);
            let target = c["next"][1].as_u64().expect("target") as usize;
            match c["next"][0].as_str() {
                Some("ending") if out[target].is_none() => out[target] = Some(p),
                Some("node") => queue.push_back((target, p)),
                _ => {}
            }
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(i, p)| p.unwrap_or_else(|| panic!("ending {i} cannot be reached")))
        .collect()
}

fn focused(page: &Page) -> String {
    page.focused_selector_info()
}

/// Presses Tab until the focus is on `selector` (at most 300 times).
fn tab_to(page: &Page, selector: &str) {
    for _ in 0..300 {
        if page.eval(&format!("document.activeElement.matches({})", js_str(selector))) == true {
            return;
        }
        page.press("Tab");
    }
    panic!("Tab never reached `{selector}`; focus is on {}", focused(page));
}

fn record(page: &Page) -> Value {
    page.eval(
        "JSON.parse(localStorage.getItem('coursegen:' + document.body.dataset.course + ':scenario:' + \
         document.getElementById('scenario').dataset.scenarioId))",
    )
}

fn text(page: &Page, selector: &str) -> String {
    page.eval(&format!(
        "(() => {{ const e = document.querySelector({}); return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null; }})()",
        js_str(selector)
    ))
    .as_str()
    .unwrap_or_else(|| panic!("nothing matches `{selector}`"))
    .to_string()
}

fn count(page: &Page, selector: &str) -> u64 {
    page.eval(&format!("document.querySelectorAll({}).length", js_str(selector)))
        .as_u64()
        .expect("a count")
}

const RANK: [&str; 3] = ["poor", "acceptable", "excellent"];

fn rank(r: &str) -> usize {
    RANK.iter().position(|x| *x == r).expect("a rating")
}

/// Plays `path` from the first choice by keyboard: Tab to the choice, Enter.
/// The focus must land on the next choices after each step.
fn play_by_keyboard(page: &Page, path: &[usize]) {
    for (step, &choice) in path.iter().enumerate() {
        assert_eq!(
            focused(page),
            "button.choice",
            "step {step}: the focus is on the first choice"
        );
        let lines = count(page, ".chat > li");
        for _ in 0..choice {
            page.press("Tab");
        }
        let want = page.eval(&format!(
            "document.querySelectorAll('.choice-list button')[{choice}].textContent"
        ));
        assert_eq!(
            page.eval("document.activeElement.textContent"),
            want,
            "step {step}: Tab moves through the choices"
        );
        page.press("Enter");
        // The reply and its feedback, then the next line (or the ending).
        assert!(
            count(page, ".chat > li") >= lines + 2,
            "step {step}: the reply is added"
        );
    }
}

#[test]
fn every_ending_of_every_scenario_is_reached_by_keyboard_and_the_best_is_saved() {
    let Some(browser) = Browser::launch() else { return };
    let out = bundled(false);
    for (n, rel) in SCENARIOS.iter().enumerate() {
        let page = browser.page(&file_url(&out.join(rel)), DESKTOP.0, DESKTOP.1);
        page.wait_for("!document.querySelector('.scenario-player').hidden", WAIT);
        page.eval("localStorage.clear()");
        page.reload();
        page.wait_for("document.querySelector('.choice-list button')", WAIT);
        assert!(
            page.eval("document.querySelector('.scenario-script').hidden && !document.querySelector('.scenario-player').hidden") == true,
            "{rel}: with JavaScript the conversation replaces the script"
        );
        assert_eq!(
            page.eval("document.querySelector('.chat-log').getAttribute('aria-live')"),
            "polite",
            "{rel}: new lines are announced"
        );
        let d = data(&page);
        let paths = paths_to_endings(&d);
        assert!(paths.len() >= 3, "{rel}: at least three endings");
        let mut best_so_far: Option<usize> = None;
        for (e, path) in paths.iter().enumerate() {
            tab_to(&page, ".scenario-restart");
            page.press("Enter");
            assert_eq!(
                count(&page, ".chat > li"),
                1,
                "{rel}: restart leaves the first line"
            );
            play_by_keyboard(&page, path);
            page.wait_for("!document.querySelector('.scenario-ending').hidden", WAIT);
            assert!(
                page.eval("document.activeElement === document.querySelector('.scenario-ending')") == true,
                "{rel} ending {e}: the focus moves to the ending, not {}",
                focused(&page)
            );
            let rating = d["endings"][e]["rating"].as_str().expect("rating").to_string();
            assert!(
                page.eval(&format!(
                    "document.querySelector('.scenario-ending').classList.contains('rating-{rating}')"
                )) == true,
                "{rel} ending {e}"
            );
            // The rating in words and stars, not only by colour.
            let shown = text(&page, ".ending-rating");
            assert!(shown.contains('★'), "{rel}: {shown}");
            let title = text(
                &page,
                &format!("#e-{} .ending-title", d["endings"][e]["id"].as_str().unwrap()),
            );
            assert_eq!(text(&page, ".ending-name"), title, "{rel} ending {e}");
            assert!(
                !text(&page, ".ending-debrief").is_empty(),
                "{rel} ending {e}: a debrief"
            );
            // The path taken (its steps and the ending), beside the best path.
            assert_eq!(
                count(&page, ".path-yours li.step"),
                path.len() as u64 + 1,
                "{rel} ending {e}: every step taken is listed"
            );
            let same = page.eval("!document.querySelector('.path-same').hidden") == true;
            let best: Vec<usize> = serde_json::from_value(d["best"].clone()).expect("best");
            assert_eq!(same, *path == best, "{rel} ending {e}");
            if !same {
                assert_eq!(count(&page, ".path-best li.step"), best.len() as u64 + 1, "{rel}");
                if n == 0 && rating == "poor" {
                    page.eval("document.querySelector('.paths').scrollIntoView()");
                    page.screenshot(shots().join("scenario-paths-desktop-light.png"), false);
                }
            }
            assert!(
                count(&page, ".path-yours .note-text") >= 1,
                "{rel}: with feedback"
            );
            // The best ending reached is saved.
            best_so_far = Some(best_so_far.map_or(rank(&rating), |b| b.max(rank(&rating))));
            let rec = record(&page);
            assert_eq!(rec["plays"], json!(e + 1), "{rel}: {rec}");
            assert_eq!(
                rank(rec["best"]["rating"].as_str().expect("a best rating")),
                best_so_far.unwrap(),
                "{rel}: {rec}"
            );
            assert!(
                !text(&page, ".scenario-best").is_empty(),
                "{rel}: the best result shows"
            );
            if n == 0 && e == 0 {
                page.eval("document.querySelector('.scenario-ending').scrollIntoView()");
                page.screenshot(shots().join("scenario-ending-desktop-light.png"), false);
            }
        }
        assert_eq!(record(&page)["passed"], json!(true), "{rel}: some ending passes");
        assert!(
            page.console_errors().is_empty(),
            "{rel}: {:?}",
            page.console_errors()
        );
    }
}

#[test]
fn back_one_step_restart_and_a_reload_that_resumes() {
    let Some(browser) = Browser::launch() else { return };
    let out = bundled(false);
    let page = browser.page(&file_url(&out.join(SCENARIOS[0])), DESKTOP.0, DESKTOP.1);
    page.wait_for("!document.querySelector('.scenario-player').hidden", WAIT);
    page.eval("localStorage.clear()");
    page.reload();
    page.wait_for("document.querySelector('.choice-list button')", WAIT);
    assert!(
        page.eval("document.querySelector('.scenario-back').disabled") == true,
        "nothing to go back to"
    );
    tab_to(&page, "button.choice");
    page.press("Enter");
    let after_one = count(&page, ".chat > li");
    assert_eq!(after_one, 4, "first line, reply, feedback, next line");
    assert_eq!(record(&page)["path"], json!([0]));
    // A reload resumes where the learner was.
    page.reload();
    page.wait_for("document.querySelector('.choice-list button')", WAIT);
    assert_eq!(count(&page, ".chat > li"), after_one, "the play is resumed");
    page.wait_for(
        "document.querySelector('.scenario-status').textContent !== ''",
        WAIT,
    );
    // Back one step, by keyboard.
    tab_to(&page, ".scenario-back");
    page.press("Enter");
    assert_eq!(count(&page, ".chat > li"), 1, "back to the first line");
    assert_eq!(
        focused(&page),
        "button.choice",
        "the focus returns to the choices"
    );
    assert_eq!(record(&page)["path"], json!([]));
    page.wait_for(
        "document.querySelector('.scenario-status').textContent !== ''",
        WAIT,
    );
    assert!(page.eval("document.querySelector('.scenario-back').disabled") == true);
    // Enter on a choice chooses it; nothing else is chosen by a stray key.
    page.press("Enter");
    assert_eq!(count(&page, ".chat > li"), 4);
}

#[test]
fn a_scenario_on_a_phone_over_http_under_a_subpath_light_and_dark() {
    let Some(browser) = Browser::launch() else { return };
    let out = bundled(false);
    let server = Server::serve(out, "/course/");
    for dark in [false, true] {
        let url = format!("{}{}", server.base_url(), SCENARIOS[3]);
        let page = phone(&browser, &url, PHONE);
        page.emulate_dark(dark);
        page.wait_for("!document.querySelector('.scenario-player').hidden", WAIT);
        page.eval("localStorage.clear()");
        page.reload();
        page.wait_for("document.querySelector('.choice-list button')", WAIT);
        let best: Vec<usize> = serde_json::from_value(data(&page)["best"].clone()).expect("best");
        for (step, &c) in best.iter().enumerate() {
            let el = format!("document.querySelectorAll('.choice-list button')[{c}]");
            page.eval(&format!("{el}.scrollIntoView({{block: 'center'}})"));
            tap(&page, &el);
            if step == 1 {
                let theme = if dark { "dark" } else { "light" };
                page.screenshot(shots().join(format!("scenario-phone-{theme}.png")), false);
            }
        }
        page.wait_for("!document.querySelector('.scenario-ending').hidden", WAIT);
        assert!(
            page.eval("!document.querySelector('.path-same').hidden") == true,
            "the best path is the one taken"
        );
        assert_eq!(record(&page)["best"]["rating"], "excellent");
        let overflow = page.eval("document.scrollingElement.scrollWidth - innerWidth");
        assert_eq!(overflow, json!(0), "no sideways scrolling on a phone");
        let theme = if dark { "dark" } else { "light" };
        page.eval("document.querySelector('.scenario-ending').scrollIntoView()");
        page.screenshot(shots().join(format!("scenario-ending-phone-{theme}.png")), false);
        page.eval("document.querySelector('.paths').scrollIntoView()");
        page.screenshot(shots().join(format!("scenario-paths-phone-{theme}.png")), false);
        assert!(page.third_party_requests().is_empty());
        assert!(page.console_errors().is_empty(), "{:?}", page.console_errors());
    }
    let page = browser.page(
        &format!("{}{}", server.base_url(), SCENARIOS[0]),
        DESKTOP.0,
        DESKTOP.1,
    );
    page.emulate_dark(true);
    page.wait_for("!document.querySelector('.scenario-player').hidden", WAIT);
    page.eval("localStorage.clear()");
    page.reload();
    page.wait_for("document.querySelector('.choice-list button')", WAIT);
    page.click(".choice-list button");
    page.screenshot(shots().join("scenario-desktop-dark.png"), false);
}

#[test]
fn without_javascript_the_page_is_the_whole_script() {
    let Some(browser) = Browser::launch() else { return };
    let out = bundled(false);
    let page = browser.page("about:blank", DESKTOP.0, DESKTOP.1);
    page.cmd("Emulation.setScriptExecutionDisabled", json!({ "value": true }));
    let url = file_url(&out.join(SCENARIOS[0]));
    page.goto(&url);
    let html = std::fs::read_to_string(out.join(SCENARIOS[0])).expect("the page");
    let nodes = html.matches("<li class=\"script-node").count();
    assert!(nodes >= 8, "every node is in the script");
    let shown = page.eval(
        "(() => { const v = e => !!e && e.getClientRects().length > 0; return [\
         v(document.querySelector('.scenario-script')), v(document.querySelector('.scenario-player')),\
         [...document.querySelectorAll('.script-node')].filter(v).length]; })()",
    );
    assert_eq!(
        shown,
        json!([true, false, nodes]),
        "the script shows, the player does not"
    );
    // Every reply links to a node or an ending of the page.
    let broken = page.eval(
        "[...document.querySelectorAll('.script-choice a')].map(a => a.getAttribute('href'))\
         .filter(h => !h.startsWith('#') || !document.getElementById(h.slice(1)))",
    );
    assert_eq!(broken, json!([]), "every reply links to its target");
    // Following the first reply goes to where it leads.
    let target = page.eval("document.querySelector('.script-choice a').getAttribute('href')");
    tab_to(&page, ".script-choice a");
    page.press("Enter");
    page.wait_for(&format!("location.hash === {}", target), WAIT);
    assert!(
        page.eval(&format!("document.querySelector({}).matches(':target')", target)) == true,
        "the target is the page's :target"
    );
    page.screenshot(shots().join("scenario-nojs-desktop.png"), false);
}

#[test]
fn a_played_scenario_has_no_serious_accessibility_violations() {
    let Some(axe) = crate::a11y::axe_source() else {
        return;
    };
    let Some(browser) = Browser::launch() else { return };
    let out = bundled(false);
    let mut problems = Vec::new();
    for (w, h) in [PHONE, DESKTOP] {
        for dark in [false, true] {
            let page = browser.page(&file_url(&out.join(SCENARIOS[1])), w, h);
            page.emulate_dark(dark);
            page.wait_for("!document.querySelector('.scenario-player').hidden", WAIT);
            page.eval("localStorage.clear()");
            page.reload();
            page.wait_for("document.querySelector('.choice-list button')", WAIT);
            // Mid-conversation, then at an ending.
            page.eval("document.querySelector('.choice-list button').click()");
            for stage in ["playing", "ending"] {
                if stage == "ending" {
                    page.eval(
                        "(() => { for (let i = 0; i < 30 && document.querySelector('.scenario-ending').hidden; i++) \
                         document.querySelector('.choice-list button').click(); })()",
                    );
                }
                page.eval(&axe);
                let result = page.eval(
                    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa'] } })\
                     .then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')\
                     .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))",
                );
                for v in result.as_array().into_iter().flatten() {
                    problems.push(format!("{w}px dark={dark} {stage}: {v}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn search_finds_a_scenario_by_what_is_said_in_it() {
    let Some(browser) = Browser::launch() else { return };
    let out = bundled(false);
    let page = browser.page(&file_url(&out.join("index.html")), DESKTOP.0, DESKTOP.1);
    page.click("#search-input");
    // Said by the customer in the late-delivery scenario only.
    page.type_text("积木");
    page.wait_for(
        "!document.querySelector('.search-popup').hidden && document.querySelectorAll('#search-results [role=option]').length",
        WAIT,
    );
    let hrefs = page.eval(
        "Array.from(document.querySelectorAll('#search-results [role=option]'), o => o.getAttribute('href'))",
    );
    assert!(
        hrefs.as_array().expect("a list").iter().any(|h| h
            .as_str()
            .is_some_and(|h| h.ends_with("techniques/late-delivery.html"))),
        "{hrefs}"
    );
}
