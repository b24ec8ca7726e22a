//! Markdown to HTML. All pulldown-cmark options are set in [`options`]; headings get
//! unique ids and feed the in-page table of contents; GitHub callouts become styled
//! boxes; links and images are handed to the caller for rewriting; fenced blocks with
//! a registered info string (e.g. `chart`) are rendered by the caller.

mod heading_ids;
mod reading_time;

pub use heading_ids::{IdAllocator, slugify};
pub use reading_time::{TextStats, is_cjk};

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use crate::html_escape::escape_html;

/// The one place where Markdown features are switched on.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl CalloutKind {
    pub fn class(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Important => "important",
            CalloutKind::Warning => "warning",
            CalloutKind::Caution => "caution",
        }
    }

    fn from_cmark(kind: BlockQuoteKind) -> Self {
        match kind {
            BlockQuoteKind::Note => CalloutKind::Note,
            BlockQuoteKind::Tip => CalloutKind::Tip,
            BlockQuoteKind::Important => CalloutKind::Important,
            BlockQuoteKind::Warning => CalloutKind::Warning,
            BlockQuoteKind::Caution => CalloutKind::Caution,
        }
    }
}

/// What the caller decides while a page is rendered.
pub trait RenderHooks {
    /// Returns the URL to write for a link or image written as `dest` at byte
    /// `offset` of the Markdown body.
    fn rewrite_link(&mut self, dest: &str, kind: LinkKind, offset: usize) -> String;
    /// Renders a fenced block whose info string is `lang`, or returns `None` to
    /// print it as code.
    fn render_fence(&mut self, lang: &str, body: &str, offset: usize) -> Option<String>;
    /// Visible label of a callout box, e.g. 提示.
    fn callout_label(&self, kind: CalloutKind) -> &str;
    /// Put before every heading id (to keep ids unique when pages are combined).
    fn id_prefix(&self) -> String {
        String::new()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// h2 and h3 headings, in order.
    pub toc: Vec<TocEntry>,
    /// Every id a link may point at: headings and footnotes.
    pub ids: Vec<String>,
    pub stats: TextStats,
    /// Ids written twice with `{#id}` (byte offset, id): the caller reports them.
    pub duplicate_ids: Vec<(usize, String)>,
}

struct OpenHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    offset: usize,
    inner: Vec<Event<'a>>,
    text: String,
}

/// Renders `body` (a Markdown text without front matter).
pub fn render(body: &str, hooks: &mut dyn RenderHooks) -> Rendered {
    let mut out = Rendered::default();
    let mut ids = IdAllocator::default();
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<OpenHeading> = None;
    let mut fence: Option<(String, String, usize)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Some((lang, text, offset)) = &mut fence {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = hooks
                        .render_fence(lang, text, *offset)
                        .unwrap_or_else(|| code_block(lang, text));
                    events.push(Event::Html(html.into()));
                    fence = None;
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = hooks.rewrite_link(&dest_url, LinkKind::Link, range.start).into();
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = hooks.rewrite_link(&dest_url, LinkKind::Image, range.start).into();
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        };
        if let Some(h) = &mut heading {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    let h = heading.take().expect("heading is open");
                    close_heading(h, &hooks.id_prefix(), &mut ids, &mut out, &mut events);
                }
                Event::Text(ref t) | Event::Code(ref t) => {
                    h.text.push_str(t);
                    out.stats.add(t);
                    h.inner.push(event);
                }
                other => h.inner.push(other),
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(OpenHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    offset: range.start,
                    inner: Vec::new(),
                    text: String::new(),
                });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                fence = Some((lang, String::new(), range.start));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let kind = CalloutKind::from_cmark(kind);
                events.push(Event::Html(
                    format!(
                        "<div class=\"callout callout-{}\" role=\"note\"><p class=\"callout-title\">{}</p>\n",
                        kind.class(),
                        escape_html(hooks.callout_label(kind))
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => events.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html("<div class=\"table-wrap\">".into()));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::FootnoteDefinition(ref label)) => {
                out.ids.push(label.to_string());
                events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                out.stats.add(t);
                events.push(event);
            }
            other => events.push(other),
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

fn close_heading<'a>(
    h: OpenHeading<'a>,
    prefix: &str,
    ids: &mut IdAllocator,
    out: &mut Rendered,
    events: &mut Vec<Event<'a>>,
) {
    let id = match &h.id {
        Some(explicit) => {
            if !ids.claim(explicit) {
                out.duplicate_ids.push((h.offset, explicit.to_string()));
            }
            explicit.to_string()
        }
        None => ids.allocate(&h.text),
    };
    let id = format!("{prefix}{id}");
    let level = h.level as u8;
    if level == 2 || level == 3 {
        out.toc.push(TocEntry {
            level,
            id: id.clone(),
            text: h.text.trim().to_string(),
        });
    }
    out.ids.push(id.clone());
    let mut open = format!("<h{level} id=\"{}\"", escape_html(&id));
    if !h.classes.is_empty() {
        let classes: Vec<&str> = h.classes.iter().map(|c| c.as_ref()).collect();
        open.push_str(&format!(" class=\"{}\"", escape_html(&classes.join(" "))));
    }
    for (name, value) in &h.attrs {
        if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !name.starts_with("on") {
            open.push_str(&format!(
                " {}=\"{}\"",
                name,
                escape_html(value.as_deref().unwrap_or(""))
            ));
        }
    }
    open.push('>');
    events.push(Event::Html(open.into()));
    events.extend(h.inner);
    events.push(Event::Html(format!("</h{level}>\n").into()));
}

fn code_block(lang: &str, text: &str) -> String {
    if lang.is_empty() {
        format!("<pre><code>{}</code></pre>\n", escape_html(text))
    } else {
        format!(
            "<pre><code class=\"language-{}\">{}</code></pre>\n",
            escape_html(lang),
            escape_html(text)
        )
    }
}

#[cfg(test)]
mod tests;
