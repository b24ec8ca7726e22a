//! Highlighted code in a real browser (tests/fixtures/code, from file://):
//! the copy button is reached by keyboard, shows its focus, copies the code
//! and announces it; token colours follow the theme and keep AA contrast on
//! the code background; a long line scrolls in its own box, never the page, at
//! 360 px. Saves screenshots of ten languages, light and dark, phone and
//! desktop, to target/screenshots/ for review.

use crate::support;

use std::path::Path;
use std::time::Duration;

use support::browser::{Browser, Page};

const DESKTOP: (u32, u32) = (1280, 860);
const PHONE: (u32, u32) = (360, 780);
const LESSON: &str = "code/languages.html";
const WAIT: Duration = Duration::from_secs(10);

fn assert_clean(page: &Page) {
    assert_eq!(page.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(page.failed_requests(), Vec::<String>::new(), "failed requests");
    assert_eq!(page.third_party_requests(), Vec::<String>::new());
}

#[test]
fn the_copy_button_copies_by_keyboard_and_says_so() {
    let site = support::site::build_fixture("code", |_| {});
    let Some(browser) = Browser::launch() else { return };
    let page = browser.page(&site.url(LESSON), DESKTOP.0, DESKTOP.1);
    page.wait_for("document.querySelectorAll('.code-copy').length > 0", WAIT);
    let counts = page.eval(
        "[document.querySelectorAll('pre').length, document.querySelectorAll('.code-block > .code-tools > button.code-copy[type=button]').length]",
    );
    assert_eq!(counts[0], counts[1], "one copy button per code block: {counts}");
    assert_eq!(
        page.eval("document.querySelector('.code-copy').textContent"),
        "Copy code"
    );
    // Record what is copied (headless Chromium's clipboard is not readable).
    page.eval(
        "window.__copied = []; Object.defineProperty(navigator, 'clipboard', { configurable: true, value: \
         { writeText: t => { window.__copied.push(t); return Promise.resolve(); } } }); true",
    );
    // Tab from the top of the page to the first copy button.
    let mut tabs = 0;
    while !page.focused_selector_info().contains("code-copy") {
        page.press("Tab");
        tabs += 1;
        assert!(tabs < 80, "no copy button in the first 80 tab stops");
    }
    let outline = page.eval("getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth");
    assert_eq!(outline, "solid 3px", "the focused copy button shows its focus");
    page.press("Enter");
    page.wait_for("window.__copied.length === 1", WAIT);
    let copied = page.eval("window.__copied[0]");
    let code = page.eval("document.querySelector('pre code').textContent");
    assert_eq!(copied, code);
    assert!(
        copied
            .as_str()
            .is_some_and(|c| c.starts_with("// Sum the even numbers.\nfn sum_even")),
        "{copied}"
    );
    page.wait_for(
        "document.querySelector('.code-status[role=status][aria-live=polite]').textContent === 'Copied'",
        WAIT,
    );
    assert_eq!(page.eval("document.activeElement.textContent"), "Copied");
    page.wait_for("document.activeElement.textContent === 'Copy code'", WAIT);
    // Space works too, on the next block's button (the code block is a tab
    // stop of its own on the way: it scrolls sideways by keyboard).
    page.press("Tab");
    while !page.focused_selector_info().contains("code-copy") {
        page.press("Tab");
        tabs += 1;
        assert!(tabs < 80, "no second copy button");
    }
    page.press("Space");
    page.wait_for("window.__copied.length === 2", WAIT);
    assert_eq!(
        page.eval("window.__copied[1]"),
        page.eval("document.querySelectorAll('pre code')[1].textContent")
    );
    assert_clean(&page);
}

/// Each token class's colour, the code background, and their contrast ratio.
const COLOURS: &str = r#"(() => {
  const lum = c => {
    const [r, g, b] = c.match(/\d+/g).slice(0, 3).map(v => {
      v = v / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const out = {};
  for (const span of document.querySelectorAll('pre code span[class^="hl-"]')) {
    if (out[span.className]) continue;
    const style = getComputedStyle(span);
    let bg = style.backgroundColor;
    if (bg === 'rgba(0, 0, 0, 0)') bg = getComputedStyle(span.closest('pre')).backgroundColor;
    out[span.className] = [style.color, bg, Math.round(ratio(style.color, bg) * 100) / 100];
  }
  return out;
})()"#;

#[test]
fn token_colours_follow_the_theme_with_enough_contrast() {
    let site = support::site::build_fixture("code", |_| {});
    let Some(browser) = Browser::launch() else { return };
    let page = browser.page(&site.url(LESSON), DESKTOP.0, DESKTOP.1);
    page.emulate_dark(false);
    let light = page.eval(COLOURS);
    page.emulate_dark(true);
    let dark = page.eval(COLOURS);
    let classes = light.as_object().expect("an object");
    assert!(
        classes.len() >= 10,
        "only {} token classes on the page: {light}",
        classes.len()
    );
    for (class, l) in classes {
        let d = &dark[class];
        assert_ne!(l[0], d[0], "{class}: the same colour in light and dark");
        for (scheme, v) in [("light", l), ("dark", d)] {
            let ratio = v[2].as_f64().expect("a ratio");
            assert!(
                ratio >= 4.5,
                "{class} {scheme}: contrast {ratio} ({} on {})",
                v[0],
                v[1]
            );
        }
    }
    // The site's own toggle switches them too, whatever the system says.
    page.emulate_dark(false);
    page.click(".theme-toggle");
    assert_eq!(page.eval(COLOURS), dark);
    assert_clean(&page);
}

#[test]
fn long_code_lines_scroll_in_their_box_not_the_page_on_a_phone() {
    let site = support::site::build_fixture("code", |_| {});
    let Some(browser) = Browser::launch() else { return };
    let page = browser.page(&site.url(LESSON), PHONE.0, PHONE.1);
    page.wait_for("document.querySelectorAll('.code-copy').length > 0", WAIT);
    let widths = page.eval("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
    assert_eq!(
        widths[0], widths[1],
        "the page scrolls sideways at 360 px: {widths}"
    );
    let pre = page.eval("(() => { const p = document.querySelector('pre'); return [p.scrollWidth > p.clientWidth, p.getBoundingClientRect().right <= 360]; })()");
    assert_eq!(
        pre,
        serde_json::json!([true, true]),
        "the long Rust line scrolls inside its block"
    );
    assert_clean(&page);
}

/// A book's listing as mdBook's Rust Book writes it: code inside a raw HTML
/// `<figure>`, whose default margins (40 px each side) took a quarter of a
/// phone's width from the code.
const LISTING: &str = "---\ntitle: Listing\n---\n\nA paragraph before the listing.\n\n\
<figure class=\"listing\" id=\"listing-1-1\">\n<span class=\"file-name\">Filename: src/main.rs</span>\n\n\
```rust\nfn main() {\n    println!(\"Hello, world!\");\n}\n```\n\n\
<figcaption>Listing 1-1: A program that prints a greeting</figcaption>\n</figure>\n";

#[test]
fn a_listing_in_a_raw_html_figure_is_as_wide_as_the_text_on_a_phone() {
    let site = support::site::build_fixture("code", |dir| {
        std::fs::write(dir.join("course/01-code/02-listing.md"), LISTING).expect("write the lesson");
    });
    let Some(browser) = Browser::launch() else { return };
    let page = browser.page(&site.url("code/listing.html"), PHONE.0, PHONE.1);
    let edges = page.eval(
        "(() => { const box = e => { const r = document.querySelector(e).getBoundingClientRect(); return [Math.round(r.left), Math.round(r.right)]; }; \
         const p = [...document.querySelectorAll('main p')].find(p => p.textContent.startsWith('A paragraph')); \
         const r = p.getBoundingClientRect(); return [[Math.round(r.left), Math.round(r.right)], box('figure.listing'), box('figure.listing pre')]; })()",
    );
    assert_eq!(
        edges[1], edges[0],
        "the figure is as wide as the paragraph: {edges}"
    );
    assert_eq!(edges[2], edges[0], "so is its code: {edges}");
    assert_clean(&page);
}

#[test]
fn screenshots_of_highlighted_code() {
    let site = support::site::build_fixture("code", |_| {});
    let Some(browser) = Browser::launch() else { return };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let languages = [
        "rust",
        "python",
        "typescript",
        "java",
        "go",
        "ps1",
        "sql",
        "yaml",
        "html",
        "diff",
    ];
    for (size, (width, height)) in [("phone", PHONE), ("desktop", DESKTOP)] {
        let page = browser.page(&site.url(LESSON), width, height);
        page.wait_for("document.querySelectorAll('.code-copy').length > 0", WAIT);
        for (scheme, dark) in [("light", false), ("dark", true)] {
            page.emulate_dark(dark);
            for lang in languages {
                page.eval(&format!(
                    "document.querySelector('code.language-{lang}').closest('.code-block').scrollIntoView({{ block: 'center' }}); true"
                ));
                page.screenshot(dir.join(format!("code-{lang}-{size}-{scheme}.png")), false);
            }
        }
        assert_clean(&page);
    }
}
