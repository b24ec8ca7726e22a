//! The JavaScript cores (`templates/*-core.js`) tested without a browser:
//! runs `node --test tests/js/`, which reads the same JSON vectors as the
//! Rust tests (`tests/data/*_vectors.json`). Without Node.js the test prints
//! `SKIPPED`, unless `COURSEGEN_REQUIRE_BROWSER=1` (CI), which makes a missing
//! `node` a failure.

use std::path::Path;
use std::process::Command;

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
        Err(e) if std::env::var_os("COURSEGEN_REQUIRE_BROWSER").is_some_and(|v| v == "1") => {
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
