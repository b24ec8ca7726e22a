//! Markdown to HTML. All pulldown-cmark options are set in [`options`]; headings get
//! unique ids and feed the in-page table of contents; GitHub callouts become styled
//! boxes; links and images are handed to the caller for rewriting; fenced blocks with
//! a registered info string (e.g. `chart`) are rendered by the caller; maths
//! becomes MathML; footnotes are gathered at the end with links back to where
//! they are cited; headings get a link to themselves and images a link to
//! their file (on the web, not in print).

pub mod blocks;
pub mod cjk_break;
mod heading_ids;
pub mod highlight;
pub mod math;
mod plain;
mod raw_html;
mod reading_time;

pub use blocks::{Audience, BlockInfo, BlockKind};
pub use heading_ids::{IdAllocator, slugify};
pub use plain::html_to_text;
pub use reading_time::{TextStats, is_cjk};

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use std::collections::{HashMap, VecDeque};

use crate::html_escape::push_escaped;

/// The one place where Markdown features are switched on.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
        | Options::ENABLE_DEFINITION_LIST
}

/// Interface text the Markdown adds to a page (from `i18n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The name of the list of footnotes.
    Footnotes,
    /// The links from a footnote back to where it is cited (followed by its number).
    FootnoteBack,
    /// A heading's link to itself (followed by the heading's text).
    SectionLink,
    /// An exercise's time: `{n}` minutes.
    ExerciseMinutes,
    /// Before an exercise's materials.
    ExerciseMaterials,
    /// Between a box's label and its title (`：`).
    TitleSeparator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
    /// A URL in raw HTML, such as `<img src>`: the element and attribute
    /// (lower case), and whether the page loads it (rather than links to it).
    RawHtml {
        element: &'static str,
        attribute: &'static str,
        resource: bool,
    },
}

