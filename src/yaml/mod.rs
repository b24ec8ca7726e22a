//! Every YAML call of coursegen lives here. Values come from serde-saphyr; the
//! positions that quiz checks point at come from granit-parser, the parser
//! serde-saphyr is built on, so both read one grammar.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{ErrorKind, Event, Parser, ScanError};
use serde_saphyr::localizer::ExternalMessageSource;
use serde_saphyr::{Error, MergeKeyPolicy, MessageFormatter, NonFiniteFloatPolicy, UserMessageFormatter};

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
    parse_str(yaml).map_err(|e| {
        let d = Diagnostic::error(e.message).at_offset(&file.display_path, &file.text, offset + e.offset);
        match e.hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    })
}

/// A YAML text that does not give the value asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    /// Byte offset in the YAML text of where the problem is (0 when the
    /// library knows no better place).
    pub offset: usize,
    pub hint: Option<String>,
}

/// Deserialises a YAML text that is not (or not the whole of) a file: chart
/// blocks, tests, and [`parse`].
pub fn parse_str<T: DeserializeOwned>(yaml: &str) -> Result<T, YamlError> {
    // A document with nothing in it (blank, or only comments) has no value at
    // all; read it as an empty mapping so that missing fields are named.
    let doc = if has_no_content(yaml) { "{}" } else { yaml };
    serde_saphyr::from_str_with_options(doc, options()).map_err(|e| {
        let mut err = describe(&e, doc);
        if doc.len() != yaml.len() {
            err.offset = 0;
        }
        err
    })
}

fn has_no_content(yaml: &str) -> bool {
    yaml.split(['\n', '\r']).all(|l| {
        let l = l.trim_start_matches([' ', '\t', '\u{feff}']);
        l.is_empty() || l.starts_with('#')
    })
}

/// How coursegen reads YAML. The settings keep the meaning course files had
/// before (with serde_yaml): YAML 1.2 booleans, `012` and `1_000` as text,
/// `title:` as an empty text (so that our own checks can name the field), and
/// `<<` as an ordinary (unknown) key. A key written twice is an error (the
/// default). The budget stops inputs that would take
/// much time or memory (alias bombs, deep nesting) with an error; no course
/// file comes near it.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_total_scalar_bytes: 16 * 1024 * 1024,
            max_nodes: 250_000,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
        },
        strict_booleans: true,
        null_as_string: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        non_finite_float_policy: NonFiniteFloatPolicy::PassThrough,
        merge_keys: MergeKeyPolicy::AsOrdinary,
        with_snippet: false,
    }
}

const FIELD_HINT: &str = "check the spelling; the expected fields are listed above";
const TYPE_HINT: &str = "check the value's type (text, number or list)";
const SYNTAX_HINT: &str = "check the YAML here: close every quote and bracket, put a space after \
     `:` and `-`, and indent the items of one list or mapping alike";
const TAB_HINT: &str = "indent with spaces: YAML does not allow tabs for indentation";
const SIZE_HINT: &str = "course files need no more than a few levels of nesting and a few aliases; \
     write repeated values out instead of `&anchor` and `*alias`";

/// Our message, offset and hint for a serde-saphyr error, chosen by its type.
fn describe(err: &Error, yaml: &str) -> YamlError {
    let offset = error_offset(err, yaml);
    let (message, hint) = message_of(err.without_snippet(), yaml, offset);
    YamlError {
        message,
        offset,
        hint: hint.map(str::to_string),
    }
}

