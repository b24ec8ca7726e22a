//! Code blocks on a real build (tests/fixtures/code): highlighted at build
//! time with token classes in every language the README lists, the language
//! taken from info strings as books write them, unknown languages plain, the
//! code style and copy script linked only where there is code, and the same
//! bytes on every build.

use crate::support;

use std::collections::BTreeMap;
use std::path::Path;

/// Each `<code …>` element of `html`: its class attribute (`""` if none) and
/// its inner HTML.
fn code_blocks(html: &str) -> Vec<(String, String)> {
    html.split("<pre tabindex=\"0\"><code")
        .skip(1)
        .map(|rest| {
            let (tag, rest) = rest.split_once('>').expect("a tag end");
            let class = tag
                .split_once("class=\"")
                .map_or("", |(_, c)| c.split('"').next().unwrap_or(""));
            let inner = rest.split("</code></pre>").next().expect("a block end");
            (class.to_string(), inner.to_string())
        })
        .collect()
}

#[test]
fn every_listed_language_is_highlighted_and_the_rest_is_plain() {
    let site = support::site::build_fixture("code", |_| {});
    let html = std::fs::read_to_string(site.out.join("code/languages.html")).unwrap();
    let blocks = code_blocks(&html);
    let classes: Vec<&str> = blocks.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        classes,
        [
            "language-rust",
            "language-c",
            "language-cpp",
            "language-go",
            "language-python",
            "language-js",
            "language-typescript",
            "language-ruby",
            "language-php",
            "language-console",
            "language-ps1",
            "language-java",
            "language-csharp",
            "language-kotlin",
            "language-swift",
            "language-sql",
            "language-json",
            "language-yaml",
            "language-toml",
            "language-xml",
            "language-html",
            "language-css",
            "language-markdown",
            "language-diff",
            "language-dockerfile",
            "language-klingon",
            "",
        ]
    );
    for (class, inner) in &blocks[..blocks.len() - 2] {
        let kinds: std::collections::BTreeSet<&str> = inner
            .split("<span class=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert!(kinds.len() >= 2, "{class}: only {kinds:?} in {inner}");
        assert!(!inner.contains("style="), "{class}: inline style in {inner}");
    }
    let (_, klingon) = &blocks[blocks.len() - 2];
    assert_eq!(klingon, "Qapla&#39;! &lt;not a tag&gt;\n");
    assert!(!blocks[blocks.len() - 1].1.contains('<'));
    // The HTML example is shown, not run.
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

#[test]
fn only_pages_with_code_link_the_code_style_and_script() {
    let site = support::site::build_fixture("code", |_| {});
    let read = |rel: &str| std::fs::read_to_string(site.out.join(rel)).unwrap();
    let lesson = read("code/languages.html");
    assert!(
        lesson.contains("<link rel=\"stylesheet\" href=\"../static/code.css\">"),
        "{lesson}"
    );
    assert!(
        lesson.contains(
            "<script src=\"../static/ui.js\"></script>\n<script src=\"../static/code.js\" \
             data-copy=\"Copy code\" data-copied=\"Copied\""
        ),
        "{lesson}"
    );
    for rel in ["index.html", "code/index.html"] {
        let page = read(rel);
        assert!(!page.contains("code.css") && !page.contains("code.js"), "{rel}");
    }
    let css = read("static/code.css");
    assert!(css.contains(".hl-kw") && css.contains("[data-theme=\"dark\"]"));
    assert!(site.out.join("static/code.js").is_file());
}

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn highlighted_builds_are_byte_identical() {
    let a = support::site::build_fixture("code", |_| {});
    let b = support::site::build_fixture("code", |_| {});
    let (a, b) = (files(&a.out), files(&b.out));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{rel} differs between two builds");
    }
}
