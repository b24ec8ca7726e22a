//! axe-core (the accessibility engine behind Lighthouse) over the bundled
//! course in headless Chromium, light and dark, desktop and phone: no serious
//! or critical WCAG 2.1 A/AA violation on any kind of page. Also the lesson of
//! tests/fixtures/code, whose highlighted code (token colours) and copy
//! buttons the bundled course does not have, and of tests/fixtures/reader
//! (maths, footnotes, heading and image links, details, definition lists).
//!
//! axe-core comes from npm: `.ci/run` installs it into target/axe; elsewhere
//! set COURSEGEN_AXE to an axe.min.js. Without it (or without Chromium) the
//! test prints SKIPPED, unless COURSEGEN_REQUIRE_BROWSER=1.

use crate::support;

use std::path::{Path, PathBuf};

use support::browser::Browser;

pub(crate) fn axe_source() -> Option<String> {
    let path = std::env::var_os("COURSEGEN_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) if std::env::var("COURSEGEN_REQUIRE_BROWSER").as_deref() == Ok("1") => {
            panic!(
                "axe-core not found at {} ({e}); run `npm install --prefix target/axe axe-core@4`",
                path.display()
            )
        }
        Err(_) => {
            eprintln!("SKIPPED: axe-core not found at {}", path.display());
            None
        }
    }
}

/// Both themes at one size; the two sizes run as two tests, side by side.
fn no_serious_violations_at(w: u32, h: u32) {
    let Some(axe) = axe_source() else { return };
    let Some(browser) = Browser::launch() else { return };
    let out = crate::support::site::bundled(false);
    let code = crate::support::site::build_fixture("code", |_| {});
    let reader = crate::support::site::build_fixture("reader", |_| {});
    let pages = [
        "index.html",
        "introduction.html",
        "concepts/index.html",
        "measurement/nps.html",
        "challenges/staff-turnover.html",
        "measurement/quiz.html",
        "glossary.html",
        "progress.html",
        "calculator.html",
        "404.html",
        "code/languages.html",
        "reading/features.html",
        "measurement/slides.html#4",
        "techniques/presenter.html#3",
    ];
    let mut problems = Vec::new();
    {
        for dark in [false, true] {
            for page_path in pages {
                let site = if page_path.starts_with("code/") {
                    &code.out
                } else if page_path.starts_with("reading/") {
                    &reader.out
                } else {
                    out
                };
                let url = format!("file://{}", site.join(page_path).display());
                let page = browser.page(&url, w, h);
                page.emulate_dark(dark);
                page.eval(&axe);
                let result = page.eval(
                    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa'] } })\
                     .then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')\
                     .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))",
                );
                for v in result.as_array().into_iter().flatten() {
                    problems.push(format!(
                        "{page_path} {w}px {}: {}",
                        if dark { "dark" } else { "light" },
                        v
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn bundled_course_on_a_desktop_has_no_serious_accessibility_violations() {
    no_serious_violations_at(1280, 900);
}

#[test]
fn bundled_course_on_a_phone_has_no_serious_accessibility_violations() {
    no_serious_violations_at(360, 740);
}