fn message_of(err: &Error, yaml: &str, offset: usize) -> (String, Option<&'static str>) {
    // The text the error points at, when it is short enough to quote.
    let found = || {
        let len = err
            .location()
            .and_then(|l| l.span().byte_len())
            .and_then(|l| usize::try_from(l).ok())
            .unwrap_or(0);
        yaml.get(offset..offset + len)
            .filter(|t| !t.is_empty() && t.chars().count() <= 40 && !t.contains('\n'))
    };
    let quoted = |what: String| match found() {
        Some(t) => format!("`{t}` is not {what}"),
        None => format!("expected {what}"),
    };
    match err {
        Error::AliasError { error, .. } => message_of(error.without_snippet(), yaml, offset),
        Error::SerdeUnknownField { field, expected, .. } => (
            format!(
                "unknown field `{field}`, {}",
                one_of(expected, "there are no fields")
            ),
            Some(FIELD_HINT),
        ),
        Error::SerdeMissingField { field, .. } => (
            format!("missing field `{field}`"),
            Some("add the field to the YAML"),
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            format!(
                "unknown variant `{variant}`, {}",
                one_of(expected, "there are no variants")
            ),
            Some("check the spelling; the accepted values are listed above"),
        ),
        Error::SerdeInvalidType {
            unexpected, expected, ..
        } => (
            format!("invalid type: {unexpected}, expected {expected}"),
            Some(TYPE_HINT),
        ),
        Error::SerdeInvalidValue {
            unexpected, expected, ..
        } => (
            format!("invalid value: {unexpected}, expected {expected}"),
            Some(TYPE_HINT),
        ),
        Error::SerdeInvalidLength { len, expected, .. } => (
            format!("invalid length {len}, expected {expected}"),
            Some(TYPE_HINT),
        ),
        Error::InvalidScalar { ty, .. } => (quoted(scalar_kind(ty)), Some(TYPE_HINT)),
        Error::InvalidBooleanStrict { .. } => (quoted("true or false".into()), Some("write true or false")),
        Error::Unexpected { expected, .. } => {
            let what = match *expected {
                "sequence start" => "a list",
                "mapping start" => "a mapping (`key: value` lines)",
                "string scalar" | "scalar" => "a single value (text or a number)",
                other => other,
            };
            let message = match found() {
                Some(t) => format!("expected {what}, found `{t}`"),
                None => format!("expected {what}"),
            };
            (message, Some(TYPE_HINT))
        }
        Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("duplicate key `{k}`"),
                None => "duplicate key".to_string(),
            },
            Some("a key may appear only once in a mapping; keep one of them"),
        ),
        Error::Budget { breach, .. } => (too_complex(breach), Some(SIZE_HINT)),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => (
            "the YAML is too large or too complex: its aliases repeat too much".to_string(),
            Some(SIZE_HINT),
        ),
        Error::UnknownAnchor { .. } => (
            "alias to an anchor that is not defined".to_string(),
            Some("define `&name` before `*name` refers to it"),
        ),
        Error::MultipleDocuments { .. } => (
            "more than one YAML document".to_string(),
            Some("a file holds one YAML document: remove the `---` line inside it"),
        ),
        Error::Eof { .. } => ("the YAML ends too early".to_string(), None),
        _ => match scan_error(err) {
            Some(scan) if is_tab(scan) => ("a tab where YAML allows only spaces".to_string(), Some(TAB_HINT)),
            Some(scan) if matches!(scan.kind(), ErrorKind::RecursionLimitExceeded) => (
                "the YAML is too large or too complex: it is nested too deeply".to_string(),
                Some(SIZE_HINT),
            ),
            Some(scan) => (scan.kind().to_string(), Some(SYNTAX_HINT)),
            None => (UserMessageFormatter.format_message(err).into_owned(), None),
        },
    }
}

/// serde's wording: "expected `a`", "expected `a` or `b`", "expected one of `a`, `b`, `c`".
fn one_of(names: &[&str], none: &str) -> String {
    match names {
        [] => none.to_string(),
        [a] => format!("expected `{a}`"),
        [a, b] => format!("expected `{a}` or `{b}`"),
        _ => {
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("expected one of {}", list.join(", "))
        }
    }
}

/// What a scalar of serde-saphyr's type name `ty` must be, in words.
fn scalar_kind(ty: &str) -> String {
    let max = match ty {
        "u8" => u64::from(u8::MAX),
        "u16" => u64::from(u16::MAX),
        "u32" => u64::from(u32::MAX),
        "u64" | "u128" | "usize" => u64::MAX,
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => return "a whole number".into(),
        "f32" | "f64" | "floating point" => return "a number".into(),
        "bool" | "boolean" => return "true or false".into(),
        "char" => return "a single character".into(),
        other => return other.into(),
    };
    format!("a whole number from 0 to {max}")
}

fn too_complex(breach: &BudgetBreach) -> String {
    let what = match breach {
        BudgetBreach::Depth { .. } => "it is nested too deeply",
        BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => "it has too many aliases",
        BudgetBreach::Anchors { .. } => "it has too many anchors",
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => "it has too many values",
        BudgetBreach::ScalarBytes { .. } => "its texts, with every alias counted, are too long",
        _ => "its aliases repeat too much",
    };
    format!("the YAML is too large or too complex: {what}")
}

fn scan_error(err: &Error) -> Option<&ScanError> {
    match err {
        Error::ExternalMessage { source, .. } => match &**source {
            ExternalMessageSource::Parser(scan) => Some(scan),
            _ => None,
        },
        _ => None,
    }
}

fn is_tab(scan: &ScanError) -> bool {
    matches!(
        scan.kind(),
        ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabAtBlockScalarStart
            | ErrorKind::TabInIndentation
            | ErrorKind::TabInPlainScalar
    )
}

