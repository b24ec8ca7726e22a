//! Building a fixture course for a browser test, and the small conversions
//! every browser test needs.

use std::path::{Path, PathBuf};

/// The bundled course, built once per test binary (with its print editions
/// when `print`) into `target/tmp/`, for every test that only reads it.
pub fn bundled(print: bool) -> &'static Path {
    static PLAIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    static PRINT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let cell = if print { &PRINT } else { &PLAIN };
    cell.get_or_init(|| {
        // (`option_env!`: the search_payload example includes this file too.)
        let tmp = option_env!("CARGO_TARGET_TMPDIR").map_or_else(std::env::temp_dir, PathBuf::from);
        let out = tmp.join(format!(
            "bundled-{}{}",
            env!("CARGO_CRATE_NAME"),
            if print { "-print" } else { "" }
        ));
        if let Err(f) = coursegen::build(&coursegen::BuildOptions {
            root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
            out: Some(out.clone()),
            print,
            force: true,
            ..Default::default()
        }) {
            panic!("the bundled course does not build: {:#?}", f.diagnostics);
        }
        out
    })
}

/// A fixture course copied to a temporary folder and built into `out`.
pub struct BuiltSite {
    pub dir: tempfile::TempDir,
    pub out: PathBuf,
}

/// Copies `tests/fixtures/<fixture>`, lets `edit` change the copy, builds it
/// into `<copy>/public`; panics with the diagnostics if the build fails.
pub fn build_fixture(fixture: &str, edit: impl FnOnce(&Path)) -> BuiltSite {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture),
        dir.path(),
    );
    edit(dir.path());
    let out = dir.path().join("public");
    let opts = coursegen::BuildOptions {
        root: dir.path().to_path_buf(),
        out: Some(out.clone()),
        ..Default::default()
    };
    if let Err(failure) = coursegen::build(&opts) {
        panic!("the fixture course does not build: {:#?}", failure.diagnostics);
    }
    BuiltSite { dir, out }
}

impl BuiltSite {
    /// `file://` URL of `rel` in the built site; panics when the build did not write it.
    pub fn url(&self, rel: &str) -> String {
        let path = self.out.join(rel);
        assert!(path.is_file(), "the build wrote no {rel}");
        file_url(&path)
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside the fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// `file://` URL of an absolute path, percent-encoding what needs it.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_str().expect("UTF-8 temp path").bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// A Rust string as a JavaScript string literal.
pub fn js_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}
