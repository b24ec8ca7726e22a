//! Typed diagnostics: every problem found in a course carries the file, the
//! 1-based line and column, a short source excerpt and an optional hint.
//! The library only collects them; `main.rs` decides how to print them.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A few lines of the offending file, kept so the message can show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based number of the first line in `text`.
    pub first_line: usize,
    pub text: String,
    /// Byte range inside `text` that the diagnostic points at.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Path as the trainer knows it (relative to the project when possible).
    pub file: Option<PathBuf>,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    pub excerpt: Option<Box<Excerpt>>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: None,
            line: 0,
            col: 0,
            excerpt: None,
            hint: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Names a file without a position.
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Points at 1-based `line` and `col` of `source` (the whole file text).
    pub fn at(mut self, file: impl AsRef<Path>, source: &str, line: usize, col: usize) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        let (line, col) = past_the_last_newline(source, line.max(1), col.max(1));
        self.line = line;
        self.col = col;
        self.excerpt = excerpt(source, self.line, self.col).map(Box::new);
        self
    }

    /// Points at a byte offset of `source` (the whole file text).
    pub fn at_offset(self, file: impl AsRef<Path>, source: &str, offset: usize) -> Self {
        let (line, col) = line_col(source, offset);
        self.at(file, source, line, col)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, or as much of it as is known.
    pub fn location(&self) -> String {
        match (&self.file, self.line) {
            (Some(f), 0) => f.display().to_string(),
            (Some(f), l) => format!("{}:{}:{}", f.display(), l, self.col),
            (None, _) => String::new(),
        }
    }

    /// Renders the diagnostic as plain text: a header line naming
    /// `file:line:col`, the source excerpt with a caret, then the hint.
    pub fn render(&self) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let location = self.location();
        let title = if location.is_empty() {
            self.message.clone()
        } else {
            format!("{location}: {}", self.message)
        };
        let path = self.file.as_ref().map(|f| f.display().to_string());
        let mut group = Group::with_title(level.primary_title(title.as_str()));
        if let (Some(ex), Some(path)) = (&self.excerpt, &path) {
            group = group.element(
                Snippet::source(ex.text.as_str())
                    .line_start(ex.first_line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(ex.span.clone())),
            );
        }
        let mut report: Vec<Group> = vec![group];
        if let Some(h) = &self.hint {
            report.push(Group::with_title(Level::HELP.secondary_title(h.as_str())));
        }
        Renderer::plain().render(&report)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// All diagnostics of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Turns every warning into an error (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A position on the empty "line" after a file's final newline names the
/// end of the last line instead, which is what an excerpt can show.
fn past_the_last_newline(source: &str, line: usize, col: usize) -> (usize, usize) {
    let lines = source.split('\n').count();
    if line > 1 && line == lines && source.ends_with('\n') {
        let last = source[..source.len() - 1].rsplit('\n').next().unwrap_or("");
        (line - 1, last.trim_end_matches('\r').chars().count() + 1)
    } else {
        (line, col)
    }
}

/// The line before, the line itself and the line after, with the span
/// covering the character at `col` (or the end of the line).
fn excerpt(source: &str, line: usize, col: usize) -> Option<Excerpt> {
    let lines: Vec<&str> = source.split('\n').collect();
    if line == 0 || line > lines.len() {
        return None;
    }
    let first = line.saturating_sub(1).max(1);
    let last = (line + 1).min(lines.len());
    let mut text = String::new();
    let mut span = 0..0;
    for n in first..=last {
        let l = lines[n - 1].trim_end_matches('\r');
        if n == line {
            let start = text.len() + l.char_indices().nth(col - 1).map_or(l.len(), |(i, _)| i);
            let width = l[start - text.len()..].chars().next().map_or(0, char::len_utf8);
            span = start..start + width;
        }
        text.push_str(l);
        if n != last {
            text.push('\n');
        }
    }
    Some(Excerpt {
        first_line: first,
        text,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_after_the_final_newline_names_the_end_of_the_last_line() {
        let src = "---\ntitle: 空\n---\n";
        let d = Diagnostic::warning("w").at_offset("x.md", src, src.len());
        assert_eq!((d.line, d.col), (3, 4));
        let shown = d.render();
        assert!(shown.contains("x.md:3:4"), "{shown}");
        assert!(!shown.contains("3:5") && !shown.contains(":4:1"), "{shown}");
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "第一行\n标题: 值\n";
        assert_eq!(line_col(src, 0), (1, 1));
        let off = src.find('值').unwrap();
        assert_eq!(line_col(src, off), (2, 5));
    }

    #[test]
    fn rendered_message_names_file_line_and_shows_source() {
        let src = "---\ntitle: 好\ntitel: 错\n---\n";
        let d = Diagnostic::error("unknown field `titel`")
            .at("course/01-a/01-b.md", src, 3, 1)
            .with_hint("did you mean `title`?");
        let text = d.render();
        assert!(text.contains("course/01-a/01-b.md:3:1"), "{text}");
        assert!(text.contains("titel: 错"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::warning("unused asset"));
        assert!(!ds.has_errors());
        ds.make_strict();
        assert!(ds.has_errors());
    }
}
