//! `coursegen serve` in a real browser: an edit reloads the open page, a broken
//! edit shows the diagnostic overlay on the last good page, the fix removes it.

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
        "---\ntitle: 净推荐值\nsumary: 拼错\n---\n\n## 计算方法\n\n坏的版本\n",
    );
    page.wait_for(
        "document.getElementById('coursegen-error-overlay') !== null",
        wait,
    );
    let overlay = page.eval("document.getElementById('coursegen-error-overlay').textContent");
    let overlay = overlay.as_str().unwrap_or_default().to_string();
    assert!(overlay.contains("course/02-more/01-nps.md:3:1"), "{overlay}");
    assert!(overlay.contains("unknown field `sumary`"), "{overlay}");
    assert_eq!(
        page.eval("document.getElementById('edited') !== null"),
        serde_json::json!(true),
        "last good page stays"
    );

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
