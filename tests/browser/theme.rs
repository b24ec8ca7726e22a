//! The default theme in a real browser (headless Chromium, see
//! tests/support/browser.rs): styles and images load from file:// and over
//! HTTP under a sub-path, the pager crosses module boundaries, the theme toggle
//! persists, the phone drawer and the skip link work from the keyboard, and no
//! page makes a third-party request. Also saves screenshots of the theme to
//! target/screenshots/ for review.
//!
//! Without Chromium each test prints `SKIPPED: chromium not found` and passes,
//! unless COURSEGEN_REQUIRE_BROWSER=1.

use crate::support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use support::browser::{Browser, Page};
use support::http::Server;
use support::site::file_url;

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (360, 740);
const WAIT: Duration = Duration::from_secs(10);

/// A 4×4 red PNG.
const SQUARE_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09, 0x29, 0x00,
    0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xb8, 0x60, 0x60, 0x00, 0x47, 0x0c, 0xc4,
    0x71, 0x00, 0xf8, 0x43, 0x13, 0x01, 0x46, 0xe9, 0x46, 0x94, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

const FILES: &[(&str, &str)] = &[
    (
        "course.yaml",
        "title: Theme Test Course\nlanguage: en\ndescription: A small course for browser tests.\n",
    ),
    (
        "introduction.md",
        "---\ntitle: Introduction\nplacement: before\n---\n\n## Welcome\n\n\
         Start with [the first lesson](01-basics/01-first.md).\n",
    ),
    (
        "01-basics/index.md",
        "---\ntitle: Basics\nsummary: The basics.\n---\n\nModule one overview.\n",
    ),
    (
        "01-basics/01-first.md",
        "---\ntitle: First Lesson\n---\n\n## Overview\n\n\
         A picture: ![A red square](../assets/square.png)\n\n\
         > [!TIP]\n> Listen to the customer.\n\n\
         ### Details\n\n| Term | Meaning |\n|------|---------|\n| NPS | Net promoter score |\n\n\
         Next read [the second lesson](02-second.md).\n",
    ),
    (
        "01-basics/02-second.md",
        "---\ntitle: Second Lesson\n---\n\n## Recap\n\n\
         Back to [the first lesson](01-first.md#overview), on to [practice](../02-practice/01-third.md).\n\n\
         ### More\n\nText.\n",
    ),
    (
        "02-practice/index.md",
        "---\ntitle: Practice\nsummary: Practice.\n---\n\nModule two overview.\n",
    ),
    (
        "02-practice/01-third.md",
        "---\ntitle: Third Lesson\n---\n\n## Exercise\n\nText.\n\n### Steps\n\nMore text.\n",
    ),
    (
        "02-practice/02-fourth.md",
        "---\ntitle: Fourth Lesson\n---\n\n## Wrap-up\n\nBack to [the second lesson](../01-basics/02-second.md).\n",
    ),
];

/// A fixture course built into a temporary folder.
struct Site {
    _dir: tempfile::TempDir,
    out: PathBuf,
}

impl Site {
    fn build() -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        let course = dir.path().join("course");
        for (rel, text) in FILES {
            write(&course.join(rel), text.as_bytes());
        }
        write(&course.join("assets/square.png"), SQUARE_PNG);
        let out = dir.path().join("public");
        let opts = coursegen::BuildOptions {
            root: dir.path().to_path_buf(),
            out: Some(out.clone()),
            ..Default::default()
        };
        if let Err(failure) = coursegen::build(&opts) {
            panic!("the fixture course does not build: {:#?}", failure.diagnostics);
        }
        Site { _dir: dir, out }
    }

    /// `file:///…/public/<rel>`.
    fn file_url(&self, rel: &str) -> String {
        let path = self.out.join(rel);
        assert!(path.is_file(), "the build wrote no {rel}");
        file_url(&path)
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write fixture file");
}

/// No errors in the console, no failed and no third-party requests.
fn assert_clean(page: &Page) {
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(
        page.failed_requests(),
        Vec::<String>::new(),
        "failed or third-party requests"
    );
    assert_eq!(
        page.third_party_requests(),
        Vec::<String>::new(),
        "third-party requests"
    );
}

/// The stylesheet applies (body line-height is 1.8 × font-size, the callout is
/// styled) and the lesson image decoded.
fn assert_styled_with_image(page: &Page) {
    let ratio = page
        .eval("(() => { const s = getComputedStyle(document.body); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })()")
        .as_f64()
        .expect("a number");
    assert!(
        (ratio - 1.8).abs() < 0.05,
        "body line-height / font-size = {ratio}, want 1.8: style.css not applied"
    );
    let callout = page.eval("getComputedStyle(document.querySelector('.callout-tip')).borderLeftWidth");
    assert_eq!(callout, "5px", "the TIP callout is styled");
    page.wait_for("document.querySelector('main img').complete", WAIT);
    let width = page.eval("document.querySelector('main img').naturalWidth");
    assert_eq!(width, 4, "the lesson image loaded");
}

