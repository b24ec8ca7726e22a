//! Figures written in raw HTML (tests/fixtures/rawhtml) load in a real
//! browser from `file://` and over HTTP under a subpath: every image of a
//! nested lesson and of a root page (`<img src>`, `<picture>` with `srcset`)
//! decodes, and the video's poster loads. Without the rewriting the inline
//! images, written relative to the Markdown file (`../01-media/images/…`),
//! would point at a folder the site does not have.

use crate::support;

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use support::browser::Browser;
use support::http::Server;

const DESKTOP: (u32, u32) = (1280, 860);
const WAIT: Duration = Duration::from_secs(10);

#[test]
fn raw_html_figures_load_from_disk_and_under_a_subpath() {
    // The fixture's frame is on a remote host: the test makes no such request.
    let site = support::site::build_fixture("rawhtml", |dir| {
        let lesson = dir.join("course/01-media/01-figures.md");
        let text = std::fs::read_to_string(&lesson).unwrap();
        let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("<iframe")).collect();
        std::fs::write(&lesson, kept.join("\n")).unwrap();
    });
    let Some(browser) = Browser::launch() else { return };
    let server = Server::serve(&site.out, "/courses/raw/");
    let from_disk = support::site::file_url(&site.out) + "/";
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, base) in [("file", from_disk.as_str()), ("http", server.base_url())] {
        for (page_name, images) in [("media/figures.html", 3), ("introduction.html", 1)] {
            let page = browser.page(&format!("{base}{page_name}"), DESKTOP.0, DESKTOP.1);
            page.wait_for("[...document.images].every(i => i.complete)", WAIT);
            let loaded = page.eval(
                "[...document.querySelectorAll('main img')].map(i => [i.getAttribute('src'), i.naturalWidth > 0])",
            );
            let all = loaded.as_array().unwrap();
            assert_eq!(all.len(), images, "{name} {page_name}: {loaded}");
            for image in all {
                assert_eq!(
                    image[1],
                    json!(true),
                    "{name} {page_name}: an image did not load: {loaded}"
                );
            }
            assert_eq!(page.third_party_requests(), Vec::<String>::new());
            if page_name == "media/figures.html" {
                page.screenshot(dir.join(format!("rawhtml-figures-{name}.png")), true);
            }
        }
        let video = browser.page(&format!("{base}media/video.html"), DESKTOP.0, DESKTOP.1);
        video.eval(
            "window.__poster = 'loading'; const i = new Image(); i.onload = () => window.__poster = i.naturalWidth; \
             i.onerror = () => window.__poster = 'error'; i.src = document.querySelector('video').poster; true",
        );
        video.wait_for("window.__poster !== 'loading'", WAIT);
        assert_eq!(
            video.eval("window.__poster"),
            json!(64),
            "{name}: the poster did not load"
        );
    }
}
