//! What readers of real books expect, in a real browser (tests/fixtures/reader,
//! from file://): maths drawn as MathML (a displayed formula is laid out as
//! maths, centred, and a wide one scrolls in its own box, never the page, at
//! 360 px); a heading's link shows when tabbed to; footnote links go both
//! ways; details and definition lists are styled in both themes. Saves
//! screenshots, light and dark, phone and desktop, to target/screenshots/.

use crate::support;

use std::path::Path;
use std::time::Duration;

use support::browser::{Browser, Page};

const DESKTOP: (u32, u32) = (1280, 860);
const PHONE: (u32, u32) = (360, 780);
const LESSON: &str = "reading/features.html";
const WAIT: Duration = Duration::from_secs(10);

fn assert_clean(page: &Page) {
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(page.failed_requests(), Vec::<String>::new(), "failed requests");
    assert_eq!(page.third_party_requests(), Vec::<String>::new());
}

#[test]
fn maths_is_laid_out_and_wide_formulas_scroll_in_their_box_on_a_phone() {
    let site = support::site::build_fixture("reader", |_| {});
    let Some(browser) = Browser::launch() else { return };
    for (width, height) in [PHONE, DESKTOP] {
        let page = browser.page(&site.url(LESSON), width, height);
        // MathML is laid out as maths: a fraction's numerator sits above its
        // denominator, and a displayed formula is centred in its box.
        let layout = page.eval(
            "(() => { const f = document.querySelector('.math-display mfrac'); \
             const [num, den] = [f.children[0].getBoundingClientRect(), f.children[1].getBoundingClientRect()]; \
             const box = document.querySelector('.math-display').getBoundingClientRect(); \
             const m = document.querySelector('.math-display math').getBoundingClientRect(); \
             return [getComputedStyle(f.closest('math')).display, num.bottom <= den.top + 1, \
                     Math.abs((m.left - box.left) - (box.right - m.right)) < 2]; })()",
        );
        assert_eq!(
            layout,
            serde_json::json!(["block math", true, true]),
            "{width}px: {layout}"
        );
        let widths =
            page.eval("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        assert_eq!(
            widths[0], widths[1],
            "{width}px: the page scrolls sideways: {widths}"
        );
        // The wide CSI formula (the last display) scrolls inside its box on the phone.
        let wide = page.eval(
            "(() => { const all = document.querySelectorAll('.math-display'); const b = all[all.length - 1]; \
             return [b.scrollWidth > b.clientWidth, b.getBoundingClientRect().right <= innerWidth]; })()",
        );
        let scrolls = width == PHONE.0;
        assert_eq!(wide, serde_json::json!([scrolls, true]), "{width}px: {wide}");
        assert_clean(&page);
    }
}

#[test]
fn tabbing_to_a_heading_shows_its_link_and_footnotes_link_both_ways() {
    let site = support::site::build_fixture("reader", |_| {});
    let Some(browser) = Browser::launch() else { return };
    let page = browser.page(&site.url(LESSON), DESKTOP.0, DESKTOP.1);
    let hidden =
        page.eval("getComputedStyle(document.querySelector('#nps-formula .heading-anchor')).opacity");
    assert_eq!(hidden, "0", "the link is hidden until hover or focus");
    let mut tabs = 0;
    while !page.focused_selector_info().contains("heading-anchor") {
        page.press("Tab");
        tabs += 1;
        assert!(tabs < 80, "no heading link in the first 80 tab stops");
    }
    let shown = page.eval(
        "(() => { const a = document.activeElement, s = getComputedStyle(a); \
         return [a.getAttribute('href'), s.opacity, s.outlineStyle, getComputedStyle(a, '::before').content, \
                 a.getAttribute('aria-label'), a.getBoundingClientRect().width > 0]; })()",
    );
    assert_eq!(
        shown,
        serde_json::json!([
            "#nps-formula",
            "1",
            "solid",
            "\"#\"",
            "链接到此节：净推荐值的公式",
            true
        ]),
        "{shown}"
    );
    // Hovering a heading shows its link too.
    let hover = page.eval(
        "(() => { const r = document.querySelector('#脚注').getBoundingClientRect(); return [r.left + 10, r.top + r.height / 2]; })()",
    );
    page.cmd(
        "Input.dispatchMouseEvent",
        serde_json::json!({ "type": "mouseMoved", "x": hover[0], "y": hover[1] }),
    );
    page.wait_for(
        "getComputedStyle(document.querySelector('#脚注 .heading-anchor')).opacity === '1'",
        WAIT,
    );
    // A citation leads to its note, and the note's second link back to the second citation.
    page.click("#fnref-origin-2");
    page.wait_for("location.hash === '#fn-origin'", WAIT);
    page.click("#fn-origin .footnote-backref[data-n='2']");
    page.wait_for("location.hash === '#fnref-origin-2'", WAIT);
    let on_screen = page.eval(
        "(() => { const r = document.getElementById('fnref-origin-2').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()",
    );
    assert_eq!(on_screen, true);
    // Details open by keyboard and show their focus.
    while !page.focused_selector_info().starts_with("summary") {
        page.press("Tab");
        tabs += 1;
        assert!(tabs < 200, "no summary reached by Tab");
    }
    assert_eq!(
        page.eval("getComputedStyle(document.activeElement).outlineStyle"),
        "solid"
    );
    page.press("Enter");
    page.wait_for("document.querySelector('details').open", WAIT);
    assert_clean(&page);
}

#[test]
fn screenshots_of_maths_anchors_footnotes_and_details() {
    let site = support::site::build_fixture("reader", |_| {});
    let Some(browser) = Browser::launch() else { return };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let spots = [
        ("maths", "#nps-formula"),
        ("footnotes", ".footnotes"),
        ("details", "details"),
    ];
    for (size, (width, height)) in [("phone", PHONE), ("desktop", DESKTOP)] {
        let page = browser.page(&site.url(LESSON), width, height);
        page.eval("document.querySelector('details').open = true; true");
        for (scheme, dark) in [("light", false), ("dark", true)] {
            page.emulate_dark(dark);
            for (name, selector) in spots {
                page.eval(&format!(
                    "document.querySelector('{selector}').scrollIntoView({{ block: 'start' }}); scrollBy(0, -150); true"
                ));
                if name == "maths" {
                    // Its heading's link, as a keyboard user sees it.
                    page.eval("document.querySelector('#nps-formula .heading-anchor').focus({ preventScroll: true }); true");
                }
                page.screenshot(dir.join(format!("reader-{name}-{size}-{scheme}.png")), false);
            }
        }
        assert_clean(&page);
    }
}