/// Follows the pager's "next" link until the page titled `target`, checking
/// that each click lands on the page the link names. Returns the titles seen.
fn follow_next_to(page: &Page, target: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for _ in 0..4 {
        let label = page.eval(
            "(() => { const a = document.querySelector('.pager-next'); if (!a) return null; \
             const c = a.cloneNode(true); c.querySelector('.pager-label')?.remove(); return c.textContent.trim(); })()",
        );
        let Some(next) = label.as_str().map(str::to_string) else {
            panic!(
                "no .pager-next link on {}, after {seen:?}",
                page.eval("location.href")
            );
        };
        page.click(".pager-next");
        let want = serde_json::to_string(&next).expect("a string serializes");
        page.wait_for(
            &format!("document.readyState === 'complete' && document.querySelector('h1')?.textContent.trim() === {want}"),
            WAIT,
        );
        seen.push(next.clone());
        if next == target {
            return seen;
        }
    }
    panic!("the pager never reached `{target}`: {seen:?}");
}

fn title(page: &Page) -> String {
    page.eval("document.title")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn is_visible(page: &Page, selector: &str) -> bool {
    let sel = serde_json::to_string(selector).expect("a string serializes");
    let js = format!(
        "(() => {{ const e = document.querySelector({sel}); if (!e) return false; \
         const r = e.getBoundingClientRect(); \
         return getComputedStyle(e).visibility !== 'hidden' && r.width > 0 && r.height > 0; }})()"
    );
    page.eval(&js) == true
}

#[test]
fn file_url_lesson_has_styles_image_and_pager_crosses_modules() {
    let site = Site::build();
    let Some(browser) = Browser::launch() else { return };
    let page = browser.page(&site.file_url("basics/first.html"), DESKTOP.0, DESKTOP.1);
    assert!(
        title(&page).starts_with("First Lesson"),
        "title: {}",
        title(&page)
    );
    assert_styled_with_image(&page);
    let seen = follow_next_to(&page, "Third Lesson");
    assert_eq!(seen.first().map(String::as_str), Some("Second Lesson"));
    assert!(
        page.eval("location.href")
            .as_str()
            .unwrap_or_default()
            .ends_with("/practice/third.html"),
        "landed on {}",
        page.eval("location.href")
    );
    assert_clean(&page);
}

#[test]
fn http_subpath_lesson_has_styles_image_and_pager_crosses_modules() {
    let site = Site::build();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(&site.out, "/sub/");
    let page = browser.page(
        &format!("{}basics/first.html", server.base_url()),
        DESKTOP.0,
        DESKTOP.1,
    );
    assert!(
        title(&page).starts_with("First Lesson"),
        "title: {}",
        title(&page)
    );
    assert_styled_with_image(&page);
    follow_next_to(&page, "Third Lesson");
    let href = page.eval("location.href");
    assert_eq!(href, format!("{}practice/third.html", server.base_url()));
    assert_clean(&page);
    let not_found: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| !r.ends_with(" 200") && !r.starts_with("GET /favicon.ico "))
        .collect();
    assert_eq!(
        not_found,
        Vec::<String>::new(),
        "requests the server could not answer"
    );
}

#[test]
fn theme_toggle_switches_and_persists() {
    let site = Site::build();
    let Some(browser) = Browser::launch() else { return };
    let page = browser.page(&site.file_url("basics/first.html"), DESKTOP.0, DESKTOP.1);
    page.emulate_dark(false);
    page.reload();
    let state = "[document.documentElement.dataset.theme ?? null, \
                 document.querySelector('.theme-toggle').getAttribute('aria-pressed'), \
                 getComputedStyle(document.body).backgroundColor]";
    assert_eq!(
        page.eval(state),
        serde_json::json!([null, "false", "rgb(255, 255, 255)"])
    );

    page.click(".theme-toggle");
    assert_eq!(
        page.eval(state),
        serde_json::json!(["dark", "true", "rgb(13, 17, 23)"])
    );
    page.reload();
    assert_eq!(
        page.eval(state),
        serde_json::json!(["dark", "true", "rgb(13, 17, 23)"]),
        "after reload"
    );

    page.click(".theme-toggle");
    assert_eq!(
        page.eval(state),
        serde_json::json!(["light", "false", "rgb(255, 255, 255)"])
    );
    page.reload();
    assert_eq!(
        page.eval(state),
        serde_json::json!(["light", "false", "rgb(255, 255, 255)"]),
        "after reload"
    );

    // A stored choice wins over the system preference, both ways.
    page.emulate_dark(true);
    assert_eq!(
        page.eval(state),
        serde_json::json!(["light", "false", "rgb(255, 255, 255)"]),
        "stored light"
    );
    page.eval("localStorage.removeItem('coursegen-theme')");
    page.reload();
    assert_eq!(
        page.eval(state),
        serde_json::json!([null, "true", "rgb(13, 17, 23)"]),
        "system dark"
    );
    page.click(".theme-toggle");
    assert_eq!(
        page.eval(state),
        serde_json::json!(["light", "false", "rgb(255, 255, 255)"])
    );
    assert_clean(&page);
}

