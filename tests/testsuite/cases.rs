//! Bad input as fixture folders, one per case: `tests/cases/<case>/` holds the
//! files that break the `basic` fixture (laid over a copy of it), an optional
//! `args` file (default `build`), and `expected.txt`, the command's exit code
//! and its whole stderr as a snapshot.
//!
//! For every case: the fixture builds first, so there is a previous site; the
//! case's files go in; the command's exit code and diagnostics must match the
//! snapshot; a failed build leaves the previous site as it was and no
//! temporary folder behind; and `check` reports the same problems.
//!
//! `SNAPSHOTS=overwrite cargo test --test testsuite cases` rewrites the
//! snapshots (read the diff before committing it); `[..]` in a snapshot
//! matches anything on its line.

use std::path::{Path, PathBuf};

use snapbox::{Assert, Data};

use crate::fixture::{Project, Run};

/// The files of a case that are not laid over the fixture.
const CASE_FILES: [&str; 2] = ["args", "expected.txt"];
const PAGE: &str = "public/start/definition.html";

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/cases")
        .map(|e| e.expect("read tests/cases").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn lay_over(case: &Path, p: &Project) {
    for entry in walkdir::WalkDir::new(case).min_depth(1) {
        let entry = entry.expect("read the case");
        let rel = entry.path().strip_prefix(case).expect("inside the case");
        if entry.file_type().is_file() && !CASE_FILES.iter().any(|f| rel == Path::new(f)) {
            p.write(
                rel.to_str().expect("UTF-8 case path"),
                std::fs::read(entry.path()).expect("read a case file"),
            );
        }
    }
}

/// `$ coursegen <args>`, the exit code, then stderr.
fn transcript(args: &[&str], run: &Run) -> String {
    format!(
        "$ coursegen {}\nexit {}\n{}",
        args.join(" "),
        run.code,
        run.stderr
    )
}

/// The error and warning lines of a run (`check` ends with its own summary).
fn problems(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error") || l.starts_with("warning"))
        .collect()
}

fn run_case(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let args_text = std::fs::read_to_string(case.join("args")).unwrap_or_else(|_| "build".into());
    let args: Vec<&str> = args_text.split_whitespace().collect();

    let p = Project::fixture("basic");
    let first = p.build();
    assert_eq!(first.code, 0, "{name}: the fixture builds: {}", first.stderr);
    let before = p.read(PAGE);
    lay_over(case, &p);

    let run = p.run(&args);
    let expected = Data::read_from(&case.join("expected.txt"), None).raw();
    Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .try_eq(Some(&name), Data::text(transcript(&args, &run)), expected)
        .map_err(|e| format!("{name}: {e}"))?;

    if run.code != 0 {
        if p.read(PAGE) != before {
            return Err(format!("{name}: the previous site was changed"));
        }
        let stray: Vec<String> = std::fs::read_dir(p.dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("coursegen-tmp") || n.contains("coursegen-old"))
            .collect();
        if !stray.is_empty() {
            return Err(format!("{name}: temporary folders left behind: {stray:?}"));
        }
    }
    let mut check_args = args.clone();
    check_args[0] = "check";
    let check = p.run(&check_args);
    if check.code != run.code || problems(&check.stderr) != problems(&run.stderr) {
        return Err(format!(
            "{name}: `check` differs from `{}`:\n{}",
            args[0], check.stderr
        ));
    }
    Ok(())
}

#[test]
fn every_case_gives_its_snapshot_and_loses_nothing() {
    let cases = cases();
    assert!(cases.len() >= 15, "the cases are in tests/cases/");
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every snapshot of a failing command names a `file:line` (or the folder at
/// fault), so no case can pass by saying only "error".
#[test]
fn every_failing_snapshot_names_a_place() {
    for case in cases() {
        let Ok(text) = std::fs::read_to_string(case.join("expected.txt")) else {
            continue;
        };
        if text.lines().nth(1) == Some("exit 0") {
            continue;
        }
        assert!(
            text.contains("course/"),
            "{}: no location in\n{text}",
            case.display()
        );
    }
}
