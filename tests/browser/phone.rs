//! The bundled course on a phone (360×780, touch) and on a desktop
//! (1280×860) in headless Chromium, over HTTP under a sub-path and from
//! `file://`: the course menu reaches its last link by swiping while the page
//! behind stays put, keeps focus, and closes on Esc and on choosing a link;
//! charts, tables, quotation marks and the search hint are readable; search
//! waits for an IME to commit; the 404 page works two folders deep; a lesson's
//! first visit stays small. Saves screenshots to target/screenshots/.
//!
//! Without Chromium each test prints `SKIPPED: chromium not found` and passes,
//! unless COURSEGEN_REQUIRE_BROWSER=1.

use crate::support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::{Browser, Page, on_screen, phone, swipe, tap};
use support::http::Server;
use support::site::{file_url, js_str};

const PHONE: (u32, u32) = (360, 780);
const DESKTOP: (u32, u32) = (1280, 860);
const WAIT: Duration = Duration::from_secs(10);
/// A first-module lesson: its menu opens near the top, far from the last link.
const LESSON: &str = "concepts/definition.html";

/// The bundled course, built once for the whole binary.
fn site() -> &'static Path {
    crate::support::site::bundled(false)
}

fn shots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}

fn num(v: Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// `document.querySelector(selector)` as JavaScript.
fn q(selector: &str) -> String {
    format!("document.querySelector({})", js_str(selector))
}

/// Presses Tab, with Shift when `back`.
fn tab(page: &Page, back: bool) {
    let m = if back { 8 } else { 0 };
    for kind in ["rawKeyDown", "keyUp"] {
        page.cmd(
            "Input.dispatchKeyEvent",
            json!({ "type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9, "modifiers": m }),
        );
    }
}

const MENU_OPEN: &str = "document.getElementById('sidebar').classList.contains('is-open') \
    && document.documentElement.classList.contains('nav-open') \
    && document.querySelector('.nav-toggle').getAttribute('aria-expanded') === 'true'";
const MENU_CLOSED: &str = "!document.getElementById('sidebar').classList.contains('is-open') \
    && !document.documentElement.classList.contains('nav-open') \
    && document.querySelector('.nav-toggle').getAttribute('aria-expanded') === 'false' \
    && !document.querySelector('main').inert";
/// The menu's last link, as JavaScript.
const LAST_LINK: &str = "[...document.querySelectorAll('#sidebar a[href]')].pop()";

/// The phone journey through the course menu, from `base` (ending in `/`).
fn menu_journey(browser: &Browser, base: &str, label: &str) {
    let page = phone(browser, &format!("{base}{LESSON}"), PHONE);
    page.eval("window.scrollTo(0, 400)");
    page.wait_for("window.scrollY > 300", WAIT);
    let scroll = page.eval("window.scrollY");
    let last_href = page.eval(&format!("{LAST_LINK}.getAttribute('href')"));
    assert!(
        last_href.as_str().is_some_and(|h| h.ends_with("calculator.html")),
        "the menu's last link is the calculator: {last_href}"
    );

    tap(&page, &q(".nav-toggle"));
    page.wait_for(MENU_OPEN, WAIT);
    let (top, header) = (
        num(page.eval("document.getElementById('sidebar').getBoundingClientRect().top")),
        num(page.eval("document.querySelector('.site-header').getBoundingClientRect().bottom")),
    );
    assert!(
        top >= header - 0.5 && top <= header + 1.5,
        "{label}: the menu starts below the header ({top} vs {header})"
    );
    assert!(header > 80.0, "the phone header has two rows (search below)");
    assert!(
        on_screen(&page, &q("#sidebar a")),
        "{label}: the first menu link is on screen, not under the header"
    );
    assert!(
        page.eval("document.getElementById('sidebar').contains(document.activeElement)") == true,
        "{label}: focus is in the menu"
    );
    assert!(
        !on_screen(&page, LAST_LINK),
        "{label}: the last link starts off screen"
    );
    page.screenshot(shots().join(format!("phone-menu-{label}-opened.png")), false);

    let mut swipes = 0;
    while !on_screen(&page, LAST_LINK) {
        assert!(
            swipes < 20,
            "{label}: 20 swipes did not bring the last link on screen: {}",
            page.eval(&format!(
                "(() => {{ const e = {LAST_LINK}, r = e.getBoundingClientRect(), s = document.getElementById('sidebar');\
                 const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);\
                 return {{ top: r.top, bottom: r.bottom, scrollTop: s.scrollTop, scrollHeight: s.scrollHeight,\
                 clientHeight: s.clientHeight, hit: hit && hit.outerHTML.slice(0, 100), scrollY }}; }})()"
            ))
        );
        swipe(&page, 180.0, 700.0, 0.0, -450.0);
        swipes += 1;
    }
    assert!(
        swipes >= 2,
        "{label}: the menu was long enough to need swiping ({swipes})"
    );
    assert!(num(page.eval("document.getElementById('sidebar').scrollTop")) > 500.0);
    assert_eq!(
        page.eval("window.scrollY"),
        scroll,
        "{label}: the page behind did not scroll"
    );
    // A swipe on the header (the page's own) does not move the page either,
    // nor does one past the end of the menu.
    swipe(&page, 300.0, 40.0, 0.0, -300.0);
    swipe(&page, 180.0, 700.0, 0.0, -450.0);
    assert_eq!(
        page.eval("window.scrollY"),
        scroll,
        "{label}: the page behind did not scroll"
    );
    assert!(
        on_screen(&page, LAST_LINK),
        "{label}: the last link stays on screen"
    );
    for dark in [false, true] {
        page.emulate_dark(dark);
        let theme = if dark { "dark" } else { "light" };
        page.screenshot(shots().join(format!("phone-menu-{label}-{theme}.png")), false);
    }
    page.emulate_dark(false);

    // Tab goes round the menu's links and the menu button, both ways.
    let links = page
        .eval("document.querySelectorAll('#sidebar a[href]').length")
        .as_u64()
        .unwrap();
    assert!(links > 60, "{links} links");
    page.eval(&format!("{LAST_LINK}.focus()"));
    tab(&page, false);
    assert_eq!(
        page.focused_selector_info(),
        "button.nav-toggle",
        "{label}: Tab after the last link"
    );
    tab(&page, false);
    assert!(
        page.eval("document.activeElement === document.querySelector('#sidebar a')") == true,
        "{label}: Tab after the menu button goes to the first link, not to {}",
        page.focused_selector_info()
    );
    tab(&page, true);
    tab(&page, true);
    assert!(
        page.eval(&format!("document.activeElement === {LAST_LINK}")) == true,
        "{label}: Shift+Tab goes back round to the last link, not to {}",
        page.focused_selector_info()
    );
    for _ in 0..links + 2 {
        tab(&page, false);
        let inside = page.eval(
            "document.getElementById('sidebar').contains(document.activeElement) \
             || document.activeElement === document.querySelector('.nav-toggle')",
        );
        assert!(
            inside == true,
            "{label}: Tab left the menu for {}",
            page.focused_selector_info()
        );
    }

    // Esc closes it and gives focus back to the button; the page scrolls again.
    page.press("Escape");
    page.wait_for(MENU_CLOSED, WAIT);
    assert_eq!(
        page.focused_selector_info(),
        "button.nav-toggle",
        "{label}: focus after Esc"
    );
    assert_eq!(page.eval("window.scrollY"), scroll);
    swipe(&page, 180.0, 600.0, 0.0, -300.0);
    assert!(
        num(page.eval("window.scrollY")) > num(scroll.clone()) + 100.0,
        "{label}: with the menu closed the page scrolls"
    );

    // Choosing a place on this page closes the menu and shows it below the header.
    tap(&page, &q(".nav-toggle"));
    page.wait_for(MENU_OPEN, WAIT);
    let heading = page.eval("document.querySelector('main h2[id]').id");
    let heading = heading.as_str().expect("the lesson has an h2 with an id");
    page.eval(&format!(
        "(() => {{ const a = document.createElement('a'); a.id = 'anchor-test'; a.href = '#' + {h}; a.textContent = 'anchor';\
         const li = document.createElement('li'); li.appendChild(a);\
         const s = document.getElementById('sidebar'); s.querySelector('ul').prepend(li); s.scrollTop = 0; }})()",
        h = js_str(heading)
    ));
    tap(&page, &q("#anchor-test"));
    page.wait_for(MENU_CLOSED, WAIT);
    page.wait_for(
        &format!("decodeURIComponent(location.hash) === '#' + {}", js_str(heading)),
        WAIT,
    );
    assert!(
        on_screen(&page, &format!("document.getElementById({})", js_str(heading))),
        "{label}: the chosen heading shows below the header"
    );

    // Choosing a page closes the menu; coming back, it is still closed.
    tap(&page, &q(".nav-toggle"));
    page.wait_for(MENU_OPEN, WAIT);
    let next = "#sidebar a[href$='importance.html']";
    page.eval(&format!(
        "document.getElementById('sidebar').scrollTop = 0; document.querySelector({}).scrollIntoView({{ block: 'center' }})",
        js_str(next)
    ));
    tap(&page, &q(next));
    page.wait_for(
        "location.pathname.endsWith('importance.html') && document.readyState === 'complete'",
        WAIT,
    );
    page.wait_for(MENU_CLOSED, WAIT);
    page.eval("history.back()");
    page.wait_for(
        "location.pathname.endsWith('definition.html') && document.readyState === 'complete'",
        WAIT,
    );
    page.wait_for(MENU_CLOSED, WAIT);
    assert_eq!(
        page.console_errors(),
        Vec::<String>::new(),
        "{label}: console errors"
    );
    assert_eq!(
        page.failed_requests(),
        Vec::<String>::new(),
        "{label}: failed requests"
    );
}

#[test]
fn phone_menu_reaches_its_last_link_and_keeps_the_page_still() {
    let out = site();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(out, "/sub/");
    menu_journey(&browser, server.base_url(), "http");
    menu_journey(&browser, &format!("{}/", file_url(out)), "file");
}

#[test]
fn desktop_sidebar_still_sticks_scrolls_and_lets_focus_go() {
    let out = site();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(out, "/sub/");
    for base in [server.base_url().to_string(), format!("{}/", file_url(out))] {
        let page = browser.page(&format!("{base}{LESSON}"), DESKTOP.0, DESKTOP.1);
        let state = page.eval(
            "(() => { const s = document.getElementById('sidebar'), r = s.getBoundingClientRect();\
             return [getComputedStyle(document.querySelector('.nav-toggle')).display, getComputedStyle(s).position,\
             r.width > 200, r.bottom <= innerHeight + 1, s.scrollHeight > s.clientHeight]; })()",
        );
        assert_eq!(state, json!(["none", "sticky", true, true, true]), "{base}");
        // The page scrolls under a sidebar that stays; the sidebar scrolls by itself.
        let top = page.eval("document.getElementById('sidebar').getBoundingClientRect().top");
        page.cmd(
            "Input.dispatchMouseEvent",
            json!({ "type": "mouseWheel", "x": 700, "y": 500, "deltaX": 0, "deltaY": 600 }),
        );
        page.wait_for("window.scrollY > 300", WAIT);
        let now = page.eval("document.getElementById('sidebar').getBoundingClientRect().top");
        assert!(
            (num(now.clone()) - num(top.clone())).abs() < 2.0,
            "the sidebar stays in place: {top} then {now}"
        );
        page.cmd(
            "Input.dispatchMouseEvent",
            json!({ "type": "mouseWheel", "x": 120, "y": 500, "deltaX": 0, "deltaY": 600 }),
        );
        page.wait_for("document.getElementById('sidebar').scrollTop > 300", WAIT);
        // No trap: Tab from the last sidebar link goes on into the page.
        page.eval(&format!("{LAST_LINK}.focus()"));
        tab(&page, false);
        assert!(
            page.eval("document.getElementById('sidebar').contains(document.activeElement)") == false,
            "Tab leaves the sidebar at desktop size"
        );
        page.screenshot(shots().join("desktop-lesson.png"), false);
        page.click("#sidebar a[href$='importance.html']");
        page.wait_for("location.pathname.endsWith('importance.html')", WAIT);
        assert_eq!(page.console_errors(), Vec::<String>::new());
        assert_eq!(page.failed_requests(), Vec::<String>::new());
    }
    // A menu left open on a phone closes when the window grows to desktop size.
    let page = phone(&browser, &format!("{}{LESSON}", server.base_url()), PHONE);
    tap(&page, &q(".nav-toggle"));
    page.wait_for(MENU_OPEN, WAIT);
    page.cmd(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": DESKTOP.0, "height": DESKTOP.1, "deviceScaleFactor": 1, "mobile": false }),
    );
    page.wait_for(MENU_CLOSED, WAIT);
}

/// Every chart's text, as drawn, at the size of `page`: the smallest font
/// size in CSS pixels, and pairs of labels whose boxes overlap.
fn chart_text(page: &Page) -> (f64, Vec<String>) {
    let v = page.eval(
        "(() => { let min = 1e9; const overlaps = [];\
         for (const svg of document.querySelectorAll('.chart-svg')) {\
           const scale = svg.getScreenCTM().a, boxes = [];\
           for (const t of svg.querySelectorAll('text')) {\
             min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);\
             const r = t.getBoundingClientRect();\
             for (const [o, q] of boxes) if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1)\
               overlaps.push(o + ' / ' + t.textContent);\
             boxes.push([t.textContent, r]); } }\
         return [min, overlaps]; })()",
    );
    let overlaps = v[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_string())
        .collect();
    (num(v[0].clone()), overlaps)
}

#[test]
fn charts_tables_quotes_and_the_search_hint_read_well_on_a_phone() {
    let out = site();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(out, "/sub/");
    let base = server.base_url();
    let chart_pages: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|s| s.contains("class=\"chart-svg\"")))
        .map(|e| e.path().strip_prefix(out).unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(chart_pages.len() >= 8, "{chart_pages:?}");
    for rel in &chart_pages {
        for (w, h) in [PHONE, DESKTOP] {
            let page = browser.page(&format!("{base}{rel}"), w, h);
            let (min, overlaps) = chart_text(&page);
            assert!(min >= 12.0, "{rel} at {w}px: chart text drawn at {min:.2} px");
            assert!(min <= 20.0, "{rel} at {w}px: chart text drawn at {min:.2} px");
            assert_eq!(
                overlaps,
                Vec::<String>::new(),
                "{rel} at {w}px: chart labels overlap"
            );
        }
    }
    let page = phone(&browser, &format!("{base}technology/self-service.html"), PHONE);
    let (min, _) = chart_text(&page);
    eprintln!("chart text at 360 px: {min:.2} CSS px");
    page.eval("(() => { const c = document.querySelector('.chart'); window.scrollTo(0, c.getBoundingClientRect().top + scrollY - 120); })()");
    page.screenshot(shots().join("phone-chart.png"), false);
    page.emulate_dark(true);
    page.screenshot(shots().join("phone-chart-dark.png"), false);
    page.emulate_dark(false);

    // Headings wrap in balanced lines: no "小 / 测" with one word alone.
    for module in [
        "concepts",
        "core-elements",
        "techniques",
        "culture",
        "measurement",
        "technology",
        "cases",
        "challenges",
        "trends",
    ] {
        let page = browser.page(&format!("{base}{module}/quiz.html"), PHONE.0, PHONE.1);
        let lines = page.eval(
            "(() => { const h = document.querySelector('h1'), lines = new Map();\
             const w = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);\
             for (let t = w.nextNode(); t; t = w.nextNode()) for (let i = 0; i < t.length; i++) {\
               const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);\
               const box = r.getClientRects()[0]; if (!box || !t.data[i].trim()) continue;\
               const y = Math.round(box.top); lines.set(y, (lines.get(y) || '') + t.data[i]); }\
             return [...lines.values()]; })()",
        );
        let lines: Vec<&str> = lines
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            lines.iter().all(|l| l.chars().count() >= 3),
            "{module}/quiz.html: a heading line nearly alone at 360 px: {lines:?}"
        );
    }

    // The widest table scrolls sideways in its own box; the page does not,
    // and its cells wrap at phrases, not one character a line.
    let page = phone(&browser, &format!("{base}cases/consumer-brands.html"), PHONE);
    let wrap = "document.querySelector('.table-wrap')";
    page.eval(&format!(
        "window.scrollTo(0, {wrap}.getBoundingClientRect().top + scrollY - 120)"
    ));
    let sizes = page.eval(&format!(
        "[{wrap}.scrollWidth, {wrap}.clientWidth, document.documentElement.scrollWidth, innerWidth]"
    ));
    let s: Vec<f64> = sizes.as_array().unwrap().iter().map(|v| num(v.clone())).collect();
    assert!(s[0] > s[1] + 50.0, "the table is wider than its box: {sizes}");
    assert!(s[2] <= s[3], "the page itself does not scroll sideways: {sizes}");
    let per_line = page.eval(
        "(() => { let worst = 1e9, cell = '';\
         for (const td of document.querySelectorAll('.table-wrap td, .table-wrap th')) {\
           const text = td.textContent.trim(), n = [...text].length; if (n < 4) continue;\
           const range = document.createRange(); range.selectNodeContents(td);\
           const lines = new Set([...range.getClientRects()].map(r => Math.round(r.bottom))).size;\
           if (n / lines < worst) { worst = n / lines; cell = text; } }\
         return [worst, cell]; })()",
    );
    assert!(
        num(per_line[0].clone()) >= 3.0,
        "a table cell wraps nearly a character a line: {per_line}"
    );
    page.screenshot(shots().join("phone-table.png"), false);
    let y = num(page.eval(&format!(
        "{wrap}.getBoundingClientRect().top + {wrap}.getBoundingClientRect().height / 2"
    )));
    swipe(&page, 300.0, y.min(700.0), -250.0, 0.0);
    page.wait_for(&format!("{wrap}.scrollLeft > 100"), WAIT);
    assert_eq!(
        page.eval("window.scrollX"),
        0,
        "the swipe scrolled the table, not the page"
    );
    page.screenshot(shots().join("phone-table-swiped.png"), false);

    // Chinese quotation marks are drawn full width, from the CJK font.
    let widths = page.eval(
        "(() => { const p = document.querySelector('main p'), s = document.createElement('span');\
         const w = t => { s.textContent = t; p.appendChild(s); const x = s.getBoundingClientRect().width; s.remove(); return x; };\
         return [w('“'), w('”'), w('中'), w('——')]; })()",
    );
    let w: Vec<f64> = widths
        .as_array()
        .unwrap()
        .iter()
        .map(|v| num(v.clone()))
        .collect();
    assert!(
        w[0] >= 0.9 * w[2] && w[1] >= 0.9 * w[2] && w[3] >= 1.8 * w[2],
        "quotation marks and dashes as wide as a CJK character: {widths}"
    );

    // The search hint has 4.5:1 contrast on the box, light and dark.
    for dark in [false, true] {
        page.emulate_dark(dark);
        let ratio = page.eval(
            "(() => { const i = document.getElementById('search-input');\
             const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);\
             const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };\
             const ps = getComputedStyle(i, '::placeholder');\
             if (parseFloat(ps.opacity) < 1) return 0;\
             const a = lum(ps.color), b = lum(getComputedStyle(i).backgroundColor);\
             return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); })()",
        );
        assert!(
            num(ratio.clone()) >= 4.5,
            "search hint contrast {ratio} (dark: {dark})"
        );
    }
    page.emulate_dark(false);
    assert_eq!(page.console_errors(), Vec::<String>::new());
}

#[test]
fn search_waits_for_the_ime_to_commit() {
    let out = site();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(out, "/sub/");
    let page = browser.page(&format!("{}{LESSON}", server.base_url()), DESKTOP.0, DESKTOP.1);
    page.click("#search-input");
    page.wait_for("window.__coursegenSearch.store.m", WAIT);
    let shown = "[document.querySelector('.search-popup').hidden, document.querySelector('.search-status').textContent]";
    // Pinyin typed into an IME: composition events, input events marked isComposing.
    page.eval(
        "(() => { const i = document.getElementById('search-input');\
         i.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));\
         for (const v of ['m', 'man', 'many']) { i.value = v;\
           i.dispatchEvent(new CompositionEvent('compositionupdate', { data: v }));\
           i.dispatchEvent(new InputEvent('input', { data: v, isComposing: true, inputType: 'insertCompositionText' })); } })()",
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(page.eval(shown), json!([true, ""]), "no search on pinyin");
    // The IME commits 满意: one search, for it.
    page.eval(
        "(() => { const i = document.getElementById('search-input'); i.value = '满意';\
         i.dispatchEvent(new InputEvent('input', { data: '满意', isComposing: true, inputType: 'insertCompositionText' }));\
         i.dispatchEvent(new CompositionEvent('compositionend', { data: '满意' })); })()",
    );
    page.wait_for(
        "document.querySelectorAll('#search-results [role=option]').length > 0",
        WAIT,
    );
    assert!(
        page.eval("document.querySelector('.search-status').textContent")
            .as_str()
            .unwrap_or("")
            .contains('条'),
        "the result count is announced"
    );
    // The same through Chromium's own IME input: composing, then committing.
    page.eval("(() => { const i = document.getElementById('search-input'); i.value = ''; i.dispatchEvent(new Event('input')); })()");
    page.wait_for("document.querySelector('.search-popup').hidden", WAIT);
    page.cmd(
        "Input.imeSetComposition",
        json!({ "text": "fuwu", "selectionStart": 4, "selectionEnd": 4 }),
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(page.eval("document.getElementById('search-input').value"), "fuwu");
    assert_eq!(page.eval(shown), json!([true, ""]), "no search while composing");
    page.type_text("服务");
    page.wait_for(
        "document.getElementById('search-input').value === '服务' && document.querySelectorAll('#search-results [role=option]').length > 0",
        WAIT,
    );
    assert_eq!(page.console_errors(), Vec::<String>::new());
}

/// The 404 page as a static host serves it for `path` (under the server's
/// prefix): styled, its links and search pointing at the site root.
fn assert_404_works(page: &Page, root: &str, label: &str) {
    page.wait_for(
        "getComputedStyle(document.querySelector('.site-header')).position === 'sticky' && window.__coursegenSearch",
        WAIT,
    );
    assert_eq!(
        page.eval("document.querySelector('h1').textContent"),
        "页面未找到"
    );
    assert_eq!(
        page.eval("document.getElementById('sidebar').hidden"),
        false,
        "{label}: the course menu is there"
    );
    let hrefs = page.eval(
        "[document.querySelector('.site-title').href, document.querySelector('main .button').href,\
          document.querySelector('#sidebar a[href$=\"glossary.html\"]').href, document.querySelector('form.search').dataset.index]",
    );
    assert_eq!(
        hrefs,
        json!([
            format!("{root}index.html"),
            format!("{root}index.html"),
            format!("{root}glossary.html"),
            format!("{root}static/search/")
        ]),
        "{label}"
    );
    // Search works from here, and its results lead into the site.
    page.click("#search-input");
    page.type_text("满意度");
    page.wait_for(
        "document.querySelectorAll('#search-results [role=option]').length > 0",
        WAIT,
    );
    let first = page.eval("document.querySelector('#search-results [role=option]').href");
    assert!(
        first.as_str().is_some_and(|h| h.starts_with(root)),
        "{label}: a search result links into the site: {first}"
    );
    page.press("Escape");
    page.wait_for("document.querySelector('.search-popup').hidden", WAIT);
}

#[test]
fn not_found_page_works_two_folders_deep() {
    let out = site();
    let server = Server::serve(out, "/sub/");
    let base = server.base_url().to_string();
    // A fresh browser: no visit to remember the root by, no known folder in
    // the path: the page looks for static/site.js in the folders above.
    {
        let Some(browser) = Browser::launch() else { return };
        let page = phone(&browser, &format!("{base}no/such/page.html"), PHONE);
        assert_404_works(&page, &base, "probed");
        page.screenshot(shots().join("phone-404-deep.png"), false);
        page.emulate_dark(true);
        page.screenshot(shots().join("phone-404-deep-dark.png"), false);
        page.emulate_dark(false);
        let expected_misses = [
            format!("HTTP 404: {base}no/such/page.html"),
            format!("HTTP 404: {base}no/such/static/site.js"),
            format!("HTTP 404: {base}no/static/site.js"),
        ];
        let failed = page.failed_requests();
        assert!(
            failed.iter().all(|f| expected_misses.contains(f)),
            "only the page and the probes above it miss: {failed:#?}"
        );
        tap(&page, &q("main .button"));
        page.wait_for("document.querySelector('.hero') !== null", WAIT);
        assert_eq!(page.eval("location.href"), json!(format!("{base}index.html")));
    }
    // A page seen before remembers the root: no probing. A lesson folder in
    // the path names the root too.
    {
        let Some(browser) = Browser::launch() else { return };
        let page = browser.page(&format!("{base}{LESSON}"), DESKTOP.0, DESKTOP.1);
        page.goto(&format!("{base}old/deep/place.html"));
        assert_404_works(&page, &base, "remembered");
        assert!(
            !server
                .requests()
                .iter()
                .any(|r| r.contains("/old/") && r.contains("site.js")),
            "no probe: {:#?}",
            server.requests()
        );
        let fresh = Browser::launch().expect("Chromium");
        let page = fresh.page(&format!("{base}concepts/gone/lesson.html"), DESKTOP.0, DESKTOP.1);
        assert_404_works(&page, &base, "known folder");
        assert!(
            !server
                .requests()
                .iter()
                .any(|r| r.contains("/gone/static/site.js")),
            "no probe: {:#?}",
            server.requests()
        );
    }
    // Without JavaScript: a plain page with its message, and no request that
    // fails because of the depth.
    {
        let Some(browser) = Browser::launch() else { return };
        let page = browser.page("about:blank", PHONE.0, PHONE.1);
        page.cmd("Emulation.setScriptExecutionDisabled", json!({ "value": true }));
        page.goto(&format!("{base}a/b/missing.html"));
        let text = page.eval("document.body.innerText");
        assert!(
            text.as_str()
                .is_some_and(|t| t.contains("页面未找到") && t.contains("这个地址没有对应的页面")),
            "{text}"
        );
        assert!(
            num(page.eval("document.querySelector('h1').getBoundingClientRect().top")) < 300.0,
            "the message comes first, not after the course menu"
        );
        page.screenshot(shots().join("phone-404-deep-no-js.png"), false);
        assert_eq!(
            page.failed_requests(),
            vec![format!("HTTP 404: {base}a/b/missing.html")],
            "nothing else is fetched from the wrong depth"
        );
    }
    // Opened from disk, at the root of the site.
    let Some(browser) = Browser::launch() else { return };
    let page = browser.page(&file_url(&out.join("404.html")), DESKTOP.0, DESKTOP.1);
    assert_404_works(&page, &format!("{}/", file_url(out)), "file");
    assert_eq!(page.console_errors(), Vec::<String>::new());
}

#[test]
fn a_first_visit_to_a_lesson_stays_under_70_kb() {
    let out = site();
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(out, "/sub/");
    // Module folders hold lessons, index.html overviews, quizzes, role-play
    // scenarios, and the trainer's slides.html and presenter.html: the pages
    // of each kind, by size.
    let pages_of = |kind: &str| -> Vec<(u64, String)> {
        let mut pages: Vec<(u64, String)> = walkdir::WalkDir::new(out)
            .min_depth(2)
            .max_depth(2)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.path().starts_with(out.join("print")))
            .filter(|e| {
                std::fs::read_to_string(e.path())
                    .is_ok_and(|html| html.contains(&format!("<body class=\"kind-{kind}\"")))
            })
            .map(|e| {
                let rel = e.path().strip_prefix(out).unwrap().to_string_lossy().into_owned();
                (e.metadata().unwrap().len(), rel)
            })
            .collect();
        pages.sort();
        pages
    };
    let first_visit = |rel: &str| -> f64 {
        let page = browser.page(&format!("{}{rel}", server.base_url()), PHONE.0, PHONE.1);
        page.wait_for("document.readyState === 'complete'", WAIT);
        let bytes = num(page.eval(
            "performance.getEntriesByType('navigation')[0].decodedBodySize + \
             performance.getEntriesByType('resource').reduce((n, r) => n + r.decodedBodySize, 0)",
        ));
        let icon = std::fs::metadata(out.join("static/favicon.svg")).unwrap().len() as f64;
        let total = bytes + icon;
        eprintln!("first visit to {rel}: {total} bytes");
        assert!(
            total > 40_000.0,
            "{rel}: {total} bytes is too few to have counted the CSS and scripts"
        );
        total
    };
    // The three largest lessons.
    let lessons = pages_of("lesson");
    assert!(lessons.len() > 40);
    for (_, rel) in lessons.iter().rev().take(3) {
        let total = first_visit(rel);
        assert!(total <= 70_000.0, "{rel}: a first visit loads {total} bytes");
    }
    // A scenario page carries its whole script (for reading without
    // JavaScript) and its player: no heavier than a quiz page (about 125 KB).
    let scenarios = pages_of("scenario");
    assert_eq!(scenarios.len(), 4);
    for (_, rel) in &scenarios {
        let total = first_visit(rel);
        assert!(total <= 120_000.0, "{rel}: a first visit loads {total} bytes");
    }
}
