//! A page's plain text, taken from the events that render it (for the search
//! index): the text a reader sees, as the HTML would give it, without reading
//! the HTML again. Text and code are copied; the HTML the page is made with
//! (headings, callouts, fenced blocks from the hooks, raw HTML) is read as
//! HTML; block elements separate words; image descriptions, which are
//! attributes in the HTML, are left out. [`html_to_text`] reads HTML the
//! same way.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

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
        // A footnote's number is not text of the page.
        if h.starts_with(super::FOOTNOTE_REFERENCE) {
            return;
        }
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

/// A text made in pieces — plain text, and HTML read as [`html_to_text`]
/// reads it — with whitespace collapsed across them as if they were one,
/// trimmed.
#[derive(Debug, Default, Clone)]
pub struct PlainText {
    pub text: String,
    /// Whitespace (or a word break) since the last character.
    space: bool,
}

impl PlainText {
    /// Appends plain text (`<` and `&` are characters like any other).
    pub fn push_text(&mut self, s: &str) {
        for (n, word) in s.split(char::is_whitespace).enumerate() {
            self.space |= n > 0;
            if !word.is_empty() {
                if self.space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push_str(word);
            }
        }
    }

    /// Separates the words before from those after (as a block element does).
    pub fn break_words(&mut self) {
        self.space = true;
    }

    /// Appends the text of an HTML fragment: tags dropped (a block element
    /// separates words), entities decoded, drawings (`<svg>`), scripts and
    /// styles skipped.
    pub fn push_html(&mut self, html: &str) {
        let mut rest = html;
        while let Some(i) = rest.find(['<', '&']) {
            self.push_text(&rest[..i]);
            rest = &rest[i..];
            if rest.starts_with('&') {
                let (c, len) = entity(rest).unwrap_or(('&', 1));
                self.push_text(c.encode_utf8(&mut [0; 4]));
                rest = &rest[len..];
                continue;
            }
            let tag = HtmlTag::at(rest);
            let name = tag.name.to_ascii_lowercase();
            if BLOCKS.contains(&name.as_str()) {
                self.break_words();
            }
            rest = &rest[tag.end..];
            if SKIPPED.contains(&name.as_str()) && !tag.closing && !tag.self_closing {
                rest = after_skipped(rest, tag.name);
            }
        }
        self.push_text(rest);
    }
}

/// The text of an HTML fragment, whitespace collapsed, trimmed.
pub fn html_to_text(html: &str) -> String {
    let mut text = PlainText::default();
    text.push_html(html);
    text.text
}

/// Elements whose content is not text a reader searches for.
const SKIPPED: &[&str] = &["svg", "script", "style", "template"];

/// Elements that separate words.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "pre",
    "section",
    "aside",
    "figure",
    "figcaption",
    "dt",
    "dd",
    "hr",
    "details",
    "summary",
    "caption",
];

/// A tag as the text needs it.
struct HtmlTag<'a> {
    /// Its length: up to the first `>` outside quotes, or the whole rest.
    end: usize,
    /// The element name as written (ASCII letters, digits and `-`).
    name: &'a str,
    closing: bool,
    self_closing: bool,
}

impl HtmlTag<'_> {
    /// The tag that `s` starts with (at its `<`).
    fn at(s: &str) -> HtmlTag<'_> {
        let bytes = s.as_bytes();
        let closing = bytes.get(1) == Some(&b'/');
        let start = 1 + usize::from(closing);
        let len = bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
            .unwrap_or(bytes.len() - start);
        let mut end = bytes.len();
        let mut quote = None;
        for (i, &b) in bytes.iter().enumerate().skip(start + len) {
            match (quote, b) {
                (None, b'>') => {
                    end = i + 1;
                    break;
                }
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if q == b => quote = None,
                _ => {}
            }
        }
        HtmlTag {
            end,
            name: &s[start..start + len],
            closing,
            self_closing: s[..end].ends_with("/>"),
        }
    }
}

/// The rest of the HTML after the content of skipped element `name` and the
/// tag that closes it (elements of the same name may nest in it).
fn after_skipped<'a>(mut rest: &'a str, name: &str) -> &'a str {
    let mut depth = 1;
    while let Some(i) = rest.find('<') {
        let tag = HtmlTag::at(&rest[i..]);
        rest = &rest[i + tag.end..];
        if tag.name.eq_ignore_ascii_case(name) && !tag.self_closing {
            depth = if tag.closing { depth - 1 } else { depth + 1 };
            if depth == 0 {
                return rest;
            }
        }
    }
    ""
}

/// The character of the entity that `s` starts with (`&name;`, at most
/// eleven bytes with the `;`) and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(11).position(|b| b == b';')?;
    let c = match &s[1..semi] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        name => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_entities_and_whitespace() {
        assert_eq!(html_to_text("<p>服务</p><p>卓越</p>"), "服务 卓越");
        assert_eq!(html_to_text("<em>服</em>务"), "服务");
        assert_eq!(
            html_to_text("  a &amp; b&nbsp;&#x3000;c &bogus; &#65;&lt;  "),
            "a & b c &bogus; A<"
        );
        assert_eq!(html_to_text("a\u{3000}\u{a0}\n b"), "a b");
        assert_eq!(
            html_to_text("x<svg><svg></svg>t</svg>y<SCRIPT>s</script>z"),
            "xyz"
        );
        assert_eq!(html_to_text("<a title=\"a>b\">link</a><br/>next"), "link next");
        assert_eq!(html_to_text("<img src=x/>a<!-- c -->b"), "ab");
        assert_eq!(html_to_text("&amp"), "&amp");
        assert_eq!(html_to_text("&am<b>p;"), "&amp;");
        assert_eq!(
            html_to_text("<TD>a</td><x-y>b</x-y><svg/>c<svg>never closed"),
            "a bc"
        );
        assert_eq!(html_to_text(""), "");
        let mut t = PlainText::default();
        t.push_text("前 ");
        t.push_html(" <p> 后 </p> ");
        t.push_text("\u{2003}");
        assert_eq!(t.text, "前 后");
    }
}