impl LinkKind {
    /// Whether the page loads the URL (an image, a video, a script…).
    pub fn is_resource(self) -> bool {
        match self {
            LinkKind::Link => false,
            LinkKind::Image => true,
            LinkKind::RawHtml { resource, .. } => resource,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
    /// `> [!EXERCISE]`: a classroom activity.
    Exercise,
    /// `> [!TRAINER]`: notes for the trainer.
    Trainer,
}

impl CalloutKind {
    pub fn class(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Important => "important",
            CalloutKind::Warning => "warning",
            CalloutKind::Caution => "caution",
            CalloutKind::Exercise => "exercise",
            CalloutKind::Trainer => "trainer",
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
    /// Interface text, e.g. 脚注.
    fn label(&self, label: Label) -> &str;
    /// A formula at byte `offset` of the Markdown body is not valid LaTeX.
    fn bad_math(&mut self, offset: usize, message: &str);
    /// Whether headings get a link to themselves and images a link to their
    /// file (the web pages do; a print edition does not).
    fn reader_links(&self) -> bool {
        false
    }
    /// Who the page is for: decides what becomes of `> [!TRAINER]`,
    /// `> [!SLIDES]` and `> [!SITE]` blocks (see [`blocks`]).
    fn audience(&self) -> Audience {
        Audience::Site
    }
    /// Put before every heading id (to keep ids unique when pages are combined).
    fn id_prefix(&self) -> String {
        String::new()
    }
    /// Whether to keep the page's plain text ([`Rendered::text`]).
    fn plain_text(&self) -> bool {
        false
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
    /// Every id a link may point at: headings, footnotes and the ids of raw
    /// HTML (`id="…"` on any element, `<a name="…">`).
    pub ids: Vec<String>,
    pub stats: TextStats,
    /// Ids written twice with `{#id}` (byte offset, id): the caller reports them.
    pub duplicate_ids: Vec<(usize, String)>,
    /// The text a reader sees, whitespace collapsed, when the hooks ask for it
    /// (for the search index).
    pub text: String,
    /// Where each entry of `toc` starts in `text`, and where its title ends.
    pub toc_text: Vec<std::ops::Range<usize>>,
    /// The plain text of the first paragraph that is not inside a list,
    /// quote or table (a page description when there is no summary).
    pub first_paragraph: String,
    /// Whether the page shows a code block (its page links the code style
    /// and the copy button's script).
    pub has_code: bool,
    /// The exercises and trainer notes shown, in order (for the facilitator guide).
    pub blocks: Vec<BlockInfo>,
}

/// Collects [`Rendered::first_paragraph`].
#[derive(Default)]
struct Lead {
    /// Lists, quotes, tables and footnotes open.
    depth: usize,
    /// Images open (their text is their description).
    images: usize,
    in_paragraph: bool,
    done: bool,
}

impl Lead {
    fn see(&mut self, event: &Event, text: &mut String) {
        if self.done {
            return;
        }
        match event {
            Event::Start(Tag::Paragraph) if self.depth == 0 => self.in_paragraph = true,
            Event::End(TagEnd::Paragraph) if self.in_paragraph => {
                self.in_paragraph = false;
                let trimmed = text.trim();
                self.done = !trimmed.is_empty();
                *text = trimmed.to_string();
            }
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList,
            ) => self.depth += 1,
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList,
            ) => self.depth = self.depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if self.in_paragraph && self.images == 0 => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if self.in_paragraph => text.push(' '),
            _ => {}
        }
    }

    /// The text of a formula, which [`Lead::see`] saw as LaTeX.
    fn math(&mut self, math_text: &str, text: &mut String) {
        if !self.done && self.in_paragraph && self.images == 0 {
            text.push_str(math_text);
        }
    }
}

/// The footnotes of a page: numbered in the order they are first cited, and
/// shown together at its end.
#[derive(Default)]
struct Footnotes<'a> {
    /// Each label's number and how many times it was cited so far.
    cited: HashMap<String, (usize, usize)>,
    /// The definitions read (label and events, rendered).
    defs: Vec<(String, Vec<Event<'a>>)>,
    /// The definition being read.
    open: Option<(String, Vec<Event<'a>>)>,
    /// Whether the list was written (at the end of the page).
    done: bool,
}

/// A footnote label as part of an id: whitespace (which ids may not hold) as `-`.
fn footnote_id(prefix: &str, kind: &str, label: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + kind.len() + label.len());
    id.push_str(prefix);
    id.push_str(kind);
    id.extend(label.chars().map(|c| if c.is_whitespace() { '-' } else { c }));
    id
}

/// Inline formulas longer than this (in LaTeX characters) may be wider than
/// a phone's column: they get a box of their own that scrolls.
const LONG_INLINE_MATH: usize = 30;

/// Where a new slide starts, in a page rendered for [`Audience::Slides`].
pub const SLIDE_BREAK: &str = "<!--coursegen:slide-->\n";
/// Around a trainer note in a page rendered for [`Audience::Trainer`] (the
/// handout, made from the same pages, leaves out what is between).
pub const TRAINER_START: &str = "<!--coursegen:trainer-->";
pub const TRAINER_END: &str = "<!--/coursegen:trainer-->\n";

/// A classroom block being read (see [`blocks`]).
struct OpenBlock<'a> {
    kind: BlockKind,
    mode: blocks::Mode,
    /// Block quotes open inside it.
    depth: usize,
    title: String,
    minutes: Option<u32>,
    materials: Option<String>,
    offset: usize,
    /// A boxed block's events as shown, rendered at its end.
    captured: Vec<Event<'a>>,
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
    let mut html = String::with_capacity(body.len() + body.len() / 4);
    let mut events = Events {
        body,
        parser: Parser::new_ext(body, options()).into_offset_iter(),
        id_prefix: hooks.id_prefix(),
        reader_links: hooks.reader_links(),
        audience: hooks.audience(),
        blocks: Vec::new(),
        containers: 0,
        exercises: 0,
        hooks,
        links: 0,
        images: Vec::new(),
        footnotes: Footnotes::default(),
        ids: IdAllocator::default(),
        heading: None,
        fence: None,
        html_block: None,
        queue: VecDeque::new(),
        ahead: VecDeque::new(),
        last_char: None,
        lead: Lead::default(),
        out: Rendered::default(),
    };
    // The events stream into the HTML writer: no page-sized list of them.
    if events.hooks.plain_text() {
        // The text is shorter than the Markdown but for entities and the
        // HTML blocks that the hooks write.
        let mut plain = plain::PlainCollector::with_capacity(body.len());
        pulldown_cmark::html::push_html(&mut html, (&mut events).inspect(|e| plain.see(e)));
        (events.out.text, events.out.toc_text) = plain.finish();
    } else {
        pulldown_cmark::html::push_html(&mut html, &mut events);
    }
    Rendered { html, ..events.out }
}

/// The parser's events as the page shows them: links rewritten, headings with
/// ids (their text collected for the table of contents), callouts and tables
/// wrapped, fenced blocks handed to the hooks. Fills `out` (all but `html`).
struct Events<'a, 'h> {
    body: &'a str,
    parser: pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>,
    hooks: &'h mut dyn RenderHooks,
    id_prefix: String,
    /// See [`RenderHooks::reader_links`].
    reader_links: bool,
    audience: Audience,
    /// The classroom blocks open (see [`blocks`]), innermost last.
    blocks: Vec<OpenBlock<'a>>,
    /// Quotes, lists, tables and footnotes open: a slide starts only outside them.
    containers: usize,
    /// Exercises so far (they are numbered for their ids).
    exercises: usize,
    /// Links open (Markdown or raw HTML `<a>`): an image in one is not made a link.
    links: usize,
    /// For each image open, whether it was put in a link to its file.
    images: Vec<bool>,
    footnotes: Footnotes<'a>,
    ids: IdAllocator,
    /// The heading being read: its events wait until its id is known.
    heading: Option<OpenHeading<'a>>,
    /// The fenced block being read: (info string's first word, text, offset).
    fence: Option<(String, String, usize)>,
    /// The raw HTML block being read, held back until its end (a comment or
    /// a tag may span its lines).
    html_block: Option<Vec<raw_html::Piece>>,
    /// Events to hand out before reading on.
    queue: VecDeque<Event<'a>>,
    /// Parser events read ahead (to see what follows a soft line break).
    ahead: VecDeque<(Event<'a>, std::ops::Range<usize>)>,
    /// The last character of the text just before, within a paragraph.
    last_char: Option<char>,
    lead: Lead,
    out: Rendered,
}

impl<'a> Iterator for Events<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(e) = self.queue.pop_front() {
                if let Some((_, events)) = &mut self.footnotes.open {
                    events.push(e);
                    continue;
                }
                // A boxed block's content is rendered on its own (close_block).
                if let Some(b) = self.blocks.iter_mut().rev().find(|b| b.mode == blocks::Mode::Box) {
                    b.captured.push(e);
                    continue;
                }
                return Some(e);
            }
            let Some((event, range)) = self.read() else {
                if self.footnotes.done {
                    return None;
                }
                self.footnotes.done = true;
                self.write_footnotes();
                continue;
            };
            if self.fence.is_none() && self.block_event(&event, range.start) {
                continue;
            }
            match &event {
                Event::Start(
                    Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_),
                ) => self.containers += 1,
                Event::End(
                    TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table | TagEnd::FootnoteDefinition,
                ) => self.containers = self.containers.saturating_sub(1),
                Event::Rule if self.audience == Audience::Slides && self.at_top() => {
                    self.queue.push_back(Event::Html(SLIDE_BREAK.into()));
                    continue;
                }
                _ => {}
            }
            if matches!(event, Event::SoftBreak) && self.fence.is_none() && self.joins_next() {
                continue;
            }
            self.last_char = match &event {
                Event::Text(t) | Event::Code(t) => t.chars().next_back(),
                Event::SoftBreak
                | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
                | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {
                    self.last_char
                }
                _ => None,
            };
            self.lead.see(&event, &mut self.out.first_paragraph);
            if let Some(e) = self.step(event, range) {
                self.queue.push_front(e);
            }
        }
    }
}

