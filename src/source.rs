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
        let bytes = read_sized(&mut file, meta.len()).map_err(cannot)?;
        // simdutf8 checks valid text several times faster than std (whose
        // error then says where an invalid file goes wrong).
        let bytes = match bytes {
            Sized::Exact(bytes) if simdutf8::basic::from_utf8(&bytes).is_ok() => {
                return Ok(SourceFile {
                    modified,
                    ..SourceFile::new(rel, display_path, utf8_unchecked(bytes))
                });
            }
            Sized::Exact(bytes) => bytes.to_vec(),
            Sized::Other(bytes) => bytes,
        };
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

/// A file's bytes: in one shared allocation when the file had the size its
/// metadata gave (the usual case: no copy), else as read.
enum Sized {
    Exact(Arc<[u8]>),
    Other(Vec<u8>),
}

/// Reads `file`, whose metadata says it holds `len` bytes, straight into a
/// shared buffer: one allocation, no copy into the model afterwards, and no
/// size probing (`read_to_end` asks the file for its size and position again).
fn read_sized(file: &mut std::fs::File, len: u64) -> std::io::Result<Sized> {
    let Ok(len) = usize::try_from(len) else {
        return Err(std::io::Error::other("file too large"));
    };
    // SAFETY: zeroed bytes are valid `u8`s.
    let mut buf: Arc<[u8]> = unsafe { Arc::<[u8]>::new_zeroed_slice(len).assume_init() };
    let Some(slice) = Arc::get_mut(&mut buf) else {
        // Unreachable (the Arc was just made); read the plain way if it were.
        let mut bytes = Vec::with_capacity(len);
        file.read_to_end(&mut bytes)?;
        return Ok(Sized::Other(bytes));
    };
    let mut filled = 0;
    while filled < len {
        match file.read(&mut slice[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    // The file changed size since its metadata was read: take what is there.
    let mut more = [0u8; 1];
    let at_end = filled == len
        && loop {
            match file.read(&mut more) {
                Ok(n) => break n == 0,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
    if at_end {
        return Ok(Sized::Exact(buf));
    }
    let mut bytes = slice[..filled].to_vec();
    if filled == len {
        bytes.push(more[0]);
    }
    file.read_to_end(&mut bytes)?;
    Ok(Sized::Other(bytes))
}

/// `bytes`, already checked to be UTF-8, as shared text.
fn utf8_unchecked(bytes: Arc<[u8]>) -> Arc<str> {
    debug_assert!(std::str::from_utf8(&bytes).is_ok());
    // SAFETY: `str` has the layout of `[u8]`, and the caller checked that the
    // bytes are UTF-8.
    unsafe { Arc::from_raw(Arc::into_raw(bytes) as *const str) }
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
    fn a_file_that_changed_size_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "0123456789").unwrap();
        // The size the metadata gave: right, too small (the file grew), too
        // large (it shrank), and empty.
        for (claimed, exact) in [(10, true), (4, false), (9, false), (25, false), (0, false)] {
            let mut f = std::fs::File::open(&p).unwrap();
            let (bytes, was_exact) = match read_sized(&mut f, claimed).unwrap() {
                Sized::Exact(b) => (b.to_vec(), true),
                Sized::Other(b) => (b, false),
            };
            assert_eq!(bytes, b"0123456789", "claimed {claimed}");
            assert_eq!(was_exact, exact, "claimed {claimed}");
        }
        let text = utf8_unchecked(Arc::from(&b"\xe6\x9c\x8d"[..]));
        assert_eq!(&*text, "服");
    }

    #[test]
    fn rel_dir_and_stem() {
        let f = SourceFile::new("01-a/02-b.md", "x", String::new());
        assert_eq!(f.rel_dir(), "01-a");
        assert_eq!(f.stem(), "02-b");
    }
}
