//! Every YAML call of coursegen lives here, so that swapping serde_yaml (deprecated
//! upstream) for a maintained fork is a one-file change.

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Front matter split off the top of a Markdown file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The YAML between the `---` fences (may be empty).
    pub yaml: &'a str,
    /// Byte offset of `yaml` inside the whole file.
    pub yaml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` inside the whole file.
    pub body_offset: usize,
}

/// Splits `---\n…\n---\n` off the top of `text`. Returns `None` when the file does
/// not start with a front matter fence, and an error when the fence is never closed.
pub fn split_front_matter(file: &SourceFile) -> Result<Option<FrontMatter<'_>>, Diagnostic> {
    let text = file.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Ok(None);
    }
    let yaml_offset = bom + first_line_end;
    let mut pos = yaml_offset;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Some(FrontMatter {
                yaml: &text[yaml_offset..pos],
                yaml_offset,
                body: &text[end..],
                body_offset: end,
            }));
        }
        pos = end;
    }
    Err(Diagnostic::error("front matter is never closed")
        .at(&file.display_path, text, 1, 1)
        .with_hint("end the front matter with a line containing only `---`"))
}

/// Deserialises `yaml`, which starts at byte `offset` of `file`. Errors point at the
/// line and column in the file itself, not inside the YAML block.
pub fn parse<T: DeserializeOwned>(file: &SourceFile, yaml: &str, offset: usize) -> Result<T, Diagnostic> {
    // An empty document deserialises as unit; treat it as an empty mapping so
    // that missing required fields are reported by name.
    let doc = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(doc).map_err(|e| {
        let message = tidy_message(&e.to_string());
        let hint = hint_for(&message);
        let d = Diagnostic::error(message);
        let d = match e.location() {
            Some(loc) if doc.len() == yaml.len() => {
                d.at_offset(&file.display_path, &file.text, offset + loc.index())
            }
            _ => d.at_offset(&file.display_path, &file.text, offset),
        };
        match hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    })
}

/// serde_yaml appends " at line X column Y" to its messages; we print our own position.
fn tidy_message(msg: &str) -> String {
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    msg.trim_end_matches('.').to_string()
}

fn hint_for(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some("check the spelling; the expected fields are listed above".into())
    } else if message.starts_with("missing field") {
        Some("add the field to the YAML".into())
    } else if message.contains("invalid type") {
        Some("check the value's type (text, number or list)".into())
    } else {
        None
    }
}

/// Parses a YAML string that is not part of a file on disk (chart blocks, tests).
pub fn parse_str<T: DeserializeOwned>(yaml: &str) -> Result<T, (String, Option<usize>)> {
    serde_yaml::from_str(yaml).map_err(|e| (tidy_message(&e.to_string()), e.location().map(|l| l.index())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        title: String,
    }

    fn file(text: &str) -> SourceFile {
        SourceFile::new("course/01-a/01-b.md", "course/01-a/01-b.md", text.to_string())
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = file("---\ntitle: 甲\n---\n正文\n");
        let fm = split_front_matter(&f).unwrap().unwrap();
        assert_eq!(fm.yaml, "title: 甲\n");
        assert_eq!(fm.body, "正文\n");
        assert_eq!(&f.text[fm.body_offset..], "正文\n");
    }

    #[test]
    fn no_front_matter_is_none() {
        assert!(split_front_matter(&file("# 标题\n")).unwrap().is_none());
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let e = split_front_matter(&file("---\ntitle: 甲\n")).unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn errors_point_at_the_line_in_the_file() {
        let f = file("---\ntitle: 甲\ntitel: 乙\n---\n");
        let fm = split_front_matter(&f).unwrap().unwrap();
        let e = parse::<Meta>(&f, fm.yaml, fm.yaml_offset).unwrap_err();
        let ok = parse::<Meta>(&f, "title: 甲\n", fm.yaml_offset).unwrap();
        assert_eq!(ok.title, "甲");
        assert!(e.message.contains("unknown field `titel`"), "{}", e.message);
        assert_eq!((e.line, e.col), (3, 1));
    }

    #[test]
    fn empty_front_matter_reports_missing_title() {
        let f = file("---\n---\nbody");
        let fm = split_front_matter(&f).unwrap().unwrap();
        let e = parse::<Meta>(&f, fm.yaml, fm.yaml_offset).unwrap_err();
        assert!(e.message.contains("missing field `title`"), "{}", e.message);
        assert_eq!(e.line, 2);
    }

    #[test]
    fn malformed_yaml_points_into_the_file() {
        let f = file("---\ntitle: [未闭合\n---\n");
        let fm = split_front_matter(&f).unwrap().unwrap();
        let e = parse::<Meta>(&f, fm.yaml, fm.yaml_offset).unwrap_err();
        assert!(e.line >= 2, "line {}", e.line);
    }
}
