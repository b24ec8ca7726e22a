//! Raw HTML written in Markdown (HTML blocks and inline tags): the ids it
//! defines, and the URLs its elements load or link to, which are rewritten and
//! checked like Markdown links and images.
//!
//! Tokenizing is [html5gum](https://crates.io/crates/html5gum)'s (the WHATWG
//! tokenizer, also used by the link checker lychee): comments, `<!…>`, end tags
//! and the text of `<script>`, `<style>`, `<textarea>` and `<title>` hold no
//! tags, attribute values are quoted or not, character references in them are
//! decoded, and each value comes with its byte range in the source. Only those
//! ranges change in the output: every other byte is written as it was.

use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

use super::LinkKind;
use crate::html_escape::push_escaped;

/// The attributes that hold a URL: (element, attribute, whether the page
/// loads it: a resource rather than a link to follow). `srcset` holds a list.
/// `<link href>` is a resource when its `rel` says so (see [`link_loads`]).
const URL_ATTRIBUTES: &[(&str, &str, bool)] = &[
    ("a", "href", false),
    ("area", "href", false),
    ("img", "src", true),
    ("img", "srcset", true),
    ("source", "src", true),
    ("source", "srcset", true),
    ("video", "src", true),
    ("video", "poster", true),
    ("audio", "src", true),
    ("track", "src", true),
    ("iframe", "src", true),
    ("embed", "src", true),
    ("object", "data", true),
    ("script", "src", true),
    ("link", "href", false),
];

/// A URL written in an attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlAttribute {
    pub kind: LinkKind,
    /// The value, character references decoded.
    pub value: String,
    /// Where the value is written in the scanned text (without its quotes).
    pub span: Range<usize>,
}

/// What one piece of raw HTML holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Ids a link may point at: `id` on any element, `name` on `<a>`.
    pub ids: Vec<String>,
    pub urls: Vec<UrlAttribute>,
}

/// The start tag being read.
#[derive(Default)]
struct OpenTag {
    name: String,
    /// (name in lower case, decoded value, raw span); the first of two
    /// attributes with one name counts, as in a browser.
    attributes: Vec<(String, String, Range<usize>)>,
    /// The attribute whose value may follow.
    current: Option<String>,
}

impl OpenTag {
    fn get(&self, name: &str) -> Option<&(String, String, Range<usize>)> {
        self.attributes.iter().find(|a| a.0 == name)
    }

    fn finish(self, out: &mut Scan) {
        let name = self.name.as_str();
        for attribute in ["id", "name"] {
            if attribute == "name" && name != "a" {
                continue;
            }
            if let Some((_, v, _)) = self.get(attribute).filter(|a| !a.1.is_empty()) {
                out.ids.push(v.clone());
            }
        }
        for &(element, attribute, resource) in URL_ATTRIBUTES {
            if element != name {
                continue;
            }
            let Some((_, value, span)) = self.get(attribute) else {
                continue;
            };
            let resource =
                resource || (element == "link" && link_loads(self.get("rel").map_or("", |r| &r.1)));
            out.urls.push(UrlAttribute {
                kind: LinkKind::RawHtml {
                    element,
                    attribute,
                    resource,
                },
                value: value.clone(),
                span: span.clone(),
            });
        }
    }
}

/// Whether a `<link>` with this `rel` makes the page load its `href`.
fn link_loads(rel: &str) -> bool {
    rel.split_ascii_whitespace().any(|r| {
        [
            "stylesheet",
            "icon",
            "preload",
            "modulepreload",
            "prefetch",
            "manifest",
        ]
        .iter()
        .any(|k| r.eq_ignore_ascii_case(k))
    })
}

/// Reads the start tags of `html`, one HTML block or inline tag.
pub fn scan(html: &str) -> Scan {
    let mut out = Scan::default();
    let mut tag: Option<OpenTag> = None;
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| -> Option<()> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                tag = Some(OpenTag {
                    name: lossy(name).to_ascii_lowercase(),
                    ..OpenTag::default()
                });
            }
            CallbackEvent::AttributeName { name } => {
                if let Some(t) = &mut tag {
                    let name = lossy(name).to_ascii_lowercase();
                    if t.get(&name).is_none() {
                        t.attributes
                            .push((name.clone(), String::new(), span.end..span.end));
                        t.current = Some(name);
                    } else {
                        t.current = None;
                    }
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(t) = &mut tag
                    && let Some(current) = t.current.take()
                    && let Some(a) = t.attributes.iter_mut().find(|a| a.0 == current)
                {
                    a.1 = lossy(value);
                    a.2 = span.start..span.end;
                }
            }
            CallbackEvent::CloseStartTag { .. } => {
                if let Some(t) = tag.take() {
                    t.finish(&mut out);
                }
            }
            // Attributes written on an end tag are dropped, as a browser
            // drops them (and a tag cut off by the end of the text never closes).
            CallbackEvent::EndTag { .. }
            | CallbackEvent::String { .. }
            | CallbackEvent::Comment { .. }
            | CallbackEvent::Doctype { .. } => tag = None,
            CallbackEvent::Error(_) => {}
        }
        None
    });
    emitter.naively_switch_states(true);
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
    out
}

/// One event of an HTML block, or one inline tag: its text and where that
/// text is in the Markdown body.
pub struct Piece {
    pub text: String,
    pub source: Range<usize>,
    /// A `Text` event (indentation pulldown-cmark wrote for a tab), not `Html`.
    pub is_text: bool,
}

