//! Tests of the HTML-to-text pass: fixed cases, the byte scan, the element
//! lookup, and agreement with the first implementation on random HTML.

use super::*;
use crate::search::samples::{Rng, texts};

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
    assert_eq!(html_to_text(""), "");
    // Whitespace and entities anywhere within eight-byte blocks.
    let long = "服务卓越客户满意度 abcdefgh\u{3000}ijk\u{a0}l&amp;m\u{2003}n\tо\u{1680}p";
    for cut in 0..12 {
        let s: String = long.chars().skip(cut).collect();
        let want: Vec<&str> = s.split_whitespace().collect();
        assert_eq!(html_to_text(&s), want.join(" ").replace("&amp;", "&"), "{s:?}");
    }
    let mut s = String::from("前 ");
    push_html_text(&mut s, " <p> 后 </p> ");
    assert_eq!(s, "前 后");
}

#[test]
fn special_bytes_are_found_exactly() {
    bytescan::check::<Special>();
    for c in (0..=0x10_FFFF)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
    {
        assert!(Special::has(c.encode_utf8(&mut [0; 4]).as_bytes()[0]), "{c:?}");
    }
    assert!([b'<', b'&'].iter().all(|&b| Special::has(b)));
}

#[test]
fn elements_are_found_by_name_in_any_case() {
    let reference = |name: &[u8]| {
        let found = ELEMENTS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
        found.map_or(Element::Inline, |&(_, e)| e)
    };
    let mut names: Vec<String> = ELEMENTS
        .iter()
        .map(|(n, _)| String::from_utf8_lossy(n).into_owned())
        .collect();
    names.extend(
        [
            "",
            "a",
            "em",
            "h7",
            "x-y",
            "svgs",
            "figcaptions",
            "FIGCAPTION",
            "Br",
            "TD",
            "tbody",
        ]
        .map(String::from),
    );
    let mut rng = Rng::new(9);
    const NAME: &[u8] = b"abcdeghilmoprstuvyABCDPST0123456-";
    for _ in 0..20_000 {
        let len = rng.below(12);
        names.push(
            (0..len)
                .map(|_| char::from(NAME[rng.below(NAME.len())]))
                .collect(),
        );
    }
    for name in names {
        assert_eq!(element(name.as_bytes()), reference(name.as_bytes()), "{name:?}");
        let upper = name.to_ascii_uppercase();
        assert_eq!(
            element(upper.as_bytes()),
            reference(upper.as_bytes()),
            "{upper:?}"
        );
    }
}

/// Tags of every kind: blocks, inline, skipped (nested, self-closing,
/// upper case, unclosed), quoted `>`, comments, broken tags.
const TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"x\">",
    "</div>",
    "<br>",
    "<br/>",
    "<BR />",
    "<h2 id=\"s0\">",
    "</h2>",
    "<h3 id='a>b'>",
    "</h3>",
    "<li>",
    "<td>",
    "<table>",
    "<figcaption>",
    "<blockquote>",
    "<em>",
    "</em>",
    "<a href=\"x.html\" title=\"a > b\">",
    "</a>",
    "<code>",
    "<svg viewBox=\"0 0 1 1\">",
    "</svg>",
    "<svg/>",
    "<SVG>",
    "</Svg>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<template>",
    "</template>",
    "<!-- c -->",
    "<",
    "< p>",
    "</>",
    "<p",
    "<x-y>",
    "<figcaptions>",
    "<a title=\"unclosed>",
];

#[test]
fn agrees_with_the_reference_on_every_kind_of_html() {
    let texts = texts();
    let mut rng = Rng::new(5);
    for _ in 0..3000 {
        let mut html = String::new();
        for _ in 0..rng.below(12) {
            if rng.below(2) == 0 {
                html.push_str(TAGS[rng.below(TAGS.len())]);
            } else {
                html.push_str(&texts[rng.below(texts.len())]);
            }
        }
        for prefix in ["", "前 ", "前"] {
            let (mut got, mut want) = (prefix.to_string(), prefix.to_string());
            push_html_text(&mut got, &html);
            reference::push_html_text(&mut want, &html);
            assert_eq!(got, want, "{html:?}");
        }
    }
}

#[test]
fn plain_text_collapses_whitespace_across_pieces() {
    let mut p = PlainText::default();
    p.push_html("<h2 id=\"a\">");
    p.push_text(" 服务 ");
    p.push_text("卓越<b>&amp;");
    p.push_html("</h2>\n");
    p.push_text("客户\u{3000}满意");
    p.break_words();
    p.push_text("度");
    p.push_html("<em>");
    p.push_text("高");
    p.break_words();
    assert_eq!(p.text, "服务 卓越<b>&amp; 客户 满意 度高");
    bytescan::check::<Space>();
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let mut buf = [0; 8];
        let len = c.encode_utf8(&mut buf).len();
        let want = if c.is_whitespace() { len } else { 0 };
        assert_eq!(whitespace_len(&buf[..len]), want, "{c:?}");
    }
    for c in (0..=0x10_FFFF)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
    {
        assert!(Space::has(c.encode_utf8(&mut [0; 4]).as_bytes()[0]), "{c:?}");
    }
}

#[test]
fn plain_text_pieces_read_as_the_whole_html() {
    // Cutting an HTML text at tag boundaries and feeding the pieces (tags as
    // HTML, the text between them as plain text after decoding) gives the
    // text of the whole.
    let mut rng = Rng::new(11);
    for text in texts() {
        let words: Vec<&str> = text.split(' ').collect();
        let mut html = String::new();
        let mut p = PlainText::default();
        for w in words {
            let tag = ["<p>", "</p>", "<em>", "</em>", "<br/>", " ", "\n", ""][rng.below(8)];
            html.push_str(tag);
            p.push_html(tag);
            let escaped = w.replace('&', "&amp;").replace('<', "&lt;");
            html.push_str(&escaped);
            p.push_text(w);
        }
        assert_eq!(p.text, html_to_text(&html), "{html:?}");
    }
}
