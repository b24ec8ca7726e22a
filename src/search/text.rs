//! Rendered HTML → plain text for the search index: tags dropped, entities
//! decoded, whitespace collapsed; drawings (`<svg>`), scripts and styles skipped.
//!
//! One pass over the bytes, sixteen at a time, that stops only at a byte that
//! may start a tag, an entity or whitespace ([`Special`]); the text in
//! between is copied in slices, and whitespace runs become one space as they
//! are met (trimmed at both ends).

use super::bytescan::{self, ByteClass, bytes_below, splat, zero_bytes};

/// The text of an HTML fragment.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    push_html_text(&mut text, html);
    text
}

/// Appends the text of an HTML fragment to `text` (without a space before or
/// after it).
pub fn push_html_text(text: &mut String, html: &str) {
    let mut out = Collapsed {
        start: text.len(),
        text,
        space: false,
    };
    push_html(&mut out, html);
}

/// A text made in pieces, such as a page's text taken from its Markdown as
/// it renders: pieces of HTML (as [`push_html_text`] reads them) and of plain
/// text, with whitespace collapsed across them as if they were one, trimmed.
#[derive(Debug, Default, Clone)]
pub struct PlainText {
    pub text: String,
    /// Whitespace (or a word break) was seen since the last character.
    space: bool,
}

impl PlainText {
    /// Appends the text of an HTML fragment.
    pub fn push_html(&mut self, html: &str) {
        let mut out = self.collapsed();
        push_html(&mut out, html);
        self.space = out.space;
    }

    /// Appends plain text (`<` and `&` are characters like any other).
    pub fn push_text(&mut self, s: &str) {
        let mut out = self.collapsed();
        let bytes = s.as_bytes();
        let mut from = 0;
        let mut at = 0;
        while let Some(i) = bytescan::find::<Space>(bytes, at) {
            // A byte of the class starts a character: it is ASCII or a lead
            // byte, never a continuation byte.
            match whitespace_len(&bytes[i..]) {
                0 => at = i + 1,
                len => {
                    out.push_word(&s[from..i]);
                    out.space = true;
                    at = i + len;
                    from = at;
                }
            }
        }
        out.push_word(&s[from..]);
        self.space = out.space;
    }

    /// Separates the words before from those after (as a block element does).
    pub fn break_words(&mut self) {
        self.space = true;
    }

    fn collapsed(&mut self) -> Collapsed<'_> {
        Collapsed {
            text: &mut self.text,
            start: 0,
            space: self.space,
        }
    }
}