#[test]
fn phone_drawer_opens_and_escape_returns_focus() {
    let site = Site::build();
    let Some(browser) = Browser::launch() else { return };
    let page = browser.page(&site.file_url("basics/second.html"), PHONE.0, PHONE.1);
    assert!(
        is_visible(&page, ".nav-toggle"),
        "the menu button shows at phone size"
    );
    assert!(
        !is_visible(&page, "#sidebar"),
        "the sidebar is hidden at phone size"
    );
    let expanded = "document.querySelector('.nav-toggle').getAttribute('aria-expanded')";
    assert_eq!(page.eval(expanded), "false");

    page.click(".nav-toggle");
    assert_eq!(page.eval(expanded), "true");
    assert!(is_visible(&page, "#sidebar"), "the drawer opens");
    assert!(
        page.eval("document.getElementById('sidebar').contains(document.activeElement)") == true,
        "focus moves into the drawer, on {}",
        page.focused_selector_info()
    );
    assert!(
        is_visible(&page, "#sidebar a[aria-current=page]"),
        "the current lesson is listed"
    );

    page.press("Escape");
    assert_eq!(page.eval(expanded), "false");
    assert!(!is_visible(&page, "#sidebar"), "Escape closes the drawer");
    assert_eq!(
        page.focused_selector_info(),
        "button.nav-toggle",
        "focus returns to the menu button"
    );
    assert_clean(&page);
}

#[test]
fn first_tab_reaches_a_visible_skip_link_and_enter_focuses_main() {
    let site = Site::build();
    let Some(browser) = Browser::launch() else { return };
    for (width, height) in [DESKTOP, PHONE] {
        let page = browser.page(&site.file_url("basics/first.html"), width, height);
        page.press("Tab");
        assert_eq!(
            page.focused_selector_info(),
            "a.skip-link",
            "first Tab at {width}px"
        );
        let rect = page.eval(
            "(() => { const r = document.activeElement.getBoundingClientRect(); \
             return [r.top, r.left, r.bottom, r.right]; })()",
        );
        let [top, left, bottom, right] =
            [0, 1, 2, 3].map(|i| rect[i].as_f64().unwrap_or_else(|| panic!("rect {rect}")));
        assert!(
            top >= 0.0
                && left >= 0.0
                && bottom <= f64::from(height)
                && right <= f64::from(width)
                && bottom > top,
            "the focused skip link is on screen at {width}px: top/left/bottom/right = {rect}"
        );
        page.press("Enter");
        page.wait_for(
            "document.activeElement && document.activeElement.id === 'main'",
            WAIT,
        );
        assert_eq!(page.focused_selector_info(), "main#main");
        assert_clean(&page);
    }
}

#[test]
fn screenshots_of_the_theme() {
    let site = Site::build();
    let Some(browser) = Browser::launch() else { return };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    for (name, rel) in [("home", "index.html"), ("lesson", "basics/first.html")] {
        for (size, (width, height)) in [("desktop", DESKTOP), ("phone", PHONE)] {
            let page = browser.page(&site.file_url(rel), width, height);
            for (scheme, dark) in [("light", false), ("dark", true)] {
                page.emulate_dark(dark);
                let bg = page.eval("getComputedStyle(document.body).backgroundColor");
                let want = if dark {
                    "rgb(13, 17, 23)"
                } else {
                    "rgb(255, 255, 255)"
                };
                assert_eq!(
                    bg, want,
                    "{name} {size} {scheme}: background follows the system colour scheme"
                );
                page.screenshot(dir.join(format!("theme-{name}-{size}-{scheme}.png")), true);
            }
            assert_clean(&page);
        }
    }
}

/// The harness itself: errors, third-party requests and timeouts are reported,
/// so `assert_clean` passing above means something.
#[test]
fn harness_reports_errors_and_third_party_requests() {
    let Some(browser) = Browser::launch() else { return };
    let html = "<!doctype html><title>t</title><button hidden id=b>x</button>\
                <img src='https://example.invalid/pixel.png'>\
                <script>console.error('boom')</script><script>throw new Error('late')</script>";
    let page = browser.page(&format!("data:text/html,{}", html.replace('#', "%23")), 400, 300);
    page.wait_for("true", WAIT);
    let errors = page.console_errors();
    assert!(
        errors.iter().any(|e| e.contains("console.error: boom")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.contains("Error: late")), "{errors:?}");
    assert_eq!(
        page.third_party_requests(),
        vec!["https://example.invalid/pixel.png".to_string()]
    );
    assert!(
        page.failed_requests()
            .iter()
            .any(|r| r.starts_with("third-party: https://example.invalid/"))
    );
    let thrown = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| page.eval("null.x")));
    assert!(thrown.is_err(), "a JavaScript exception panics");
    let timed_out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        page.wait_for("false", Duration::from_millis(200))
    }));
    assert!(timed_out.is_err(), "wait_for panics after its timeout");
    let hidden = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| page.click("#b")));
    assert!(hidden.is_err(), "clicking a hidden element panics");
    assert_eq!(page.eval("1 + 1"), 2, "the page still answers after those panics");
}
