//! Every YAML call of coursegen lives here, so that swapping serde_yaml (deprecated
//! upstream) for a maintained fork is a one-file change.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, Parser};

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

mod flat;

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
    let text = &*file.text;
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
    if let Some(value) = flat::parse(doc) {
        return Ok(value);
    }
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

/// Where each node of a YAML document starts, by path: `questions.3.options`
/// is the key `options` of the fourth question. Used to point validation errors
/// (which serde cannot place) at the right line.
#[derive(Debug, Default)]
pub struct Locations {
    /// Path → byte offset in the YAML text.
    offsets: HashMap<String, usize>,
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

impl Locations {
    /// Indexes `yaml`; a document that does not parse gives an empty index.
    pub fn index(yaml: &str) -> Locations {
        let mut loc = Locations::default();
        let mut stack: Vec<Frame> = Vec::new();
        // Byte offsets from the parser's character indices.
        let char_to_byte: Vec<usize> = yaml.char_indices().map(|(i, _)| i).chain([yaml.len()]).collect();
        let mut parser = Parser::new_from_str(yaml);
        while let Ok((event, mark)) = parser.next_token() {
            let offset = char_to_byte.get(mark.index()).copied().unwrap_or(yaml.len());
            let is_node = matches!(
                event,
                Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..) | Event::Alias(_)
            );
            if is_node {
                // A scalar in key position names the next value.
                if let Some(Frame::Map { path, key }) = stack.last_mut()
                    && key.is_none()
                {
                    let name = match &event {
                        Event::Scalar(v, ..) => v.clone(),
                        _ => "?".to_string(),
                    };
                    let full = join_path(path, &name);
                    loc.offsets.entry(full).or_insert(offset);
                    *key = Some(name);
                    continue;
                }
                let path = match stack.last_mut() {
                    Some(Frame::Map { path, key }) => join_path(path, key.as_deref().unwrap_or("?")),
                    Some(Frame::Seq { path, next }) => {
                        let p = join_path(path, &next.to_string());
                        *next += 1;
                        loc.offsets.entry(p.clone()).or_insert(offset);
                        p
                    }
                    None => String::new(),
                };
                match event {
                    Event::MappingStart(..) => stack.push(Frame::Map { path, key: None }),
                    Event::SequenceStart(..) => stack.push(Frame::Seq { path, next: 0 }),
                    _ => value_done(&mut stack),
                }
            } else if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                stack.pop();
                value_done(&mut stack);
            } else if matches!(event, Event::StreamEnd) {
                break;
            }
        }
        loc
    }

    /// Offset of `path`, or of its nearest ancestor that is known.
    pub fn offset(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(&o) = self.offsets.get(p) {
                return Some(o);
            }
            p = &p[..p.rfind('.')?];
        }
    }
}

fn join_path(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

fn value_done(stack: &mut [Frame]) {
    if let Some(Frame::Map { key, .. }) = stack.last_mut() {
        *key = None;
    }
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

    #[test]
    fn locations_find_nested_keys_and_items() {
        let text = "title: 测验\nquestions:\n  - id: a\n    type: single\n  - id: b\n    options:\n      - text: 甲\n      - text: 乙\n";
        let loc = Locations::index(text);
        let line = |p: &str| crate::diagnostic::line_col(text, loc.offset(p).unwrap()).0;
        assert_eq!(line("title"), 1);
        assert_eq!(line("questions.0"), 3);
        assert_eq!(line("questions.0.type"), 4);
        assert_eq!(line("questions.1.id"), 5);
        assert_eq!(line("questions.1.options.1"), 8);
        assert_eq!(line("questions.1.options.1.text"), 8);
        // Unknown paths fall back to the nearest known ancestor.
        assert_eq!(line("questions.1.answers"), 5);
        let col = crate::diagnostic::line_col(text, loc.offset("questions.1.options.1.text").unwrap()).1;
        assert_eq!(col, 9);
    }
}
