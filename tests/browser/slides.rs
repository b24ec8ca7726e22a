//! Slide decks and the presenter view in a real browser (the bundled course):
//! no slide overflows its 16:9 frame at 1280×720 or 1920×1080; keys, swipes
//! and the URL's #n move through a deck; the presenter view and the deck stay
//! in step both ways, over HTTP and from file://. Saves screenshots of slides
//! (title, table, chart, callout, code), the overview grid and the presenter
//! view to target/screenshots/.

use crate::support;

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::{Browser, Page, swipe};
use support::http::Server;
use support::site::{bundled, file_url};

const WAIT: Duration = Duration::from_secs(10);

fn modules(site: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(site)
        .expect("built site")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("slides.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

fn ready(page: &Page) {
    page.wait_for("window.coursegenDeck !== undefined", WAIT);
}

fn current(page: &Page) -> i64 {
    page.eval("window.coursegenDeck.current()").as_i64().unwrap_or(0)
}

/// Every slide of every deck, shown one by one: its content's height and
/// width within the frame's.
fn overflowing(page: &Page) -> Value {
    page.eval(
        "(() => { const out = []; const n = window.coursegenDeck.count; \
           for (let i = 1; i <= n; i++) { window.coursegenDeck.go(i); \
             const f = document.querySelector('.slide.is-current .slide-frame'); \
             if (f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1) \
               out.push([i, f.scrollHeight, f.scrollWidth, (f.querySelector('h2, h1') || {}).textContent]); } \
           window.coursegenDeck.go(1); return out; })()",
    )
}

#[test]
fn no_slide_of_the_bundled_course_overflows_at_two_screen_sizes() {
    let Some(browser) = Browser::launch() else { return };
    let site = bundled(false);
    let decks = modules(site);
    assert_eq!(decks.len(), 9, "{decks:?}");
    let mut problems = Vec::new();
    let mut slides = 0;
    for (w, h) in [(1280, 720), (1920, 1080)] {
        for m in &decks {
            let page = browser.page(&file_url(&site.join(m).join("slides.html")), w, h);
            ready(&page);
            slides += page.eval("window.coursegenDeck.count").as_u64().unwrap_or(0);
            let over = overflowing(&page);
            if over.as_array().is_some_and(|a| !a.is_empty()) {
                problems.push(format!("{m} at {w}×{h}: {over}"));
            }
            assert_eq!(page.console_errors(), Vec::<String>::new(), "{m}");
        }
    }
    assert!(slides > 2 * 200, "only {slides} slides");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn keys_swipes_and_the_url_move_through_a_deck() {
    let Some(browser) = Browser::launch() else { return };
    let site = bundled(false);
    let deck = file_url(&site.join("measurement/slides.html"));
    // The URL's #n opens that slide.
    let page = browser.page(&format!("{deck}#5"), 1280, 720);
    ready(&page);
    assert_eq!(current(&page), 5);
    assert_eq!(
        page.eval("document.querySelectorAll('.slide.is-current').length"),
        json!(1)
    );
    let count = page.eval("window.coursegenDeck.count").as_i64().unwrap();
    for (key, expect) in [
        ("ArrowRight", 6),
        ("PageDown", 7),
        ("Space", 8),
        ("ArrowLeft", 7),
        ("PageUp", 6),
        ("End", count),
        ("ArrowRight", count),
        ("Home", 1),
        ("ArrowLeft", 1),
    ] {
        page.press(key);
        assert_eq!(current(&page), expect, "after {key}");
    }
    assert!(page.eval("location.hash").as_str() == Some("#1"));
    page.press("ArrowRight");
    assert_eq!(page.eval("location.hash"), json!("#2"), "the URL names the slide");
    // A title slide, a slide with a table, with a chart, with a callout.
    page.screenshot("target/screenshots/slides-title-1280.png", false);
    for (what, selector) in [
        ("table", "table"),
        ("chart", "figure.chart svg"),
        ("callout", ".callout-tip"),
    ] {
        let n = page.eval(&format!(
            "[...document.querySelectorAll('.slide')].findIndex(s => s.querySelector('.slide-frame > {selector}, .slide-frame > * {selector}')) + 1"
        ));
        let n = n.as_i64().unwrap_or(0);
        assert!(n > 0, "no slide with a {what}");
        page.eval(&format!("window.coursegenDeck.go({n})"));
        page.screenshot(format!("target/screenshots/slides-{what}-1280.png"), false);
    }
    // Overview grid (O), then Enter on a slide chosen by arrow keys... by focus.
    page.press("o");
    assert_eq!(
        page.eval("document.body.classList.contains('is-overview')"),
        json!(true)
    );
    page.screenshot("target/screenshots/slides-overview-1280.png", false);
    page.eval("document.getElementById('3').focus()");
    page.press("Enter");
    assert_eq!(current(&page), 3);
    assert_eq!(
        page.eval("document.body.classList.contains('is-overview')"),
        json!(false)
    );
    // Printed (PDF from the browser): every slide, one to a page, unscaled.
    page.cmd("Emulation.setEmulatedMedia", json!({ "media": "print" }));
    let printed = page.eval(
        "[...document.querySelectorAll('.slide')].map(s => [getComputedStyle(s).display, getComputedStyle(s).breakAfter, \
          getComputedStyle(s.querySelector('.slide-frame')).transform]).filter(([d, b, t]) => d === 'none' || b !== 'page' || t !== 'none').length",
    );
    assert_eq!(printed, json!(0), "slides not printed one to a page");
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('.deck-bar')).display"),
        json!("none")
    );
    page.cmd("Emulation.setEmulatedMedia", json!({ "media": "" }));
    // Black screen (B) and back.
    page.press("b");
    assert_eq!(
        page.eval("document.querySelector('.deck-black').hidden"),
        json!(false)
    );
    page.press("b");
    assert_eq!(
        page.eval("document.querySelector('.deck-black').hidden"),
        json!(true)
    );
    drop(page);

    // Dark theme, and a phone held sideways, by touch.
    let phone = support::browser::phone(&browser, &format!("{deck}#3"), (780, 360));
    ready(&phone);
    assert_eq!(current(&phone), 3);
    swipe(&phone, 600.0, 180.0, -300.0, 0.0);
    phone.wait_for("window.coursegenDeck.current() === 4", WAIT);
    swipe(&phone, 200.0, 180.0, 300.0, 0.0);
    phone.wait_for("window.coursegenDeck.current() === 3", WAIT);
    phone.emulate_dark(true);
    phone.screenshot("target/screenshots/slides-phone-dark.png", false);
    assert_eq!(phone.console_errors(), Vec::<String>::new());
}

/// A code slide: the deck with code is in no bundled module, so a fixture.
#[test]
fn a_code_slide_is_highlighted() {
    let Some(browser) = Browser::launch() else { return };
    let site = support::site::build_fixture("code", |_| {});
    let deck = site.out.join("code/slides.html");
    let page = browser.page(&file_url(&deck), 1280, 720);
    ready(&page);
    let n = page.eval("[...document.querySelectorAll('.slide')].findIndex(s => s.querySelector('pre .hl-kw, pre [class^=hl-]')) + 1");
    let n = n.as_i64().unwrap_or(0);
    assert!(n > 0, "no highlighted code on any slide");
    page.eval(&format!("window.coursegenDeck.go({n})"));
    page.screenshot("target/screenshots/slides-code-1280.png", false);
}

/// Opens the deck, then its presenter view with P; both follow each other.
fn presenter_follows_and_leads(browser: &Browser, deck: &str, what: &str) {
    let page = browser.page(&format!("{deck}#2"), 1280, 720);
    ready(&page);
    page.press("p");
    let presenter = browser
        .wait_for_page("presenter.html", WAIT)
        .expect("P opens the presenter view");
    presenter.wait_for("window.coursegenPresenter !== undefined", WAIT);
    presenter.wait_for("window.coursegenPresenter.current() === 2", WAIT);
    // The deck leads.
    page.press("ArrowRight");
    presenter.wait_for("window.coursegenPresenter.current() === 3", WAIT);
    presenter.wait_for(
        "document.querySelector('.pv-frame-current').getAttribute('src').endsWith('#3') \
         && document.querySelector('.pv-frame-next').getAttribute('src').endsWith('#4')",
        WAIT,
    );
    // The presenter leads.
    presenter.press("ArrowRight");
    presenter.press("ArrowRight");
    // The previews never take the keyboard.
    assert_eq!(
        presenter.eval("document.activeElement.tagName"),
        json!("BODY"),
        "{what}"
    );
    page.wait_for("window.coursegenDeck.current() === 5", WAIT);
    // Notes of the slide shown, and the lesson's time against its plan.
    let visible_notes = presenter
        .eval("[...document.querySelectorAll('.pv-note')].filter(n => !n.hidden).map(n => n.dataset.n)");
    assert_eq!(visible_notes, json!(["5"]), "{what}");
    presenter.wait_for(
        "document.querySelector('.pv-lesson-time').textContent.includes('分钟')",
        WAIT,
    );
    presenter.screenshot(format!("target/screenshots/slides-presenter-{what}.png"), false);
    assert_eq!(presenter.console_errors(), Vec::<String>::new(), "{what}");
    assert_eq!(page.console_errors(), Vec::<String>::new(), "{what}");
}

#[test]
fn the_presenter_view_and_the_deck_stay_in_step_over_http_and_from_file() {
    let Some(browser) = Browser::launch() else { return };
    let site = bundled(false);
    let server = Server::serve(site, "/course/");
    presenter_follows_and_leads(
        &browser,
        &format!("{}concepts/slides.html", server.base_url()),
        "http",
    );
    let Some(browser) = Browser::launch() else { return };
    presenter_follows_and_leads(&browser, &file_url(&site.join("concepts/slides.html")), "file");
}

#[test]
fn trainer_notes_are_shown_in_the_presenter_view_only() {
    let site = bundled(false);
    let presenter = std::fs::read_to_string(site.join("techniques/presenter.html")).unwrap();
    let deck = std::fs::read_to_string(site.join("techniques/slides.html")).unwrap();
    assert!(presenter.contains("class=\"pv-note\""));
    assert!(
        presenter.matches("<li>").count() > 5,
        "notes in the presenter view"
    );
    assert!(!deck.contains("slide-notes"), "no notes on the slides");
}
