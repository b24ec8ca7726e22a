use super::*;

fn ids(html: &str) -> Vec<String> {
    scan(html).ids
}

/// (element, attribute, value) of every URL in `html`.
fn urls(html: &str) -> Vec<(&'static str, &'static str, String)> {
    scan(html)
        .urls
        .into_iter()
        .map(|u| match u.kind {
            LinkKind::RawHtml {
                element, attribute, ..
            } => (element, attribute, u.value),
            _ => unreachable!(),
        })
        .collect()
}

/// `html` as one piece at the start of the body, every URL prefixed with `new/`;
/// also returns (url, offset) of each call.
fn rewritten(html: &str) -> (String, Vec<(String, usize)>) {
    let mut calls = Vec::new();
    let pieces = [Piece {
        text: html.to_string(),
        source: 0..html.len(),
        is_text: false,
    }];
    let mut ids = Vec::new();
    let out = rewrite(&pieces, html, &mut ids, &mut |url, _, at| {
        calls.push((url.to_string(), at));
        if url.starts_with("http") {
            url.to_string()
        } else {
            format!("new/{url}")
        }
    });
    (out.concat(), calls)
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
    assert_eq!(
        urls(r#"<IMG SRC="x.png">"#),
        [("img", "src", "x.png".to_string())]
    );
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
fn values_are_decoded_and_the_first_attribute_wins() {
    assert_eq!(ids(r#"<a id="a&amp;b">"#), ["a&b"]);
    assert_eq!(ids(r#"<a id="&#x4E2D;&#25991;&nope;">"#), ["中文&nope;"]);
    assert_eq!(ids(r#"<a id="first" id="second">"#), ["first"]);
    assert!(ids(r#"<a id="">"#).is_empty());
    assert!(ids("<a id>").is_empty());
    assert_eq!(
        urls(r#"<img src="a.png" src="b.png">"#),
        [("img", "src", "a.png".to_string())]
    );
}

#[test]
fn broken_html_gives_what_a_browser_gives_and_never_panics() {
    // A tag cut off by the end of the text is dropped, as in a browser.
    assert!(ids(r#"<a id="unterminated"#).is_empty());
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
        "<img src=\"\u{0}\">",
        "<img srcset=\",,, ,\">",
    ] {
        scan(s);
        rewritten(s);
    }
    assert_eq!(ids("<!-->x<i id=after-empty-comment>"), ["after-empty-comment"]);
    assert_eq!(ids(r#"<a id="x"name="y">"#), ["x", "y"]);
}

#[test]
fn the_urls_of_elements_that_load_or_link() {
    let html = r#"<a href="a.md">a</a><img src="i.png" srcset="i.png 1x, j.png 2x"><video src="v.mp4" poster="p.jpg"><source src="s.webm"><track src="t.vtt"></video><audio src="a.mp3"></audio><iframe src="f.html"></iframe><embed src="e.svg"><object data="o.pdf"></object><script src="x.js"></script><link rel="stylesheet" href="x.css"><area href="m.md">"#;
    let got: Vec<String> = urls(html)
        .iter()
        .map(|(e, a, v)| format!("{e} {a} {v}"))
        .collect();
    assert_eq!(
        got,
        [
            "a href a.md",
            "img src i.png",
            "img srcset i.png 1x, j.png 2x",
            "video src v.mp4",
            "video poster p.jpg",
            "source src s.webm",
            "track src t.vtt",
            "audio src a.mp3",
            "iframe src f.html",
            "embed src e.svg",
            "object data o.pdf",
            "script src x.js",
            "link href x.css",
            "area href m.md",
        ]
    );
    let resource = |html: &str| match scan(html).urls[0].kind {
        LinkKind::RawHtml { resource, .. } => resource,
        _ => unreachable!(),
    };
    assert!(!resource(r#"<a href="https://x.org/a.png">"#));
    assert!(resource(r#"<img src="https://x.org/a.png">"#));
    assert!(resource(r#"<link href="x.css" rel="Stylesheet">"#));
    assert!(!resource(r#"<link rel="canonical" href="https://x.org/">"#));
    // Not URLs of these elements, or not tags at all.
    assert!(urls(r#"<div src="x.png" href="y.md"><img data-src="z.png">"#).is_empty());
    assert!(urls(r#"<!-- <img src="c.png"> --><script>'<img src="s.png">'</script>"#).is_empty());
    assert!(urls(r#"<textarea><img src="t.png"></textarea>"#).is_empty());
}

#[test]
fn only_url_values_change_in_the_output() {
    let html = "<figure class=x>\n  <IMG  alt='a &amp; b' SRC=\"fig.png\"\n width=3>\n</figure>";
    let (out, calls) = rewritten(html);
    assert_eq!(out, html.replace("fig.png", "new/fig.png"));
    assert_eq!(calls, [("fig.png".to_string(), html.find("fig.png").unwrap())]);
    // Unquoted and single-quoted values stay so; what is written is escaped.
    assert_eq!(rewritten("<img src=a.png>").0, "<img src=new/a.png>");
    assert_eq!(rewritten("<a href='b&amp;c.md'>").0, "<a href='new/b&amp;c.md'>");
    // A value with a character reference is read decoded; its offset is its start.
    let (_, calls) = rewritten("<img src=\"&#97;.png\">");
    assert_eq!(calls, [("a.png".to_string(), 10)]);
    // Remote URLs come back as they are: nothing changes.
    let html = "<img src=\"https://x.org/a.png\"> <!-- <img src=\"c.png\"> -->";
    assert_eq!(
        rewritten(html),
        (html.to_string(), vec![("https://x.org/a.png".to_string(), 10)])
    );
}

#[test]
fn srcset_urls_are_rewritten_one_by_one() {
    let candidates = |v: &'static str| -> Vec<&str> { srcset_urls(v).into_iter().map(|r| &v[r]).collect() };
    assert_eq!(candidates("a.png"), ["a.png"]);
    assert_eq!(srcset_urls(" a.png 1x,b.png  2x , c.png"), [1..6, 10..15, 22..27]);
    // As in a browser: a URL runs to white space, commas and all.
    assert_eq!(candidates("a.png,b.png 2x"), ["a.png,b.png"]);
    assert_eq!(candidates("a.png, b.png 2x"), ["a.png", "b.png"]);
    assert_eq!(candidates("a.png,, b.png"), ["a.png", "b.png"]);
    assert_eq!(candidates("data:x,y 1x"), ["data:x,y"]);
    assert_eq!(candidates("a.png (w, h) 1x, b.png"), ["a.png", "b.png"]);
    let html = r#"<img srcset="s.png 480w, l.png 1080w" sizes="(max-width: 600px) 480px, 800px">"#;
    let (out, calls) = rewritten(html);
    assert_eq!(
        out,
        r#"<img srcset="new/s.png 480w, new/l.png 1080w" sizes="(max-width: 600px) 480px, 800px">"#
    );
    assert_eq!(calls, [("s.png".to_string(), 13), ("l.png".to_string(), 25)]);
}

#[test]
fn offsets_point_into_the_body_across_pieces_and_quote_markers() {
    // An HTML block inside a quote: pulldown-cmark hands over each line
    // without its `> `.
    let body = "> <div>\n> <img\n>   src=\"x.png\">\n> </div>\n";
    let pieces: Vec<Piece> = [
        (2, "<div>\n"),
        (10, "<img\n"),
        (17, "  src=\"x.png\">\n"),
        (34, "</div>\n"),
    ]
    .into_iter()
    .map(|(at, text): (usize, &str)| Piece {
        text: text.to_string(),
        source: at..at + text.len(),
        is_text: false,
    })
    .collect();
    for p in &pieces {
        assert_eq!(&body[p.source.clone()], p.text);
    }
    let mut seen = Vec::new();
    let out = rewrite(&pieces, body, &mut Vec::new(), &mut |url, _, at| {
        seen.push(at);
        format!("../{url}")
    });
    assert_eq!(seen, [body.find("x.png").unwrap()]);
    assert_eq!(out, ["<div>\n", "<img\n", "  src=\"../x.png\">\n", "</div>\n"]);
    // An inline tag over two lines of a quote: its text lacks the second `> `.
    let body = "> a <img\n> src=\"y.png\"> b\n";
    let start = body.find("<img").unwrap();
    let pieces = [Piece {
        text: "<img\nsrc=\"y.png\">".to_string(),
        source: start..body.find("> b").unwrap() + 1,
        is_text: false,
    }];
    let mut seen = Vec::new();
    rewrite(&pieces, body, &mut Vec::new(), &mut |url, _, at| {
        seen.push(at);
        url.to_string()
    });
    assert_eq!(seen, [body.find("y.png").unwrap()]);
}

/// Hooks that prefix every URL with `out/` and note each call.
struct Prefix(Vec<(String, LinkKind, usize)>);

impl super::super::RenderHooks for Prefix {
    fn rewrite_link(&mut self, dest: &str, kind: LinkKind, offset: usize) -> String {
        self.0.push((dest.to_string(), kind, offset));
        format!("out/{dest}")
    }
    fn render_fence(&mut self, _: &str, _: &str, _: usize) -> Option<String> {
        None
    }
    fn callout_label(&self, _: super::super::CalloutKind) -> &str {
        "Note"
    }
    fn label(&self, _: super::super::Label) -> &str {
        "label"
    }
    fn bad_math(&mut self, _: usize, _: &str) {}
}

#[test]
fn a_page_s_raw_html_goes_through_the_hooks_and_nothing_else_changes() {
    let body = "## Title <img src=\"h.png\">\n\n<div id=\"box\">\n\t<img src=\"tab.png\">\n<!-- <img src=\"c.png\"> -->\n</div>\n\n> <p>\n> <a\n> href=\"q.md\">q</a>\n\nText <IMG SRC=i.png> and `<img src=\"code.png\">`, ![md](m.png).\n\n```\n<img src=\"fenced.png\">\n```\n";
    let mut hooks = Prefix(Vec::new());
    let r = super::super::render(body, &mut hooks);
    let calls: Vec<(&str, usize)> = hooks.0.iter().map(|(d, _, at)| (d.as_str(), *at)).collect();
    let at = |s: &str| body.find(s).unwrap();
    assert_eq!(
        calls,
        [
            ("h.png", at("h.png")),
            ("tab.png", at("tab.png")),
            ("q.md", at("q.md")),
            ("i.png", at("i.png")),
            ("m.png", at("![md]")),
        ]
    );
    assert!(matches!(
        hooks.0[0].1,
        LinkKind::RawHtml {
            element: "img",
            attribute: "src",
            resource: true
        }
    ));
    assert!(matches!(
        hooks.0[2].1,
        LinkKind::RawHtml {
            element: "a",
            resource: false,
            ..
        }
    ));
    assert_eq!(hooks.0[4].1, LinkKind::Image);
    for written in [
        "Title <img src=\"out/h.png\"></h2>",
        "<div id=\"box\">\n\t<img src=\"out/tab.png\">\n<!-- <img src=\"c.png\"> -->\n</div>\n",
        "<p>\n<a\nhref=\"out/q.md\">q</a>",
        "Text <IMG SRC=out/i.png> and <code>&lt;img src=\"code.png\"&gt;</code>",
        "<code>&lt;img src=&quot;fenced.png&quot;&gt;",
    ] {
        assert!(r.html.contains(written), "no {written:?} in\n{}", r.html);
    }
    assert!(r.ids.contains(&"box".to_string()));
}

/// Hooks that give every URL back as written.
struct Same;

impl super::super::RenderHooks for Same {
    fn rewrite_link(&mut self, dest: &str, _: LinkKind, _: usize) -> String {
        dest.to_string()
    }
    fn render_fence(&mut self, _: &str, _: &str, _: usize) -> Option<String> {
        None
    }
    fn callout_label(&self, _: super::super::CalloutKind) -> &str {
        "Note"
    }
    fn label(&self, _: super::super::Label) -> &str {
        "label"
    }
    fn bad_math(&mut self, _: usize, _: &str) {}
}

#[test]
fn with_urls_unchanged_the_html_is_pulldown_cmark_s_byte_for_byte() {
    for body in [
        "> <div>\n> <img src=\"b.png\">\n>\tx\n> </div>\n",
        "- item\n\n  <p><img src=c.png\n  alt=x>\n  </p>\n",
        "<img src=\"a&amp;b.png\" srcset=\"a.png 1x,b.png 2x\"><!-- x -->\n\ntext <a href='x.md'>x</a>\n",
        "<script>\nvar s = '<img src=\"x\">';\n</script>\n\n<video\n  src=\"v.mp4\"\n  poster=p.png></video>\n",
        "<img src=\"unterminated\n\npara <img src=\"x\n",
    ] {
        let mut plain = String::new();
        pulldown_cmark::html::push_html(
            &mut plain,
            pulldown_cmark::Parser::new_ext(body, super::super::options()),
        );
        assert_eq!(super::super::render(body, &mut Same).html, plain, "{body:?}");
    }
}

mod attack {
    use super::*;
    use proptest::prelude::*;

    /// Markdown made of pieces of raw HTML, containers and code.
    fn markdown() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "<img src=\"a.png\">",
            "<img\nsrc=b.png>",
            "<a href='c.md#x'>",
            "</a>",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "<source srcset=\"d.png 1x, e.png 2x\">",
            "<video src=",
            "\"",
            "'",
            "=",
            ">",
            "<",
            "&amp;",
            "中文",
            "é",
            "\n",
            "\n\n",
            "> ",
            "- ",
            "\t",
            "    ",
            "`",
            "```\n",
            " ",
            "x",
            "<div>",
            "</div>",
            "<textarea>",
            "srcset=",
            "src=",
            "href=",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// No panic; every offset handed to the hooks is a character boundary
        /// of the body; URLs given back as written change nothing.
        #[test]
        fn raw_html_never_panics_and_keeps_every_byte(body in markdown()) {
            let mut hooks = Prefix(Vec::new());
            super::super::super::render(&body, &mut hooks);
            for (_, _, at) in &hooks.0 {
                prop_assert!(*at <= body.len() && body.is_char_boundary(*at), "{at} in {body:?}");
            }
            let mut plain = String::new();
            pulldown_cmark::html::push_html(&mut plain, pulldown_cmark::Parser::new_ext(&body, super::super::super::options()));
            let ours = super::super::super::render(&body, &mut Same).html;
            // Headings get ids, code blocks highlighting, and a line break
            // between CJK characters goes (also across inline tags, such as
            // `中文</code>\n中`): compare only pages without them.
            let text: String = plain
                .split('<')
                .map(|part| part.split_once('>').map_or(part, |(_, after)| after))
                .collect();
            if !["<h", "<pre"].iter().any(|s| plain.contains(s)) && !text.contains("文\n中") {
                prop_assert_eq!(ours, plain);
            }
        }
    }
}
