//! The ids that raw HTML in a page gives a link to point at: `id="…"` on any
//! element and the legacy `<a name="…">`.
//!
//! A small scanner over start tags, following the HTML tokenizer where it
//! matters for finding attributes: comments, `<!…>` and `<?…>` are skipped, end
//! tags are skipped, attribute values are quoted with `"` or `'` or unquoted,
//! attribute names are case-insensitive, and the content of `<script>`,
//! `<style>`, `<textarea>` and `<title>` is text, not tags. Only the first of
//! two attributes with the same name counts (as in a browser). Character
//! references in a value are decoded for the common forms (`&amp;`, `&lt;`,
//! `&gt;`, `&quot;`, `&apos;`, `&#…;`, `&#x…;`); others are kept as written.

/// Appends to `out` every id that `html` (one raw HTML block or inline tag)
/// defines, in order.
pub fn collect(html: &str, out: &mut Vec<String>) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            // `<!-->` and `<!--->` end at once, as in a browser.
            rest = match after {
                a if a.starts_with('>') => &a[1..],
                a if a.starts_with("->") => &a[2..],
                a => a.find("-->").map_or("", |i| &a[i + 3..]),
            };
        } else if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = start_tag(&rest[1..], out);
        } else {
            rest = &rest[1..];
        }
    }
}

/// Reads a start tag from just after its `<`; returns what follows it.
fn start_tag<'a>(s: &'a str, out: &mut Vec<String>) -> &'a str {
    let name_end = s
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(s.len());
    let name = &s[..name_end];
    let mut rest = &s[name_end..];
    let mut seen_id = false;
    let mut seen_name = false;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return rest;
        }
        if let Some(after) = rest.strip_prefix('>') {
            return raw_text_end(name, after);
        }
        // An attribute name may start with `=`; it ends at space, `/`, `>` or `=`.
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let attr_end = rest[first..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>' || c == '=')
            .map_or(rest.len(), |i| i + first);
        let attr = &rest[..attr_end];
        rest = &rest[attr_end..];
        let after_space = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let value = match after_space.strip_prefix('=') {
            Some(v) => {
                let v = v.trim_start_matches(|c: char| c.is_ascii_whitespace());
                let (value, after) = attribute_value(v);
                rest = after;
                Some(value)
            }
            None => None,
        };
        let is_id = attr.eq_ignore_ascii_case("id");
        let is_name = attr.eq_ignore_ascii_case("name") && name.eq_ignore_ascii_case("a");
        if ((is_id && !seen_id) || (is_name && !seen_name))
            && let Some(v) = value.map(decode).filter(|v| !v.is_empty())
        {
            out.push(v);
        }
        seen_id |= is_id;
        seen_name |= is_name;
    }
}

/// Splits `s` (just after `=`) into an attribute value and what follows it.
fn attribute_value(s: &str) -> (&str, &str) {
    match s.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let body = &s[1..];
            match body.find(q) {
                Some(i) => (&body[..i], &body[i + 1..]),
                None => (body, ""),
            }
        }
        _ => {
            let end = s
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(s.len());
            (&s[..end], &s[end..])
        }
    }
}

/// After the start tag of an element whose content is text, skips to its end tag.
fn raw_text_end<'a>(name: &str, after: &'a str) -> &'a str {
    const RAW: [&str; 4] = ["script", "style", "textarea", "title"];
    if !RAW.iter().any(|r| r.eq_ignore_ascii_case(name)) {
        return after;
    }
    let mut i = 0;
    while let Some(j) = after[i..].find("</") {
        let at = i + j;
        let tail = &after[at + 2..];
        if tail
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && tail[name.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        {
            return &after[at..];
        }
        i = at + 2;
    }
    ""
}

/// Decodes the common character references of an attribute value.
fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').and_then(|semi| {
            let entity = &rest[1..semi];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let code = match entity.strip_prefix(['#']) {
                        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
                        Some(dec) => dec.parse().ok(),
                        None => None,
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        collect(html, &mut out);
        out
    }

    #[test]
    fn id_on_any_element_and_name_on_a() {
        assert_eq!(ids(r#"<a id="c-feature"></a>"#), ["c-feature"]);
        assert_eq!(ids(r#"<a name="legacy"></a>"#), ["legacy"]);
        assert_eq!(ids(r#"<span id='single'>x</span>"#), ["single"]);
        assert_eq!(ids("<div id=unquoted class=x>"), ["unquoted"]);
        assert_eq!(
            ids("<div\n  class=\"box\"\n  id=\"multi-line\"\n>"),
            ["multi-line"]
        );
        // `name` is an anchor only on `<a>`.
        assert!(ids(r#"<input name="field">"#).is_empty());
        assert_eq!(ids(r#"<a id="both" name="both-name">"#), ["both", "both-name"]);
    }

    #[test]
    fn attribute_names_are_case_insensitive() {
        assert_eq!(ids(r#"<A NAME="upper">"#), ["upper"]);
        assert_eq!(ids(r#"<SPAN Id="mixed">"#), ["mixed"]);
        assert_eq!(ids(r#"<p id = "spaced">"#), ["spaced"]);
    }

    #[test]
    fn id_inside_other_values_or_comments_is_not_an_id() {
        assert!(ids(r#"<img alt='id="no"' src="x.png">"#).is_empty());
        assert!(ids(r##"<a title="see id=no" href="#id">"##).is_empty());
        assert!(ids(r#"<a data-id="no" aria-hidden="true">"#).is_empty());
        assert!(ids(r#"<!-- <a id="commented"> -->"#).is_empty());
        assert_eq!(ids("<!--\n<span id=\"gone\">\n-->\n<span id=\"kept\">"), ["kept"]);
        assert!(ids(r#"</a id="end-tag">"#).is_empty());
        assert!(ids(r#"<!DOCTYPE html id="x">"#).is_empty());
        assert!(ids(r#"1 < 2 and id="x" is text"#).is_empty());
        assert_eq!(
            ids(r#"<script>var s = '<a id="in-script">';</script><b id="after">"#),
            ["after"]
        );
        assert!(ids(r#"<STYLE>p { content: "<a id=x>" }</style >"#).is_empty());
    }

    #[test]
    fn values_are_decoded_and_the_first_id_wins() {
        assert_eq!(ids(r#"<a id="a&amp;b">"#), ["a&b"]);
        assert_eq!(ids(r#"<a id="&#x4E2D;&#25991;&nope;">"#), ["中文&nope;"]);
        assert_eq!(ids(r#"<a id="first" id="second">"#), ["first"]);
        assert!(ids(r#"<a id="">"#).is_empty());
        assert!(ids("<a id>").is_empty());
    }

    #[test]
    fn broken_html_gives_what_it_can_and_never_panics() {
        assert_eq!(ids(r#"<a id="unterminated"#), ["unterminated"]);
        assert!(ids("<a id=").is_empty());
        for s in [
            "<",
            "<a",
            "<!--",
            "<!-->",
            "<!--->",
            "<a =x>",
            "<a id='é",
            "<é id=x>",
            "<a é=x id=y>",
            "&#xFFFFFFFF;",
        ] {
            ids(s);
        }
        assert_eq!(ids("<!-->x<i id=after-empty-comment>"), ["after-empty-comment"]);
    }
}
