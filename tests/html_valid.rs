//! The W3C Nu HTML checker (vnu.jar) over every page of the bundled course,
//! print editions and 404 page included: no error.
//!
//! vnu.jar comes from npm (`vnu-jar`) and runs on Java: `.ci/run` installs
//! both (Java from Debian's `default-jre-headless` where `java` is missing,
//! vnu.jar into target/vnu); elsewhere set COURSEGEN_VNU to a vnu.jar. Without
//! Java or vnu.jar the test prints SKIPPED, unless COURSEGEN_REQUIRE_BROWSER=1
//! (as in CI), which makes a missing tool a failure.

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

#[test]
fn every_page_of_the_bundled_course_is_valid_html() {
    let Some((java, jar)) = checker() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    coursegen::build(&coursegen::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        out: Some(out.clone()),
        print: true,
        ..Default::default()
    })
    .expect("the bundled course builds");
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.expect("walk the site").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    for must in [
        "index.html",
        "404.html",
        "print/handout.html",
        "print/trainer.html",
    ] {
        assert!(pages.contains(&out.join(must)), "the build wrote no {must}");
    }
    assert!(pages.len() > 60, "only {} pages", pages.len());
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
