//! Rendered HTML → plain text for the search index: tags dropped, entities
//! decoded, whitespace collapsed; drawings (`<svg>`), scripts and styles skipped.

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

/// The text of an HTML fragment.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skip: Option<String> = None;
    let mut depth = 0usize;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip.is_none() {
                push_text(&mut out, rest);
            }
            break;
        };
        if skip.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        let tag_src = &rest[lt..];
        let end = tag_end(tag_src);
        let tag = &tag_src[..end];
        rest = &tag_src[end..];
        let (name, closing) = tag_name(tag);
        if let Some(s) = &skip {
            if name == *s {
                if closing {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        skip = None;
                    }
                } else if !tag.ends_with("/>") {
                    depth += 1;
                }
            }
            continue;
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with("/>") {
            skip = Some(name);
            depth = 1;
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    collapse(&out)
}

/// The byte length of the tag at the start of `s` (quotes may hold `>`).
fn tag_end(s: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// Lower-cased element name of a tag, and whether it closes (`</x>`).
fn tag_name(tag: &str) -> (String, bool) {
    let inner = tag.trim_start_matches('<');
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let name = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    (name, closing)
}

fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        match after
            .find(';')
            .filter(|&i| i <= 10)
            .and_then(|i| decode(&after[1..i]).map(|c| (c, i)))
        {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
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

/// Whitespace runs → one space; trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
