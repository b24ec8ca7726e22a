//! A text file of the course, read once and checked to be UTF-8.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, line_col};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the course folder, with `/` separators (`01-concepts/index.md`).
    pub rel: String,
    /// Path shown in messages (`course/01-concepts/index.md`).
    pub display_path: PathBuf,
    /// Shared: the model and the source tree hold the same text.
    pub text: Arc<str>,
    /// Last modification, seconds since 1970 (for `sitemap.xml`); `None` when unknown.
    pub modified: Option<u64>,
}

impl SourceFile {
    pub fn new(rel: impl Into<String>, display_path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            rel: rel.into(),
            display_path: display_path.into(),
            text: text.into(),
            modified: None,
        }
    }

    /// Reads `path`, naming the first invalid byte's line and column when the
    /// file is not UTF-8.
    pub fn read(path: &Path, rel: String, display_path: PathBuf) -> Result<Self, Diagnostic> {
        let cannot =
            |e: std::io::Error| Diagnostic::error(format!("cannot read file: {e}")).in_file(&display_path);
        let mut file = std::fs::File::open(path).map_err(cannot)?;
        let meta = file.metadata().map_err(cannot)?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs());
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.read_to_end(&mut bytes).map_err(cannot)?;
        // simdutf8 checks valid text about twelve times faster than std (7% of
        // a 1,000-page build's instructions with std's check); the text is then
        // copied once into its shared buffer. std's check, on the rare invalid
        // file, says where it goes wrong.
        if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
            return Ok(SourceFile {
                modified,
                ..SourceFile::new(rel, display_path, Arc::<str>::from(text))
            });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile {
                modified,
                ..SourceFile::new(rel, display_path, text)
            }),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                // Everything before the bad byte is valid UTF-8.
                let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                let (line, col) = line_col(&prefix, valid);
                let mut lossy = String::from_utf8_lossy(&bytes).into_owned();
                let mut keep = lossy.len().min(64 * 1024);
                while !lossy.is_char_boundary(keep) {
                    keep -= 1;
                }
                lossy.truncate(keep);
                Err(Diagnostic::error(format!(
                    "file is not valid UTF-8 (invalid byte 0x{:02X})",
                    bytes[valid]
                ))
                .at(&display_path, &lossy, line, col)
                .with_hint("save the file as UTF-8 (most editors: File › Save with encoding › UTF-8)"))
            }
        }
    }

    /// The folder part of `rel` (`01-concepts` for `01-concepts/index.md`, `` at the root).
    pub fn rel_dir(&self) -> &str {
        self.rel.rfind('/').map_or("", |i| &self.rel[..i])
    }

    /// File name without its extension.
    pub fn stem(&self) -> &str {
        let name = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        name.rfind('.').map_or(name, |i| &name[..i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, b"---\ntitle: ok\n---\nab\xffcd\n").unwrap();
        let e = SourceFile::read(&p, "a.md".into(), "course/a.md".into()).unwrap_err();
        assert_eq!((e.line, e.col), (4, 3));
        assert!(e.message.contains("UTF-8"));
    }

    #[test]
    fn rel_dir_and_stem() {
        let f = SourceFile::new("01-a/02-b.md", "x", String::new());
        assert_eq!(f.rel_dir(), "01-a");
        assert_eq!(f.stem(), "02-b");
    }
}