/// Rewrites the URLs of raw HTML given as `pieces` (in order), collecting its
/// ids into `ids`: `rewrite(url, kind, offset)` gives the URL to write for one
/// written at `offset` of `body`. Returns the pieces' new texts.
pub fn rewrite(
    pieces: &[Piece],
    body: &str,
    ids: &mut Vec<String>,
    rewrite: &mut dyn FnMut(&str, LinkKind, usize) -> String,
) -> Vec<String> {
    let html: String = if pieces.len() == 1 {
        pieces[0].text.clone()
    } else {
        pieces.iter().map(|p| p.text.as_str()).collect()
    };
    let scan = scan(&html);
    ids.extend(scan.ids);
    // Where each piece starts in `html`.
    let starts: Vec<usize> = pieces
        .iter()
        .scan(0, |at, p| {
            let start = *at;
            *at += p.text.len();
            Some(start)
        })
        .collect();
    let offset_of = |at: usize| {
        let i = starts.partition_point(|&s| s <= at).saturating_sub(1);
        let p = &pieces[i];
        body_offset(&p.text, body.get(p.source.clone()).unwrap_or(""), at - starts[i]) + p.source.start
    };
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for url in &scan.urls {
        let raw = &html[url.span.clone()];
        // Positions inside the value are exact when it has no character references.
        let exact = raw == url.value;
        let at = |i: usize| offset_of(url.span.start + if exact { i } else { 0 });
        let new = if matches!(
            url.kind,
            LinkKind::RawHtml {
                attribute: "srcset",
                ..
            }
        ) {
            let mut new = String::with_capacity(url.value.len());
            let mut last = 0;
            for candidate in srcset_urls(&url.value) {
                new.push_str(&url.value[last..candidate.start]);
                new.push_str(&rewrite(
                    &url.value[candidate.clone()],
                    url.kind,
                    at(candidate.start),
                ));
                last = candidate.end;
            }
            new.push_str(&url.value[last..]);
            new
        } else if url.value.trim().is_empty() {
            continue;
        } else {
            rewrite(
                &url.value,
                url.kind,
                at(url.value.len() - url.value.trim_start().len()),
            )
        };
        if new != url.value {
            let quoted = url.span.start > 0 && matches!(html.as_bytes()[url.span.start - 1], b'"' | b'\'');
            let mut value = String::with_capacity(new.len() + 2);
            let bare = !quoted && (new.is_empty() || new.contains(|c: char| c.is_ascii_whitespace()));
            if bare {
                value.push('"');
            }
            push_escaped(&mut value, &new);
            if bare {
                value.push('"');
            }
            edits.push((url.span.clone(), value));
        }
    }
    if edits.is_empty() {
        return pieces.iter().map(|p| p.text.clone()).collect();
    }
    edits.sort_by_key(|e| e.0.start);
    // Each edit is written into the piece where its value starts; the rest of
    // a value that runs on into later pieces is dropped from them.
    let mut out = Vec::with_capacity(pieces.len());
    let mut edits = edits.into_iter().peekable();
    let mut skip_to = 0;
    for (i, p) in pieces.iter().enumerate() {
        let (start, end) = (starts[i], starts[i] + p.text.len());
        let mut text = String::with_capacity(p.text.len());
        // Edits do not overlap: the next one starts after the last one ended.
        let mut at = start.max(skip_to);
        while let Some((span, value)) = edits.next_if(|(span, _)| span.start < end) {
            text.push_str(&html[at..span.start]);
            text.push_str(&value);
            at = span.end;
            skip_to = span.end;
        }
        if at < end {
            text.push_str(&html[at..end]);
        }
        out.push(text);
    }
    out
}

/// The byte of `source` (where `text` was read from, pulldown-cmark having
/// removed the quote markers or indentation of its container from the start
/// of each line) that holds byte `at` of `text`.
fn body_offset(text: &str, source: &str, at: usize) -> usize {
    if text == source {
        return at;
    }
    let line = text[..at].matches('\n').count();
    let text_line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let text_line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let mut source_line_start = 0;
    for _ in 0..line {
        match source[source_line_start..].find('\n') {
            Some(i) => source_line_start += i + 1,
            None => return 0,
        }
    }
    let source_line_end = source[source_line_start..]
        .find('\n')
        .map_or(source.len(), |i| source_line_start + i);
    // The text's line is the end of the source's line (else: the line's start).
    let text_line = &text[text_line_start..text_line_end];
    match source_line_end.checked_sub(text_line.len()) {
        Some(start)
            if start >= source_line_start && source.get(start..source_line_end) == Some(text_line) =>
        {
            start + (at - text_line_start)
        }
        _ => source_line_start,
    }
}

/// The URLs of a `srcset` value (`a.png 1x, b.png 2x`), as ranges of it.
pub fn srcset_urls(value: &str) -> Vec<Range<usize>> {
    let b = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
            i += 1;
        }
        if i == b.len() {
            return out;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut end = i;
        let trailing_commas = value[start..end].ends_with(',');
        while end > start && b[end - 1] == b',' {
            end -= 1;
        }
        if end > start {
            out.push(start..end);
        }
        if !trailing_commas {
            // Descriptors run to the next comma outside parentheses.
            let mut depth = 0usize;
            while i < b.len() {
                match b[i] {
                    b'(' => depth += 1,
                    b')' => depth = depth.saturating_sub(1),
                    b',' if depth == 0 => break,
                    _ => {}
                }
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests;