impl<'a> Events<'a, '_> {
    fn read(&mut self) -> Option<(Event<'a>, std::ops::Range<usize>)> {
        self.ahead.pop_front().or_else(|| self.parser.next())
    }

    /// Whether the soft line break just read falls between two CJK
    /// characters, where it joins the lines without a space (as CJK
    /// typesetting expects), rather than becoming one.
    fn joins_next(&mut self) -> bool {
        let Some(before) = self.last_char else {
            return false;
        };
        if !cjk_break::may_join(before) {
            return false;
        }
        let mut i = 0;
        loop {
            if i == self.ahead.len() {
                match self.parser.next() {
                    Some(e) => self.ahead.push_back(e),
                    None => return false,
                }
            }
            match &self.ahead[i].0 {
                Event::Text(t) | Event::Code(t) => {
                    return t
                        .chars()
                        .next()
                        .is_some_and(|after| cjk_break::joins(before, after));
                }
                Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }) => i += 1,
                _ => return false,
            }
        }
    }

    /// Takes one parser event: returns what to show now, or `None` when the
    /// event is held back (or its output queued).
    fn step(&mut self, event: Event<'a>, range: std::ops::Range<usize>) -> Option<Event<'a>> {
        let offset = range.start;
        if let Some((lang, text, at)) = &mut self.fence {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = self.hooks.render_fence(lang, text, *at).unwrap_or_else(|| {
                        self.out.has_code = true;
                        highlight::code_block(lang, text)
                    });
                    self.fence = None;
                    return Some(Event::Html(html.into()));
                }
                _ => {}
            }
            return None;
        }
        let event = self.raw_html(event, range.clone())?;
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.hooks.rewrite_link(&dest_url, LinkKind::Link, offset).into(),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.hooks.rewrite_link(&dest_url, LinkKind::Image, offset).into(),
                title,
                id,
            }),
            Event::InlineMath(latex) => self.math(&latex, false, range),
            Event::DisplayMath(latex) => self.math(&latex, true, range),
            other => other,
        };
        if let Event::End(TagEnd::Heading(_)) = event
            && let Some(h) = self.heading.take()
        {
            self.close_heading(h);
            return None;
        }
        if let Some(h) = &mut self.heading {
            match event {
                Event::Text(ref t) | Event::Code(ref t) => {
                    h.text.push_str(t);
                    self.out.stats.add(t);
                    h.inner.push(event);
                }
                other => h.inner.push(other),
            }
            return None;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading = Some(OpenHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    offset,
                    inner: Vec::new(),
                    text: String::new(),
                });
                None
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => highlight::info_language(&info),
                    CodeBlockKind::Indented => String::new(),
                };
                self.fence = Some((lang, String::new(), offset));
                None
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let kind = CalloutKind::from_cmark(kind);
                let mut open = String::with_capacity(96);
                open.push_str("<div class=\"callout callout-");
                open.push_str(kind.class());
                open.push_str("\" role=\"note\"><p class=\"callout-title\">");
                push_escaped(&mut open, self.hooks.callout_label(kind));
                open.push_str("</p>\n");
                Some(Event::Html(open.into()))
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => Some(Event::Html("</div>\n".into())),
            Event::Start(Tag::Table(_)) => {
                self.queue.push_back(event);
                // Focusable: on a phone the wrapper scrolls sideways, by keyboard too.
                Some(Event::Html("<div class=\"table-wrap\" tabindex=\"0\">".into()))
            }
            Event::End(TagEnd::Table) => {
                self.queue.push_back(Event::Html("</div>\n".into()));
                Some(event)
            }
            Event::Start(Tag::Link { .. }) => {
                self.links += 1;
                Some(event)
            }
            Event::End(TagEnd::Link) => {
                self.links = self.links.saturating_sub(1);
                Some(event)
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                // A link to the file shows the image at full size; not when
                // the image is a link already, nor when it has no text (the
                // link would have no name).
                let wrap = self.reader_links && self.links == 0 && self.image_has_text();
                self.images.push(wrap);
                if !wrap {
                    return Some(event);
                }
                let mut open = String::with_capacity(dest_url.len() + 32);
                open.push_str("<a class=\"image-link\" href=\"");
                push_escaped(&mut open, dest_url);
                open.push_str("\">");
                self.queue.push_back(event);
                Some(Event::Html(open.into()))
            }
            Event::End(TagEnd::Image) => {
                if self.images.pop() == Some(true) {
                    self.queue.push_back(Event::Html("</a>".into()));
                }
                Some(event)
            }
            Event::FootnoteReference(label) => {
                let next = self.footnotes.cited.len() + 1;
                let (number, count) = self.footnotes.cited.entry(label.to_string()).or_insert((next, 0));
                *count += 1;
                let (number, count) = (*number, *count);
                let mut sup = String::with_capacity(96);
                sup.push_str(FOOTNOTE_REFERENCE);
                sup.push_str("<a href=\"#");
                push_escaped(&mut sup, &footnote_id(&self.id_prefix, "fn-", &label));
                sup.push_str("\" id=\"");
                push_escaped(&mut sup, &footnote_ref_id(&self.id_prefix, &label, count));
                sup.push_str("\">");
                sup.push_str(&number.to_string());
                sup.push_str("</a></sup>");
                Some(Event::Html(sup.into()))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.out.ids.push(footnote_id(&self.id_prefix, "fn-", &label));
                self.footnotes.open = Some((label.to_string(), Vec::new()));
                None
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(def) = self.footnotes.open.take() {
                    self.footnotes.defs.push(def);
                }
                None
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                self.out.stats.add(t);
                Some(event)
            }
            other => Some(other),
        }
    }

    /// Raw HTML: its URLs rewritten (every other byte kept) and its ids
    /// collected. An HTML block is held back until its end; returns the event
    /// to go on with, or `None` when it is held or queued.
    fn raw_html(&mut self, event: Event<'a>, range: std::ops::Range<usize>) -> Option<Event<'a>> {
        let piece = |text: CowStr<'a>, is_text| raw_html::Piece {
            text: text.into_string(),
            source: range.clone(),
            is_text,
        };
        match event {
            Event::Start(Tag::HtmlBlock) => {
                self.html_block = Some(Vec::new());
                Some(event)
            }
            Event::Html(t) if self.html_block.is_some() => {
                self.html_block.as_mut()?.push(piece(t, false));
                None
            }
            // Indentation pulldown-cmark writes for a tab inside the block.
            Event::Text(t) if self.html_block.is_some() => {
                self.html_block.as_mut()?.push(piece(t, true));
                None
            }
            Event::End(TagEnd::HtmlBlock) => {
                let pieces = self.html_block.take().unwrap_or_default();
                let texts = self.rewrite_raw_html(&pieces);
                for (p, text) in pieces.iter().zip(texts) {
                    self.queue.push_back(match p.is_text {
                        true => Event::Text(text.into()),
                        false => Event::Html(text.into()),
                    });
                }
                self.queue.push_back(event);
                None
            }
            // End tags hold no URL and no id.
            Event::InlineHtml(t) if !t.starts_with("</") => {
                // An image inside a raw <a> is a link already.
                if is_tag(&t, "<a") {
                    self.links += 1;
                }
                let texts = self.rewrite_raw_html(&[piece(t, false)]);
                Some(Event::InlineHtml(texts.concat().into()))
            }
            Event::InlineHtml(t) => {
                if is_tag(&t, "</a") {
                    self.links = self.links.saturating_sub(1);
                }
                Some(Event::InlineHtml(t))
            }
            other => Some(other),
        }
    }

    fn rewrite_raw_html(&mut self, pieces: &[raw_html::Piece]) -> Vec<String> {
        let hooks = &mut *self.hooks;
        raw_html::rewrite(pieces, self.body, &mut self.out.ids, &mut |url, kind, at| {
            hooks.rewrite_link(url, kind, at)
        })
    }

    /// A formula as MathML (displayed ones in a box that scrolls sideways,
    /// by keyboard too); its text counts as the page's text. Invalid LaTeX
    /// is reported to the hooks and shown as written.
    fn math(&mut self, latex: &str, display: bool, range: std::ops::Range<usize>) -> Event<'a> {
        let html = match math::to_mathml(latex, display) {
            Ok(mathml) if display => {
                format!("<span class=\"math-display\" tabindex=\"0\">{mathml}</span>")
            }
            // A long inline formula cannot wrap: on a phone it scrolls in its
            // own box (by keyboard too) rather than the page sideways.
            Ok(mathml) if latex.chars().count() > LONG_INLINE_MATH => {
                format!("<span class=\"math-inline\" tabindex=\"0\">{mathml}</span>")
            }
            Ok(mathml) => mathml,
            Err(e) => {
                let at = math::source_offset(self.body, range, latex, e.at);
                self.hooks.bad_math(at, &e.message);
                let mut code = String::from("<code class=\"math-error\">");
                push_escaped(&mut code, latex);
                code.push_str("</code>");
                code
            }
        };
        let text = html_to_text(&html);
        self.out.stats.add(&text);
        self.lead.math(&text, &mut self.out.first_paragraph);
        if let Some(h) = &mut self.heading {
            h.text.push_str(&text);
        }
        Event::InlineHtml(html.into())
    }

    /// Whether the image just opened has a description (read ahead to its end).
    fn image_has_text(&mut self) -> bool {
        let mut depth = 0;
        let mut i = 0;
        loop {
            if i == self.ahead.len() {
                match self.parser.next() {
                    Some(e) => self.ahead.push_back(e),
                    None => return false,
                }
            }
            match &self.ahead[i].0 {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth == 0 => return false,
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => return true,
                _ => {}
            }
            i += 1;
        }
    }

    /// Queues the list of footnotes, in the order they were first cited
    /// (those never cited after them), each with a link back to every place
    /// that cites it.
    fn write_footnotes(&mut self) {
        let notes = &mut self.footnotes;
        if let Some(def) = notes.open.take() {
            notes.defs.push(def);
        }
        if notes.defs.is_empty() {
            return;
        }
        let mut uncited = notes.cited.len();
        let mut seen = std::collections::HashSet::new();
        let mut defs: Vec<(usize, usize, String, Vec<Event<'a>>)> = Vec::new();
        for (label, events) in std::mem::take(&mut notes.defs) {
            if !seen.insert(label.clone()) {
                continue;
            }
            let (number, count) = notes.cited.get(&label).copied().unwrap_or_else(|| {
                uncited += 1;
                (uncited, 0)
            });
            defs.push((number, count, label, events));
        }
        defs.sort_by_key(|d| d.0);
        let mut open = String::from("<section class=\"footnotes\" aria-label=\"");
        push_escaped(&mut open, self.hooks.label(Label::Footnotes));
        open.push_str("\">\n<ol>\n");
        self.queue.push_back(Event::Html(open.into()));
        let back = self.hooks.label(Label::FootnoteBack).to_string();
        for (number, count, label, mut events) in defs {
            let mut li = String::from("<li id=\"");
            push_escaped(&mut li, &footnote_id(&self.id_prefix, "fn-", &label));
            li.push_str("\">\n");
            self.queue.push_back(Event::Html(li.into()));
            let mut links = String::new();
            for k in 1..=count {
                links.push_str(" <a class=\"footnote-backref\" href=\"#");
                push_escaped(&mut links, &footnote_ref_id(&self.id_prefix, &label, k));
                links.push_str("\" aria-label=\"");
                push_escaped(&mut links, &back);
                links.push(' ');
                links.push_str(&number.to_string());
                if count > 1 {
                    links.push_str(&format!("-{k}\" data-n=\"{k}\">"));
                } else {
                    links.push_str("\">");
                }
                links.push_str("</a>");
            }
            // In the note's last paragraph, as books and GitHub place them.
            if matches!(events.last(), Some(Event::End(TagEnd::Paragraph))) {
                events.insert(events.len() - 1, Event::Html(links.into()));
            } else if !links.is_empty() {
                events.push(Event::Html(format!("<p>{links}</p>\n").into()));
            }
            self.queue.extend(events);
            self.queue.push_back(Event::Html("</li>\n".into()));
        }
        self.queue.push_back(Event::Html("</ol>\n</section>\n".into()));
    }

    /// Outside every quote, list, table, footnote and boxed block: where a
    /// slide may start.
    fn at_top(&self) -> bool {
        self.containers == 0 && !self.blocks.iter().any(|b| b.mode == blocks::Mode::Box)
    }

    /// Classroom blocks (see [`blocks`]): opens one at a block quote whose
    /// first paragraph starts with a marker, leaves out what a dropped one
    /// holds (checking its links), and closes one at its end. Returns whether
    /// the parser event was taken.
    fn block_event(&mut self, event: &Event<'a>, offset: usize) -> bool {
        if let Some(top) = self.blocks.last_mut() {
            match event {
                Event::Start(Tag::BlockQuote(_)) => top.depth += 1,
                Event::End(TagEnd::BlockQuote(_)) if top.depth == 0 => {
                    self.close_block();
                    return true;
                }
                Event::End(TagEnd::BlockQuote(_)) => top.depth -= 1,
                _ => {}
            }
            if top.mode == blocks::Mode::Drop {
                self.check_dropped(event, offset);
                return true;
            }
        }
        matches!(event, Event::Start(Tag::BlockQuote(None))) && self.open_block(offset)
    }

    /// A link or image in content left out is still checked.
    fn check_dropped(&mut self, event: &Event<'a>, offset: usize) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.hooks.rewrite_link(dest_url, LinkKind::Link, offset);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.hooks.rewrite_link(dest_url, LinkKind::Image, offset);
            }
            _ => {}
        }
    }

    /// Reads the quote's first paragraph: with a marker, opens the block
    /// (its other lines go back to be read as a paragraph); without, puts
    /// everything back.
    fn open_block(&mut self, offset: usize) -> bool {
        let mut first: Vec<(Event<'a>, std::ops::Range<usize>)> = Vec::new();
        while let Some(e) = self.read() {
            let done = matches!(e.0, Event::End(TagEnd::Paragraph))
                || (first.is_empty() && !matches!(e.0, Event::Start(Tag::Paragraph)));
            first.push(e);
            if done {
                break;
            }
        }
        let Some(marker) = blocks::read_marker(&first) else {
            for e in first.into_iter().rev() {
                self.ahead.push_front(e);
            }
            return false;
        };
        let mode = marker.kind.mode(self.audience);
        if mode == blocks::Mode::Drop {
            for (e, range) in &marker.rest {
                self.check_dropped(e, range.start);
            }
        } else {
            for e in marker.rest.into_iter().rev() {
                self.ahead.push_front(e);
            }
        }
        if mode == blocks::Mode::Box {
            // Not the page's lead paragraph.
            self.lead.see(
                &Event::Start(Tag::BlockQuote(None)),
                &mut self.out.first_paragraph,
            );
        }
        self.blocks.push(OpenBlock {
            kind: marker.kind,
            mode,
            depth: 0,
            title: marker.title,
            minutes: marker.minutes,
            materials: marker.materials,
            offset,
            captured: Vec::new(),
        });
        true
    }

    /// Ends the innermost block: a boxed one is written in its box and recorded.
    fn close_block(&mut self) {
        let Some(b) = self.blocks.pop() else { return };
        if b.mode != blocks::Mode::Box {
            return;
        }
        self.lead.see(
            &Event::End(TagEnd::BlockQuote(None)),
            &mut self.out.first_paragraph,
        );
        let mut inner = String::new();
        pulldown_cmark::html::push_html(&mut inner, b.captured.into_iter());
        let mut html = String::with_capacity(inner.len() + 256);
        let mut id = None;
        match (b.kind, self.audience) {
            (BlockKind::Trainer, Audience::Slides) => {
                html.push_str("<aside class=\"slide-notes\">\n");
                html.push_str(&inner);
                html.push_str("</aside>\n");
            }
            (kind, _) => {
                let callout = match kind {
                    BlockKind::Exercise => CalloutKind::Exercise,
                    _ => CalloutKind::Trainer,
                };
                if kind == BlockKind::Trainer {
                    html.push_str(TRAINER_START);
                }
                html.push_str("<div class=\"callout callout-");
                html.push_str(callout.class());
                html.push('"');
                if kind == BlockKind::Exercise {
                    self.exercises += 1;
                    let ex = format!("{}exercise-{}", self.id_prefix, self.exercises);
                    html.push_str(" id=\"");
                    push_escaped(&mut html, &ex);
                    html.push('"');
                    self.out.ids.push(ex.clone());
                    id = Some(ex);
                }
                html.push_str(" role=\"note\"><p class=\"callout-title\">");
                push_escaped(&mut html, self.hooks.callout_label(callout));
                if !b.title.is_empty() {
                    push_escaped(&mut html, self.hooks.label(Label::TitleSeparator));
                    push_escaped(&mut html, &b.title);
                }
                html.push_str("</p>\n");
                let mut meta = Vec::new();
                if let Some(m) = b.minutes {
                    meta.push(
                        self.hooks
                            .label(Label::ExerciseMinutes)
                            .replace("{n}", &m.to_string()),
                    );
                }
                if let Some(materials) = &b.materials {
                    meta.push(format!(
                        "{}{}{materials}",
                        self.hooks.label(Label::ExerciseMaterials),
                        self.hooks.label(Label::TitleSeparator)
                    ));
                }
                if !meta.is_empty() {
                    html.push_str("<p class=\"exercise-meta\">");
                    push_escaped(&mut html, &meta.join(" · "));
                    html.push_str("</p>\n");
                }
                html.push_str(&inner);
                html.push_str("</div>\n");
                if kind == BlockKind::Trainer {
                    html.push_str(TRAINER_END);
                }
            }
        }
        self.out.blocks.push(BlockInfo {
            kind: b.kind,
            title: b.title,
            minutes: b.minutes,
            materials: b.materials,
            html: inner,
            id,
            offset: b.offset,
        });
        self.queue.push_back(Event::Html(html.into()));
    }

    /// Queues a finished heading: its opening tag with the id, its inner
    /// events, its closing tag.
    fn close_heading(&mut self, h: OpenHeading<'a>) {
        let out = &mut self.out;
        let mut id = self.id_prefix.clone();
        match &h.id {
            Some(explicit) => {
                if !self.ids.claim(explicit) {
                    out.duplicate_ids.push((h.offset, explicit.to_string()));
                }
                id.push_str(explicit);
            }
            None => id.push_str(&self.ids.allocate(&h.text)),
        }
        let level = h.level as u8;
        if level == 2 && self.audience == Audience::Slides && self.at_top() {
            self.queue.push_back(Event::Html(SLIDE_BREAK.into()));
        }
        let out = &mut self.out;
        let mut open = String::with_capacity(id.len() + 16);
        open.push_str(["<h1", "<h2", "<h3", "<h4", "<h5", "<h6"][usize::from(level - 1)]);
        open.push_str(" id=\"");
        push_escaped(&mut open, &id);
        open.push('"');
        if !h.classes.is_empty() {
            open.push_str(" class=\"");
            for (i, class) in h.classes.iter().enumerate() {
                if i > 0 {
                    open.push(' ');
                }
                push_escaped(&mut open, class);
            }
            open.push('"');
        }
        for (name, value) in &h.attrs {
            if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !name.starts_with("on") {
                open.push(' ');
                open.push_str(name);
                open.push_str("=\"");
                push_escaped(&mut open, value.as_deref().unwrap_or(""));
                open.push('"');
            }
        }
        open.push('>');
        if level == 2 || level == 3 {
            out.toc.push(TocEntry {
                level,
                id: id.clone(),
                text: h.text.trim().to_string(),
            });
        }
        self.out.ids.push(id.clone());
        let text = h.text.trim().to_string();
        self.queue.push_back(Event::Html(open.into()));
        self.queue.extend(h.inner);
        if self.reader_links {
            // The `#` is drawn by CSS: the link adds nothing to the text.
            let mut a = String::with_capacity(id.len() + text.len() + 64);
            a.push_str("<a class=\"heading-anchor\" href=\"#");
            push_escaped(&mut a, &id);
            a.push_str("\" aria-label=\"");
            push_escaped(&mut a, self.hooks.label(Label::SectionLink));
            push_escaped(&mut a, &text);
            a.push_str("\"></a>");
            self.queue.push_back(Event::Html(a.into()));
        }
        let close = ["</h1>\n", "</h2>\n", "</h3>\n", "</h4>\n", "</h5>\n", "</h6>\n"];
        self.queue
            .push_back(Event::Html(close[usize::from(level - 1)].into()));
    }
}

/// How a footnote's citation starts.
const FOOTNOTE_REFERENCE: &str = "<sup class=\"footnote-reference\">";

/// The id of the `n`th citation of footnote `label`.
fn footnote_ref_id(prefix: &str, label: &str, n: usize) -> String {
    let mut id = footnote_id(prefix, "fnref-", label);
    if n > 1 {
        id.push('-');
        id.push_str(&n.to_string());
    }
    id
}

/// Whether the raw HTML `t` is a tag that starts with `start` (`<a`, `</a`).
fn is_tag(t: &str, start: &str) -> bool {
    t.get(..start.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(start))
        && t[start.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
}

#[cfg(test)]
mod tests;
