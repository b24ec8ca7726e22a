//! The first implementation of [`super::push_html_text`] (a search for
//! `<` per tag, then a pass over the text between tags), kept to check the
//! single-pass one against: both must give the same text on every input.
//! Whitespace is collapsed by the same [`Collapsed`] as the real one.

use super::Collapsed;

/// Elements whose content is not text a reader searches for.
const SKIPPED: &[&str] = &["svg", "script", "style", "template"];

/// Elements that separate words (a space is put in their place).
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

/// Appends the text of an HTML fragment to `text` (without a space before or
/// after it).
pub(super) fn push_html_text(text: &mut String, html: &str) {
    let mut out = Collapsed {
        start: text.len(),
        text,
        space: false,
    };
    let mut rest = html;
    // The skipped element (its name as written) and how deep inside it we are.
    let mut skip: Option<(&str, usize)> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip.is_none() {
                out.push_text(rest);
            }
            break;
        };
        if skip.is_none() {
            out.push_text(&rest[..lt]);
        }
        let tag_src = &rest[lt..];
        let end = tag_end(tag_src);
        let tag = &tag_src[..end];
        rest = &tag_src[end..];
        let (name, closing) = tag_name(tag);
        if let Some((skipped, depth)) = &mut skip {
            if name.eq_ignore_ascii_case(skipped) {
                if closing {
                    *depth = depth.saturating_sub(1);
                    if *depth == 0 {
                        skip = None;
                    }
                } else if !tag.ends_with("/>") {
                    *depth += 1;
                }
            }
            continue;
        }
        if !closing && is_one_of(name, SKIPPED) && !tag.ends_with("/>") {
            skip = Some((name, 1));
            continue;
        }
        if is_one_of(name, BLOCKS) {
            out.space = true;
        }
    }
}

/// Whether `name` is in `names` (which are lower case), ignoring case.
fn is_one_of(name: &str, names: &[&str]) -> bool {
    !name.is_empty() && names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The byte length of the tag at the start of `s` (quotes may hold `>`).
fn tag_end(s: &str) -> usize {
    let mut quote: Option<u8> = None;
    for (i, &b) in s.as_bytes().iter().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The element name of a tag (as written), and whether it closes (`</x>`).
fn tag_name(tag: &str) -> (&str, bool) {
    let inner = tag.trim_start_matches('<');
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    (&inner[..len], closing)
}

/// The bytes that may start whitespace or an entity: ASCII whitespace, `&`
/// and the lead bytes of the other whitespace characters (U+0085, U+00A0,
/// U+1680, U+2000…U+205F, U+3000).
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(i as u8, b' ' | b'\t'..=b'\r' | b'&' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        i += 1;
    }
    t
};

/// Whether any byte of `w` may be [`SPECIAL`]: at most 0x20, `&`, 0xC2 or
/// 0xE0..=0xE3 (a superset; eight bytes of most text are skipped at once).
fn may_be_special(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    let below = w.wrapping_sub(ONES * 0x21) & !w;
    let e0_e3 = zero((w & (ONES * 0xFC)) ^ (ONES * 0xE0));
    (below | zero(w ^ (ONES * b'&' as u64)) | zero(w ^ (ONES * 0xC2)) | e0_e3) & (ONES * 0x80) != 0
}

/// The reference's own way of adding the text between two tags.
impl Collapsed<'_> {
    /// Appends text between tags: entities decoded, whitespace collapsed.
    fn push_text(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut from = 0;
        let mut i = 0;
        while i < bytes.len() {
            if let Some(chunk) = bytes.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                if !may_be_special(u64::from_le_bytes(word)) {
                    i += 8;
                    continue;
                }
            }
            if !SPECIAL[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if c == '&' {
                self.push_word(&text[from..i]);
                let after = &text[i..];
                match after.as_bytes()[..after.len().min(11)]
                    .iter()
                    .position(|&b| b == b';')
                    .and_then(|n| decode(&after[1..n]).map(|c| (c, n)))
                {
                    Some((c, n)) => {
                        self.push_char(c);
                        i += n + 1;
                    }
                    None => {
                        self.push_word("&");
                        i += 1;
                    }
                }
                from = i;
            } else if c.is_whitespace() {
                self.push_word(&text[from..i]);
                self.space = true;
                i += c.len_utf8();
                from = i;
            } else {
                i += c.len_utf8();
            }
        }
        self.push_word(&text[from..]);
    }
}

fn decode(entity: &str) -> Option<char> {
    match entity {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = entity.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}