/// The length of the whitespace character that `bytes` (UTF-8) starts with,
/// or 0 when it starts with another character; without decoding it.
#[inline(always)]
fn whitespace_len(bytes: &[u8]) -> usize {
    match *bytes {
        [b'\t'..=b'\r' | b' ', ..] => 1,
        // U+0085, U+00A0
        [0xC2, 0x85 | 0xA0, ..] => 2,
        // U+1680
        [0xE1, 0x9A, 0x80, ..] => 3,
        // U+2000…U+200A, U+2028, U+2029, U+202F
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        // U+205F
        [0xE2, 0x81, 0x9F, ..] => 3,
        // U+3000
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// The bytes that may start whitespace: ASCII up to the space, and the lead
/// bytes of [`Special`] beyond ASCII.
struct Space;

impl ByteClass for Space {
    fn has(b: u8) -> bool {
        b <= b' ' || b & 0xDC == 0xC0
    }

    #[inline(always)]
    fn marks(w: u64) -> u64 {
        bytes_below(w, b' ' + 1) | zero_bytes((w & splat(0xDC)) ^ splat(0xC0))
    }
}

/// Appends the text of `html` to `out`.
fn push_html(out: &mut Collapsed, html: &str) {
    let bytes = html.as_bytes();
    // Text from `from` to `at` is still to be written.
    let mut from = 0;
    let mut at = 0;
    while let Some(i) = bytescan::find::<Special>(bytes, at) {
        match bytes[i] {
            b'<' => {
                out.push_word(&html[from..i]);
                at = after_tag(html, i, &mut out.space);
                from = at;
            }
            b'&' => {
                out.push_word(&html[from..i]);
                match entity(&html[i..]) {
                    Some((c, len)) => {
                        out.push_char(c);
                        at = i + len;
                    }
                    None => {
                        out.push_word("&");
                        at = i + 1;
                    }
                }
                from = at;
            }
            b if b.is_ascii() => {
                at = i + 1;
                if matches!(b, b'\t'..=b'\r' | b' ') {
                    out.push_word(&html[from..i]);
                    out.space = true;
                    from = at;
                }
            }
            _ => {
                let c = html[i..].chars().next().unwrap_or(' ');
                at = i + c.len_utf8();
                if c.is_whitespace() {
                    out.push_word(&html[from..i]);
                    out.space = true;
                    from = at;
                }
            }
        }
    }
    out.push_word(&html[from..]);
}

/// What an element is to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    /// Its content is not text a reader searches for (it is skipped).
    Skipped,
    /// It separates words (a space is put in its place).
    Block,
    Inline,
}

/// A lower-case element name of at most sixteen bytes as one number, its
/// bytes from the most significant down (`| 0x20` lowers the case of the
/// letters and leaves digits and `-` as they are).
const fn name_key(name: &[u8]) -> u128 {
    let mut key = 0;
    let mut i = 0;
    while i < name.len() {
        key = key << 8 | (name[i] | 0x20) as u128;
        i += 1;
    }
    key
}

/// The elements that are not inline: skipped (their content is not text a
/// reader searches for) and blocks (they separate words).
const ELEMENTS: [(&[u8], Element); 32] = [
    (b"svg", Element::Skipped),
    (b"script", Element::Skipped),
    (b"style", Element::Skipped),
    (b"template", Element::Skipped),
    (b"p", Element::Block),
    (b"div", Element::Block),
    (b"br", Element::Block),
    (b"li", Element::Block),
    (b"ul", Element::Block),
    (b"ol", Element::Block),
    (b"h1", Element::Block),
    (b"h2", Element::Block),
    (b"h3", Element::Block),
    (b"h4", Element::Block),
    (b"h5", Element::Block),
    (b"h6", Element::Block),
    (b"tr", Element::Block),
    (b"td", Element::Block),
    (b"th", Element::Block),
    (b"table", Element::Block),
    (b"blockquote", Element::Block),
    (b"pre", Element::Block),
    (b"section", Element::Block),
    (b"aside", Element::Block),
    (b"figure", Element::Block),
    (b"figcaption", Element::Block),
    (b"dt", Element::Block),
    (b"dd", Element::Block),
    (b"hr", Element::Block),
    (b"details", Element::Block),
    (b"summary", Element::Block),
    (b"caption", Element::Block),
];

/// A multiplier that hashes each name of [`ELEMENTS`] to a bucket of its own
/// (the build fails if it does not: [`BY_BUCKET`]).
const MULTIPLIER: u64 = 0x07C5_0897_1908_50F5;

/// The bucket of a [`name_key`], of 64.
const fn bucket(key: u128) -> usize {
    ((key as u64 ^ (key >> 64) as u64).wrapping_mul(MULTIPLIER) >> 58) as usize
}

/// [`ELEMENTS`] by bucket, with their keys (0: none), so that an element is
/// found with one hash and one comparison.
const BY_BUCKET: [(u128, Element); 64] = {
    let mut table = [(0, Element::Inline); 64];
    let mut i = 0;
    while i < ELEMENTS.len() {
        let key = name_key(ELEMENTS[i].0);
        let b = bucket(key);
        assert!(
            table[b].0 == 0,
            "two element names share a bucket: change MULTIPLIER"
        );
        table[b] = (key, ELEMENTS[i].1);
        i += 1;
    }
    table
};

/// The bytes of an element name: ASCII letters, digits and `-`.
const NAME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'-' as usize;
        b += 1;
    }
    table
};

/// What element `name` (as written: ASCII letters, digits and `-`) is.
fn element(name: &[u8]) -> Element {
    // The longest name of ELEMENTS has ten letters (and longer ones would
    // not fit a key).
    if name.len() > 10 {
        return Element::Inline;
    }
    let key = name_key(name);
    match BY_BUCKET[bucket(key)] {
        (k, element) if k == key => element,
        _ => Element::Inline,
    }
}

