//! The W3C Nu HTML checker (vnu.jar) over every page of the bundled course,
//! print editions and 404 page included, of tests/fixtures/code (code
//! blocks in many languages) and of tests/fixtures/reader (maths, footnotes,
//! heading links…): no error. Also: every page has a
//! meta description.
//!
//! vnu.jar comes from npm (`vnu-jar`) and runs on Java: `.ci/run` installs
//! both (Java from Debian's `default-jre-headless` where `java` is missing,
//! vnu.jar into target/vnu); elsewhere set COURSEGEN_VNU to a vnu.jar. Without
//! Java or vnu.jar the test prints SKIPPED, unless COURSEGEN_REQUIRE_BROWSER=1
//! (as in CI), which makes a missing tool a failure.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn required() -> bool {
    std::env::var("COURSEGEN_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// `java` and vnu.jar, or `None` (after saying why) when either is missing.
fn checker() -> Option<(String, PathBuf)> {
    let jar = std::env::var_os("COURSEGEN_VNU")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
        });
    let java = std::env::var("JAVA").unwrap_or_else(|_| "java".to_string());
    let java_runs = Command::new(&java)
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = match (java_runs, jar.is_file()) {
        (true, true) => return Some((java, jar)),
        (false, _) => format!("`{java}` does not run (install default-jre-headless)"),
        (true, false) => format!(
            "no vnu.jar at {} (run `npm install --prefix target/vnu vnu-jar`)",
            jar.display()
        ),
    };
    assert!(!required(), "COURSEGEN_REQUIRE_BROWSER=1 but {missing}");
    eprintln!("SKIPPED: {missing}; HTML validation not run");
    None
}

/// The bundled course with its print editions (built once for the binary)
/// and every HTML page in it.
fn build_bundled() -> (PathBuf, Vec<PathBuf>) {
    let out = crate::support::site::bundled(true).to_path_buf();
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.expect("walk the site").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    (out, pages)
}

#[test]
fn every_page_has_a_meta_description() {
    let (out, pages) = build_bundled();
    let mut problems = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let rel = page.strip_prefix(&out).unwrap().display().to_string();
        let Some(rest) = html.split("<meta name=\"description\" content=\"").nth(1) else {
            problems.push(format!("{rel}: no meta description"));
            continue;
        };
        let text = &rest[..rest.find('"').unwrap()];
        let chars = text.chars().count();
        if !(10..=200).contains(&chars) || text.contains(['\n', '*', '[', '<']) {
            problems.push(format!("{rel}: {chars} characters: {text}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_page_without_a_summary_is_described_by_its_first_paragraph() {
    let site = support::site::build_fixture("basic", |root| {
        let lesson = root.join("course/01-start/02-importance.md");
        let long = "顾客记住的是整段经历，而不是某一个环节。".repeat(6);
        std::fs::write(
            &lesson,
            format!("---\ntitle: 重要性\n---\n\n> 引用不算。\n\n![图](../assets/logo.png)\n\n**服务**决定\n回头客。{long}\n\n第二段。\n"),
        )
        .unwrap();
    });
    let html = std::fs::read_to_string(site.out.join("start/importance.html")).unwrap();
    let description = html
        .split("<meta name=\"description\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a meta description");
    assert!(
        description.starts_with("服务决定回头客。顾客记住的是整段经历"),
        "{description}"
    );
    assert!(
        description.ends_with('。') && description.chars().count() <= 80,
        "{description}"
    );
    assert!(html.contains(&format!(
        "<meta property=\"og:description\" content=\"{description}\">"
    )));
}

#[test]
fn every_page_of_the_bundled_course_is_valid_html() {
    let Some((java, jar)) = checker() else { return };
    let (out, pages) = build_bundled();
    for must in [
        "index.html",
        "404.html",
        "print/handout.html",
        "print/trainer.html",
    ] {
        assert!(pages.contains(&out.join(must)), "the build wrote no {must}");
    }
    assert!(pages.len() > 60, "only {} pages", pages.len());
    let code = support::site::build_fixture("code", |_| {});
    let mut pages = pages;
    pages.push(code.out.join("code/languages.html"));
    // Maths (MathML), footnotes, heading and image links, details, definition lists.
    let reader = support::site::build_fixture("reader", |_| {});
    pages.push(reader.out.join("reading/features.html"));
    // One JVM for every file: vnu.jar starts in about a second.
    let run = Command::new(&java)
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&pages)
        .output()
        .expect("run vnu.jar");
    let report = String::from_utf8_lossy(&run.stderr).to_string() + &String::from_utf8_lossy(&run.stdout);
    let site = format!("{}/", out.display());
    let errors: Vec<String> = report
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.replace(&site, ""))
        .collect();
    assert!(
        run.status.success() && errors.is_empty(),
        "the Nu checker reports {} errors over {} pages (exit {:?}):\n{}",
        errors.len(),
        pages.len(),
        run.status.code(),
        errors.join("\n")
    );
}
