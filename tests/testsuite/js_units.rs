//! The site's JavaScript without a browser:
//! * the cores (`templates/*-core.js`): `node --test tests/js/`, which reads the
//!   same JSON vectors as the Rust tests (`tests/data/*_vectors.json`);
//! * every script: ESLint (`eslint.config.js`; `.ci/run` installs it into
//!   target/eslint).
//!
//! Without Node.js or ESLint a test prints `SKIPPED`, unless
//! `COURSEGEN_REQUIRE_BROWSER=1` (CI), which makes a missing tool a failure.

use std::path::Path;
use std::process::Command;

fn required() -> bool {
    std::env::var_os("COURSEGEN_REQUIRE_BROWSER").is_some_and(|v| v == "1")
}

#[test]
fn javascript_cores_pass_node_test() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = Command::new("node")
        .arg("--test")
        .arg(root.join("tests/js"))
        .current_dir(root)
        .output();
    let out = match run {
        Ok(out) => out,
        Err(e) if required() => {
            panic!("node is required (COURSEGEN_REQUIRE_BROWSER=1): {e}")
        }
        Err(e) => {
            eprintln!("SKIPPED: node not found ({e})");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node --test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Guard against a run that found no tests.
    let passed = stdout
        .lines()
        .find_map(|l| l.strip_prefix("# pass "))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    assert!(passed >= 10, "expected the JS core tests to run, got:\n{stdout}");
}

#[test]
fn every_script_passes_eslint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let eslint = root.join("target/eslint/node_modules/eslint/bin/eslint.js");
    if !eslint.is_file() {
        assert!(
            !required(),
            "COURSEGEN_REQUIRE_BROWSER=1 but no ESLint at {} (run `npm install --prefix target/eslint eslint@9 globals@15`)",
            eslint.display()
        );
        eprintln!("SKIPPED: ESLint not installed in target/eslint");
        return;
    }
    let out = Command::new("node")
        .arg(&eslint)
        .args(["--max-warnings", "0", "templates", "tests/js", "eslint.config.js"])
        .current_dir(root)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "ESLint found problems:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
