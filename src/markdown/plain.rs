//! A page's plain text, taken from the events that render it (for the search
//! index): the text a reader sees, as the HTML would give it, without reading
//! the HTML again. Text and code are copied; the HTML the page is made with
//! (headings, callouts, fenced blocks from the hooks, raw HTML) is read as
//! HTML; block elements separate words; image descriptions, which are
//! attributes in the HTML, are left out.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::search::text::PlainText;

#[derive(Debug, Default)]
pub(super) struct PlainCollector {
    plain: PlainText,
    /// Inside an image (its text is its description).
    images: usize,
    /// The lines of the raw HTML block being read (read as one at its end,
    /// so that an element may span lines).
    html_block: Option<String>,
    /// Where each h2 and h3 starts in the text, and where its title ends.
    headings: Vec<Range<usize>>,
}

impl PlainCollector {
    pub(super) fn with_capacity(bytes: usize) -> PlainCollector {
        let mut c = PlainCollector::default();
        c.plain.text.reserve(bytes);
        c
    }

    /// Takes the next event on its way to the HTML writer.
    pub(super) fn see(&mut self, event: &Event) {
        if let Some(block) = &mut self.html_block {
            match event {
                Event::Html(h) | Event::InlineHtml(h) => block.push_str(h),
                Event::Text(t) => block.push_str(t),
                Event::End(TagEnd::HtmlBlock) => {
                    let block = std::mem::take(block);
                    self.html_block = None;
                    self.plain.push_html(&block);
                    self.plain.break_words();
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t)
                if self.images == 0 =>
            {
                self.plain.push_text(t)
            }
            Event::Html(h) => self.html(h),
            Event::InlineHtml(h) => self.plain.push_html(h),
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            Event::Start(Tag::HtmlBlock) => {
                self.plain.break_words();
                self.html_block = Some(String::new());
            }
            Event::Start(tag) if !is_inline(tag) => self.plain.break_words(),
            Event::End(tag) if !is_inline_end(*tag) => self.plain.break_words(),
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.plain.break_words(),
            _ => {}
        }
    }

    /// A piece of the page's own HTML (raw HTML blocks are read whole): a
    /// heading's tags mark where it is in the text.
    fn html(&mut self, h: &str) {
        let starts_heading = h.starts_with("<h2 ") || h.starts_with("<h3 ");
        if starts_heading {
            let at = self.plain.text.len();
            self.headings.push(at..at);
        }
        self.plain.push_html(h);
        if (h.starts_with("</h2>") || h.starts_with("</h3>"))
            && let Some(last) = self.headings.last_mut()
        {
            last.end = self.plain.text.len();
        }
    }

    /// The text and, for each h2 and h3 in order, where it starts and where
    /// its title ends in it.
    pub(super) fn finish(self) -> (String, Vec<Range<usize>>) {
        (self.plain.text, self.headings)
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}
