//! `coursegen serve` in a real browser: an edit reloads the open page, a broken
//! edit shows the page as far as it renders, its broken link marked and every
//! error listed in a panel; the fix removes them.

use crate::fixture;
use crate::support;

use std::sync::Arc;
use std::time::Duration;

use coursegen::BuildOptions;
use coursegen::serve::{ServeOptions, start};
use fixture::Project;
use support::browser::Browser;

#[test]
fn live_reload_and_error_overlay() {
    let Some(browser) = Browser::launch() else { return };
    let p = Project::fixture("basic");
    let opts = ServeOptions {
        build: BuildOptions {
            root: p.dir.path().to_path_buf(),
            ..Default::default()
        },
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
    };
    let server = start(opts, Arc::new(|_| {})).expect("server starts");
    let url = format!("http://{}/more/nps.html", server.addr());
    let page = browser.page(&url, 1280, 900);
    let wait = Duration::from_secs(15);
    page.wait_for(
        "document.querySelector('h1') && document.querySelector('h1').textContent === '净推荐值'",
        wait,
    );
    // Give the reload channel a moment to connect.
    page.wait_for(
        "performance.getEntriesByType('resource').some(r => r.name.includes('/__coursegen/status'))",
        wait,
    );

    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n<p id=\"edited\">第一次编辑</p>\n",
    );
    page.wait_for("document.getElementById('edited') !== null", wait);

    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\nsumary: 拼错\n---\n\n## 计算方法\n\n坏的版本，见[不存在的课](03-missing.md)。\n\n<p id=\"broken\">坏的版本</p>\n",
    );
    page.wait_for(
        "document.getElementById('broken') !== null && document.getElementById('coursegen-error-overlay') !== null",
        wait,
    );
    let overlay = page.eval("document.getElementById('coursegen-error-overlay').textContent");
    let overlay = overlay.as_str().unwrap_or_default().to_string();
    assert!(overlay.starts_with("共有 2 个错误"), "{overlay}");
    assert!(overlay.contains("course/02-more/01-nps.md:3:1"), "{overlay}");
    assert!(overlay.contains("unknown field `sumary`"), "{overlay}");
    assert!(overlay.contains("course/02-more/01-nps.md:8:"), "{overlay}");
    // The panel covers the bottom of the page, not all of it.
    let covers = page.eval(
        "(() => { const r = document.getElementById('coursegen-error-overlay').getBoundingClientRect(); return r.height / window.innerHeight; })()",
    );
    assert!(
        covers.as_f64().is_some_and(|f| f <= 0.46),
        "panel height {covers}"
    );
    // The broken link is drawn as such, not by colour alone, and names its target.
    let link = page.eval(
        "(() => { const a = document.querySelector('main a[href^=\"#coursegen-broken:\"]'); const s = getComputedStyle(a); \
         return [a.title, s.outlineStyle, s.textDecorationLine, getComputedStyle(a, '::before').content]; })()",
    );
    assert_eq!(
        link,
        serde_json::json!(["链接无法解析：03-missing.md", "dashed", "underline", "\"⚠︎ \""]),
    );
    page.screenshot("target/screenshots/serve-partial-desktop.png", false);
    let phone = browser.page(&url, 360, 780);
    phone.wait_for(
        "document.getElementById('broken') !== null && document.getElementById('coursegen-error-overlay') !== null \
         && document.querySelector('main a[href^=\"#coursegen-broken:\"]').title !== ''",
        wait,
    );
    phone.screenshot("target/screenshots/serve-partial-phone.png", false);
    drop(phone);

    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n<p id=\"fixed\">修好了</p>\n",
    );
    page.wait_for("document.getElementById('fixed') !== null", wait);
    assert_eq!(
        page.eval("document.getElementById('coursegen-error-overlay') === null"),
        serde_json::json!(true)
    );
    let errors = page.console_errors();
    assert!(errors.is_empty(), "{errors:#?}");
    drop(page);
    server.stop();
}