/// Byte offset in `yaml` of where `err` is, on a character boundary.
fn error_offset(err: &Error, yaml: &str) -> usize {
    let location = err.location();
    let scan = scan_error(err.without_snippet());
    let mut at = location
        .and_then(|l| l.span().byte_offset())
        .and_then(|b| usize::try_from(b).ok())
        .or_else(|| scan.and_then(|s| s.marker().byte_offset()))
        .or_else(|| location.map(|l| offset_of_line_col(yaml, l.line(), l.column())))
        .unwrap_or(0)
        .min(yaml.len());
    while !yaml.is_char_boundary(at) {
        at -= 1;
    }
    // The parser names the start of the node it was reading; point at the tab itself.
    if scan.is_some_and(is_tab) {
        let line_start = yaml[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        if let Some(tab) = yaml[line_start..].find('\t') {
            at = line_start + tab;
        }
    }
    at
}

/// Byte offset of 1-based `line` and character `col`, lines ending in `\n`, `\r\n` or `\r`.
fn offset_of_line_col(yaml: &str, line: u64, col: u64) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match yaml[start..].find(['\n', '\r']) {
            Some(i) => {
                start += i + 1;
                if yaml.as_bytes()[start - 1] == b'\r' && yaml.as_bytes().get(start) == Some(&b'\n') {
                    start += 1;
                }
            }
            None => return yaml.len(),
        }
    }
    let skip = usize::try_from(col.saturating_sub(1)).unwrap_or(usize::MAX);
    yaml[start..]
        .char_indices()
        .nth(skip)
        .map_or(yaml.len(), |(i, _)| start + i)
}

/// A YAML scalar as written, where text or a number (or true or false) may
/// stand: `5`, `true` and `五` as quiz answers, `2018` or `客户满意度` as a
/// chart label. Read like serde's untagged enum of these four was (the first
/// that fits, in this order), but a list or mapping gets an error that says
/// what was expected rather than naming a Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

impl Scalar {
    /// The value as text, as a learner would type it.
    pub fn text(&self) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Text(s) => s.clone(),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Any;
        impl serde::de::Visitor<'_> for Any {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a single value (text, a number, true or false)")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
        }
        d.deserialize_any(Any)
    }
}

/// Where each node of a YAML document starts, by path: `questions.3.options`
/// is the key `options` of the fourth question. Used to point validation errors
/// (which serde cannot place) at the right line.
#[derive(Debug, Default)]
pub struct Locations {
    /// Path → byte offset in the YAML text.
    offsets: HashMap<String, usize>,
}

/// Levels of nesting the index names: a quiz's deepest lookup is
/// `questions.3.options.1.text` (5).
const INDEX_DEPTH: usize = 8;
/// Longest key the index names.
const INDEX_KEY: usize = 64;

/// An open mapping or sequence; `path` is `None` below [`INDEX_DEPTH`].
enum Frame {
    Map {
        path: Option<String>,
        key: Option<String>,
    },
    Seq {
        path: Option<String>,
        next: usize,
    },
}

impl Locations {
    /// Indexes `yaml`; the index stops where the document stops parsing.
    /// Nodes deeper than [`INDEX_DEPTH`] and keys longer than [`INDEX_KEY`]
    /// bytes are not named (no lookup asks for them; a deeper path finds its
    /// nearest indexed ancestor), which keeps the index about as large as the
    /// text: each path repeats its parents' keys, so deep nesting or a huge
    /// key with many children would otherwise multiply it.
    pub fn index(yaml: &str) -> Locations {
        let mut loc = Locations::default();
        let mut stack: Vec<Frame> = Vec::new();
        for next in Parser::new_from_str(yaml) {
            let Ok((event, span)) = next else {
                break;
            };
            let offset = span.start.byte_offset().unwrap_or(0);
            if event.is_node() {
                // A scalar in key position names the next value.
                if let Some(Frame::Map { path, key }) = stack.last_mut()
                    && key.is_none()
                {
                    let name = match &event {
                        Event::Scalar(v, ..) if v.len() <= INDEX_KEY => v.to_string(),
                        _ => "?".to_string(),
                    };
                    if let Some(path) = path {
                        loc.offsets.entry(join_path(path, &name)).or_insert(offset);
                    }
                    *key = Some(name);
                    continue;
                }
                let deep = stack.len() >= INDEX_DEPTH;
                let path = match stack.last_mut() {
                    Some(Frame::Map { path, key }) => path
                        .as_deref()
                        .filter(|_| !deep)
                        .map(|p| join_path(p, key.as_deref().unwrap_or("?"))),
                    Some(Frame::Seq { path, next }) => {
                        let p = path
                            .as_deref()
                            .filter(|_| !deep)
                            .map(|p| join_path(p, &next.to_string()));
                        *next += 1;
                        if let Some(p) = &p {
                            loc.offsets.entry(p.clone()).or_insert(offset);
                        }
                        p
                    }
                    None => Some(String::new()),
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
mod attack;
#[cfg(test)]
mod tests;