/// A tag as the text pass needs it.
struct Tag<'a> {
    /// Where it ends in the HTML.
    end: usize,
    /// The element name as written.
    name: &'a [u8],
    /// `</name…>`.
    closing: bool,
    /// `<name…/>`.
    self_closing: bool,
}

/// The tag that starts at `html[at..]` (with `<`); it runs to the first `>`
/// outside quotes, or to the end.
#[inline(always)]
fn tag_at(html: &str, at: usize) -> Tag<'_> {
    let bytes = html.as_bytes();
    // The name follows the `<` (and any more of them) and the `/` of a
    // closing tag; it is made of ASCII letters, digits and `-` (none of
    // which ends the tag or opens a quote).
    let mut i = at + 1;
    while bytes.get(i) == Some(&b'<') {
        i += 1;
    }
    let closing = bytes.get(i) == Some(&b'/');
    i += usize::from(closing);
    let start = i;
    while bytes.get(i).is_some_and(|&b| NAME_BYTES[usize::from(b)]) {
        i += 1;
    }
    let name = &bytes[start..i];
    let mut end = bytes.len();
    while let Some(&b) = bytes.get(i) {
        match b {
            b'>' => {
                end = i + 1;
                break;
            }
            b'"' | b'\'' => match bytes[i + 1..].iter().position(|&c| c == b) {
                Some(n) => i += n + 1,
                None => break,
            },
            _ => {}
        }
        i += 1;
    }
    Tag {
        end,
        name,
        closing,
        self_closing: bytes[at..end].ends_with(b"/>"),
    }
}

/// Where the text goes on after the tag at `html[at..]` (and, for a skipped
/// element, its content); sets `space` for a block element.
#[inline(never)]
fn after_tag(html: &str, at: usize, space: &mut bool) -> usize {
    let tag = tag_at(html, at);
    match element(tag.name) {
        Element::Block => *space = true,
        Element::Skipped if !tag.closing && !tag.self_closing => {
            return after_skipped(html, tag.end, tag.name);
        }
        _ => {}
    }
    tag.end
}

/// Where the text goes on after the content of skipped element `name`, which
/// starts at `html[at..]`: after the tag that closes it (elements of the same
/// name may nest in it), or at the end.
fn after_skipped(html: &str, mut at: usize, name: &[u8]) -> usize {
    let mut depth = 1;
    while let Some(lt) = html[at..].find('<') {
        let tag = tag_at(html, at + lt);
        at = tag.end;
        if !tag.name.eq_ignore_ascii_case(name) {
            continue;
        }
        if tag.closing {
            depth -= 1;
            if depth == 0 {
                return at;
            }
        } else if !tag.self_closing {
            depth += 1;
        }
    }
    html.len()
}

/// The character of the entity at the start of `s` (`&name;`, at most eleven
/// bytes with the `;`) and its byte length.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.as_bytes()[..s.len().min(11)].iter().position(|&b| b == b';')?;
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

/// The bytes that may start a tag, an entity or whitespace: ASCII below `@`
/// (which holds the space and what is below it, `<` and `&`, and costs one
/// test for all), and the lead bytes 0xC0…0xC3 and 0xE0…0xE3, which hold
/// those of the other whitespace characters (U+0085 and U+00A0: 0xC2;
/// U+1680, U+2000…U+205F, U+3000: 0xE1…0xE3) and again cost one test.
struct Special;

impl ByteClass for Special {
    fn has(b: u8) -> bool {
        b < b'@' || b & 0xDC == 0xC0
    }

    #[inline(always)]
    fn marks(w: u64) -> u64 {
        bytes_below(w, b'@') | zero_bytes((w & splat(0xDC)) ^ splat(0xC0))
    }
}

/// Text with whitespace runs collapsed to one space, trimmed: a run is only
/// written (as one space) when more text follows.
struct Collapsed<'a> {
    text: &'a mut String,
    /// Where the text of this fragment starts in `text`.
    start: usize,
    /// Whitespace was seen since the last character written.
    space: bool,
}

impl Collapsed<'_> {
    /// Appends `s`, which holds no whitespace.
    fn push_word(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.space && self.text.len() > self.start {
            self.text.push(' ');
        }
        self.space = false;
        self.text.push_str(s);
    }

    fn push_char(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = true;
        } else {
            self.push_word(c.encode_utf8(&mut [0; 4]));
        }
    }
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests;
