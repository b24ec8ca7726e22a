use super::*;

struct Plain(Vec<(String, LinkKind, usize)>);

impl RenderHooks for Plain {
    fn rewrite_link(&mut self, dest: &str, kind: LinkKind, offset: usize) -> String {
        self.0.push((dest.to_string(), kind, offset));
        format!("rewritten/{dest}")
    }
    fn render_fence(&mut self, lang: &str, body: &str, _offset: usize) -> Option<String> {
        (lang == "shout").then(|| format!("<p>{}</p>", body.trim().to_uppercase()))
    }
    fn callout_label(&self, kind: CalloutKind) -> &str {
        match kind {
            CalloutKind::Tip => "提示",
            _ => "注意",
        }
    }
    fn label(&self, label: Label) -> &str {
        match label {
            Label::Footnotes => "脚注",
            Label::FootnoteBack => "返回引用处",
            Label::SectionLink => "链接到此节：",
            Label::ExerciseMinutes => "{n} 分钟",
            Label::ExerciseMaterials => "材料",
            Label::TitleSeparator => "：",
        }
    }
    fn bad_math(&mut self, offset: usize, message: &str) {
        self.0
            .push((format!("bad math: {message}"), LinkKind::Link, offset));
    }
}

fn md(text: &str) -> (Rendered, Vec<(String, LinkKind, usize)>) {
    let mut hooks = Plain(Vec::new());
    let r = render(text, &mut hooks);
    (r, hooks.0)
}

#[test]
fn headings_get_cjk_ids_and_toc() {
    let (r, _) = md("# 标题\n\n## 计算方法\n\n### NPS 的计算\n\n## 计算方法\n\n## 自定义 {#custom}\n");
    assert!(r.html.contains("<h2 id=\"计算方法\">计算方法</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"计算方法-1\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"custom\">自定义</h2>"), "{}", r.html);
    let toc: Vec<(u8, &str)> = r.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
    assert_eq!(
        toc,
        [
            (2, "计算方法"),
            (3, "nps-的计算"),
            (2, "计算方法-1"),
            (2, "custom")
        ]
    );
    assert!(r.ids.contains(&"标题".to_string()));
}

#[test]
fn duplicate_explicit_ids_are_reported() {
    let (r, _) = md("## A {#x}\n\n## B {#x}\n");
    assert_eq!(r.duplicate_ids.len(), 1);
}

#[test]
fn callouts_become_labelled_boxes() {
    let (r, _) = md("> [!TIP]\n> 多倾听。\n\n> 普通引用\n");
    assert!(
        r.html
            .contains("<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">提示</p>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<blockquote>"),
        "plain quotes stay quotes: {}",
        r.html
    );
}

#[test]
fn links_and_images_go_through_the_hook_with_offsets() {
    let text = "见 [NPS](../05-m/02-nps.md#计算方法)。\n\n![图](../assets/a.png)\n";
    let (r, links) = md(text);
    assert_eq!(links[0].0, "../05-m/02-nps.md#计算方法");
    assert_eq!(links[0].1, LinkKind::Link);
    assert_eq!(&text[links[0].2..links[0].2 + 1], "[");
    assert_eq!(links[1].1, LinkKind::Image);
    assert!(
        r.html.contains("href=\"rewritten/../05-m/02-nps.md#"),
        "{}",
        r.html
    );
}

#[test]
fn gfm_extensions_are_on() {
    let (r, _) = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~删~~\n\n- [x] 完成\n\n脚注[^1]\n\n[^1]: 说明\n");
    assert!(
        r.html
            .contains("<div class=\"table-wrap\" tabindex=\"0\"><table>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<del>删</del>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("footnote"));
}

#[test]
fn registered_fences_are_rendered_by_the_hook_and_others_escaped() {
    let (r, _) = md("```shout\nhi\n```\n\n```rust\nlet a = \"<b>\";\n```\n");
    assert!(r.html.contains("<p>HI</p>"));
    assert!(
        r.html.contains(
            "<code class=\"language-rust\"><span class=\"hl-kw\">let</span> a = \
             <span class=\"hl-str\">&quot;&lt;b&gt;&quot;</span>;"
        ),
        "{}",
        r.html
    );
}

/// The `<code>` element's opening tag of the only code block in `html`.
fn code_tag(html: &str) -> &str {
    let start = html.find("<code").expect("a code block");
    &html[start..start + html[start..].find('>').expect("a tag end") + 1]
}

#[test]
fn the_language_is_the_first_word_of_the_info_string() {
    for (info, class) in [
        ("rust,ignore", "language-rust"),
        ("rust,should_panic", "language-rust"),
        ("rust ignore", "language-rust"),
        ("python title=\"x.py\"", "language-python"),
        ("{.rust}", "language-rust"),
        ("{ .rust .numberLines }", "language-rust"),
        ("Rust", "language-rust"),
        ("c++", "language-c++"),
    ] {
        let (r, _) = md(&format!("```{info}\nlet x = 1;\n```\n"));
        assert_eq!(code_tag(&r.html), format!("<code class=\"{class}\">"), "{info}");
    }
    assert_eq!(highlight::info_language(""), "");
    assert_eq!(highlight::info_language("  {}"), "");
    let (r, _) = md("```\nplain\n```\n\n    indented\n");
    assert!(
        r.html.contains("<pre tabindex=\"0\"><code>plain\n</code></pre>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<pre tabindex=\"0\"><code>indented\n</code></pre>"),
        "{}",
        r.html
    );
    assert!(r.has_code);
    assert!(!md("no code here\n").0.has_code);
}

/// The classes `html`'s spans carry, with their text: `[("hl-kw", "fn"), …]`.
fn spans(html: &str) -> Vec<(String, String)> {
    html.split("<span class=\"")
        .skip(1)
        .map(|rest| {
            let (class, rest) = rest.split_once("\">").expect("a class");
            let text = rest.split("</span>").next().expect("a span end");
            (class.to_string(), text.to_string())
        })
        .collect()
}

#[test]
fn known_languages_get_token_classes() {
    /// (language, code, spans that must be there as (class, text)).
    type Case = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );
    let cases: &[Case] = &[
        (
            "rust",
            "// hi\nfn main() { let n = 42; println!(\"x\"); }\n",
            &[
                ("hl-com", "// hi"),
                ("hl-kw", "fn"),
                ("hl-fn", "main"),
                ("hl-num", "42"),
                ("hl-str", "&quot;x&quot;"),
            ],
        ),
        (
            "py",
            "def f(x):\n    return 'a'  # c\n",
            &[
                ("hl-kw", "def"),
                ("hl-fn", "f"),
                ("hl-str", "&#39;a&#39;"),
                ("hl-com", "# c"),
            ],
        ),
        (
            "ts",
            "const n: number = 1;\n",
            &[("hl-kw", "const"), ("hl-num", "1")],
        ),
        (
            "kotlin",
            "fun main() { val s = \"k\" }\n",
            &[("hl-kw", "fun"), ("hl-str", "&quot;k&quot;")],
        ),
        (
            "swift",
            "let x = \"s\"\n",
            &[("hl-kw", "let"), ("hl-str", "&quot;s&quot;")],
        ),
        (
            "toml",
            "[package]\nname = \"x\"\n",
            &[("hl-str", "&quot;x&quot;")],
        ),
        (
            "docker",
            "FROM rust:1\nRUN cargo build\n",
            &[("hl-kw", "FROM"), ("hl-kw", "RUN")],
        ),
        (
            "ps1",
            "$name = Get-Item -Path \"C:\\$x\" # c\n",
            &[("hl-fn", "Get-Item"), ("hl-var", "-Path"), ("hl-com", "# c")],
        ),
        (
            "diff",
            "--- a\n+++ b\n-old\n+new\n",
            &[("hl-del", "-old"), ("hl-ins", "+new")],
        ),
        (
            "html",
            "<p class=\"x\">t</p>\n",
            &[("hl-tag", "&lt;p"), ("hl-attr", "class")],
        ),
        ("json", "{\"k\": 1}\n", &[("hl-num", "1")]),
        ("yml", "key: value # c\n", &[("hl-com", "# c")]),
        (
            "sql",
            "SELECT a FROM t;\n",
            &[("hl-kw", "SELECT"), ("hl-kw", "FROM")],
        ),
        ("console", "echo \"$HOME\"\n", &[("hl-fn", "echo")]),
        (
            "csharp",
            "public class A { }\n",
            &[("hl-kw", "public class"), ("hl-ty", "A")],
        ),
        (
            "golang",
            "func main() {}\n",
            &[("hl-kw", "func"), ("hl-fn", "main")],
        ),
    ];
    let mut missing = Vec::new();
    for (lang, code, want) in cases {
        let (r, _) = md(&format!("```{lang}\n{code}```\n"));
        let got = spans(&r.html);
        for (class, text) in *want {
            // Whitespace after a token may join its span.
            if !got.iter().any(|(c, t)| c == class && t.trim_end() == *text) {
                missing.push(format!("{lang}: {class} {text:?} not in {got:?}"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn unknown_languages_stay_plain_and_escaped() {
    let (r, _) = md("```klingon\n<script>alert(1)</script> & x\n```\n");
    assert_eq!(
        r.html,
        "<pre tabindex=\"0\"><code class=\"language-klingon\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; x\n</code></pre>\n"
    );
    let (r, _) = md("```text\nfn main() {}\n```\n");
    assert!(!r.html.contains("<span"), "{}", r.html);
    // A class attribute cannot be broken out of.
    let (r, _) = md("```\"><img/src=x>\nx\n```\n");
    assert!(!r.html.contains("<img"), "{}", r.html);
}

#[test]
fn html_in_highlighted_code_is_escaped() {
    for lang in ["html", "xml", "js", "markdown", "php", "rust"] {
        let (r, _) = md(&format!(
            "```{lang}\n<script>alert('x')</script>\n<!-- <b> -->\n```\n"
        ));
        let html = &r.html;
        assert!(
            !html.contains("<script") && !html.contains("<b>") && !html.contains("<!--"),
            "{lang}: {html}"
        );
        // The text survives: the page without its tags is the escaped code.
        let mut plain = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        assert_eq!(
            plain, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n&lt;!-- &lt;b&gt; --&gt;\n\n",
            "{lang}"
        );
    }
}

#[test]
fn highlighting_is_deterministic() {
    let text = "```rust\nfn a() -> u8 { 1 }\n```\n\n```python\nprint('x')\n```\n\n```yaml\na: [1, 2]\n```\n";
    let first = md(text).0.html;
    assert!(first.contains("hl-"), "{first}");
    let others: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4).map(|_| s.spawn(|| md(text).0.html)).collect();
        handles.into_iter().map(|h| h.join().expect("a thread")).collect()
    });
    assert!(others.iter().all(|o| *o == first));
}

#[test]
fn reading_stats_count_body_text() {
    let (r, _) = md("## 标题\n\n服务卓越 is good\n");
    assert_eq!(r.stats.cjk_chars, 6);
    assert_eq!(r.stats.words, 2);
}

/// Hooks that keep the plain text.
struct WithText(Plain);

impl RenderHooks for WithText {
    fn rewrite_link(&mut self, dest: &str, kind: LinkKind, offset: usize) -> String {
        self.0.rewrite_link(dest, kind, offset)
    }
    fn render_fence(&mut self, lang: &str, body: &str, offset: usize) -> Option<String> {
        self.0.render_fence(lang, body, offset)
    }
    fn callout_label(&self, kind: CalloutKind) -> &str {
        self.0.callout_label(kind)
    }
    fn label(&self, label: Label) -> &str {
        self.0.label(label)
    }
    fn bad_math(&mut self, offset: usize, message: &str) {
        self.0.bad_math(offset, message)
    }
    fn plain_text(&self) -> bool {
        true
    }
}

#[test]
fn plain_text_is_the_text_of_the_html() {
    let doc = "前言 *强调*文字，`代码` &amp; <kbd>Ctrl</kbd>\n第二行  多个   空格\\\n硬换行\n\n\
        ## 计算 NPS {#nps}\n\n\
        > [!TIP]\n> 提示内容\n\n\
        | 指标 | 值 |\n|---|---|\n| NPS | 68 |\n\n\
        - 一\n- 二\n  - 三\n\n\
        ```rust\nfn main() {}\n```\n\n\
        ```shout\nhello\n```\n\n\
        <div>\n<svg><text>不要</text>\n</svg>块内文字\n</div>\n\n\
        ![图片说明](a.png) 图后\n\n\
        ### 小节\n\n正文[^1]。\n\n[^1]: 脚注。\n\n---\n\n末尾\u{3000}文字\n";
    let mut hooks = WithText(Plain(Vec::new()));
    let r = render(doc, &mut hooks);
    let from_html = crate::markdown::html_to_text(&r.html);
    // The HTML has the footnote numbers, which are not text of the page.
    let from_html = from_html.replace("正文1。", "正文。").replace("1 脚注", "脚注");
    assert_eq!(r.text, from_html);
    assert!(
        r.text
            .contains("前言 强调文字，代码 & Ctrl 第二行 多个 空格 硬换行"),
        "{}",
        r.text
    );
    assert!(r.text.contains("提示 提示内容"), "{}", r.text);
    assert!(r.text.contains("HELLO"), "{}", r.text);
    assert!(
        !r.text.contains("不要") && r.text.contains("块内文字"),
        "{}",
        r.text
    );
    assert!(
        !r.text.contains("图片说明") && r.text.contains("图后"),
        "{}",
        r.text
    );
    // Where each heading is in the text.
    let titles: Vec<&str> = r.toc_text.iter().map(|s| r.text[s.clone()].trim()).collect();
    assert_eq!(titles, ["计算 NPS", "小节"]);
    assert_eq!(r.toc.len(), r.toc_text.len());
    // Without the hook, no text is kept.
    assert!(md(doc).0.text.is_empty());
}

#[test]
fn soft_breaks_between_cjk_characters_join_without_a_space() {
    let (r, _) = md("实用技巧、\n文化建设，**重点\n内容**和“引号”\n然后\nEnglish\nwords 与\n中文\n");
    assert!(
        r.html
            .contains("实用技巧、文化建设，<strong>重点内容</strong>和“引号”然后\nEnglish\nwords 与中文"),
        "{}",
        r.html
    );
    // Across a tag: the break before an emphasised CJK word goes too.
    let (r, _) = md("先看\n*重点*。\n");
    assert!(r.html.contains("先看<em>重点</em>。"), "{}", r.html);
    // Korean keeps its spaces.
    let (r, _) = md("한국어\n문장\n");
    assert!(r.html.contains("한국어\n문장"), "{}", r.html);
}

#[test]
fn first_paragraph_is_plain_text_outside_lists_and_quotes() {
    let (r, _) = md(
        "# 标题\n\n> 引用不算\n\n- 列表也不算\n\n![图](a.png)\n\n第一段**正文**，\n跨行`代码`与 [链接](x.md)。\n\n第二段。\n",
    );
    assert_eq!(r.first_paragraph, "第一段正文，跨行代码与 链接。");
}

#[test]
fn raw_html_ids_are_anchors_and_the_html_is_unchanged() {
    let text = "# Title\n\n<a id=\"c-feature\"></a>\n\n<div class=\"box\"\n     id=\"multi-line-block\">\n<!-- <a id=\"commented\"> -->\n</div>\n\nSee <a name=\"legacy\"></a>and <span\nid='inline-two-lines'>here</span>.\n\n```html\n<a id=\"in-code\">\n```\n\n`<a id=\"in-code-span\">`\n";
    let (r, _) = md(text);
    for id in [
        "title",
        "c-feature",
        "multi-line-block",
        "legacy",
        "inline-two-lines",
    ] {
        assert!(r.ids.iter().any(|i| i == id), "{id} missing from {:?}", r.ids);
    }
    for id in ["commented", "in-code", "in-code-span"] {
        assert!(!r.ids.iter().any(|i| i == id), "{id} found in {:?}", r.ids);
    }
    assert!(r.html.contains("<p><a id=\"c-feature\"></a></p>\n<div class=\"box\"\n     id=\"multi-line-block\">\n<!-- <a id=\"commented\"> -->\n</div>\n"), "{}", r.html);
    assert!(
        r.html.contains("<span\nid='inline-two-lines'>here</span>"),
        "{}",
        r.html
    );
}

#[test]
fn heading_ids_follow_github() {
    let (r, _) = md(
        "## Concatenating with `+` or `format!`\n\n##  leading space \n\n## foo_bar\n\n## x\n\n## x\n\n## x-1\n",
    );
    let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "concatenating-with--or-format",
            "leading-space",
            "foo_bar",
            "x",
            "x-1",
            "x-1-1"
        ]
    );
}

/// Hooks of a web page (heading and image links on), with an id prefix and
/// the plain text kept.
struct Reader {
    plain: Plain,
    prefix: &'static str,
}

impl RenderHooks for Reader {
    fn rewrite_link(&mut self, dest: &str, kind: LinkKind, offset: usize) -> String {
        self.plain.rewrite_link(dest, kind, offset)
    }
    fn render_fence(&mut self, lang: &str, body: &str, offset: usize) -> Option<String> {
        self.plain.render_fence(lang, body, offset)
    }
    fn callout_label(&self, kind: CalloutKind) -> &str {
        self.plain.callout_label(kind)
    }
    fn label(&self, label: Label) -> &str {
        self.plain.label(label)
    }
    fn bad_math(&mut self, offset: usize, message: &str) {
        self.plain.bad_math(offset, message)
    }
    fn reader_links(&self) -> bool {
        true
    }
    fn id_prefix(&self) -> String {
        self.prefix.to_string()
    }
    fn plain_text(&self) -> bool {
        true
    }
}

fn reader(text: &str, prefix: &'static str) -> (Rendered, Vec<(String, LinkKind, usize)>) {
    let mut hooks = Reader {
        plain: Plain(Vec::new()),
        prefix,
    };
    let r = render(text, &mut hooks);
    (r, hooks.plain.0)
}

#[test]
fn maths_becomes_mathml_and_its_text_is_searchable() {
    let doc =
        "## 公式 $x^2$\n\n净推荐值 $\\mathrm{NPS} = P - D$ 的计算：\n\n$$\n\\frac{\\text{推荐者}}{n}\n$$\n";
    let (r, hooks) = reader(doc, "");
    assert!(hooks.is_empty(), "{hooks:?}");
    assert!(r.html.contains("净推荐值 <math><mrow>"), "{}", r.html);
    assert!(
        r.html.contains(
            "<span class=\"math-display\" tabindex=\"0\"><math display=\"block\"><mfrac><mtext>推荐者</mtext>"
        ),
        "{}",
        r.html
    );
    assert!(!r.html.contains('$'), "{}", r.html);
    // The heading's text (table of contents, anchor's name) has the formula's text.
    assert_eq!(r.toc[0].text, "公式 x2");
    assert!(
        r.html.contains("aria-label=\"链接到此节：公式 x2\""),
        "{}",
        r.html
    );
    // The search text is the formula's text, not its LaTeX or its tags.
    assert!(r.text.contains("NPS=P−D"), "{}", r.text);
    assert!(r.text.contains("推荐者n"), "{}", r.text);
    assert!(
        !r.text.contains("mrow") && !r.text.contains("\\frac"),
        "{}",
        r.text
    );
    assert_eq!(r.first_paragraph, "净推荐值 NPS=P−D 的计算：");
}

#[test]
fn dollars_in_prose_stay_text() {
    for doc in [
        "It costs $5 and $10 today.",
        "价格是 $5，优惠后 $3。",
        "Prices: $5, $10 and $20.",
        "pay $5/month or $50/year",
        "A \\$ sign and \\$x\\$.",
    ] {
        let (r, hooks) = md(doc);
        assert!(!r.html.contains("<math"), "{doc}: {}", r.html);
        assert!(hooks.is_empty(), "{doc}: {hooks:?}");
    }
}

#[test]
fn invalid_latex_is_reported_where_it_is_written() {
    let doc = "第一行\n\n公式 $x + \\foo$ 与\n\n> $$\n> x =\n> \\frac{a}\n> $$\n";
    let (r, hooks) = md(doc);
    let bad: Vec<(&str, usize)> = hooks
        .iter()
        .filter(|h| h.0.starts_with("bad math"))
        .map(|h| (h.0.as_str(), h.2))
        .collect();
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(bad[0].0.contains("\\foo"), "{bad:?}");
    assert_eq!(&doc[bad[0].1..bad[0].1 + 4], "\\foo");
    // A missing argument: at the end of the formula's last line, in a quote.
    assert!(
        doc[..bad[1].1].ends_with("\\frac{a}"),
        "{bad:?} {}",
        &doc[bad[1].1..]
    );
    // The formula is shown as written.
    assert!(
        r.html.contains("<code class=\"math-error\">x + \\foo</code>"),
        "{}",
        r.html
    );
}

#[test]
fn maths_keeps_cjk_line_joining_around_it() {
    let (r, _) = md("中文\n接着 $x$ 后面\n还有\n文字\n");
    assert!(r.html.contains("中文接着 <math>"), "{}", r.html);
    assert!(r.html.contains("</math> 后面还有文字"), "{}", r.html);
    // A break next to a formula is a space, never a join into it.
    let (r, _) = md("推荐者\n$x$\n批评者\n");
    assert!(r.html.contains("推荐者\n<math>"), "{}", r.html);
    assert!(r.html.contains("</math>\n批评者"), "{}", r.html);
}

#[test]
fn footnotes_are_listed_at_the_end_with_links_back() {
    let doc = "正文[^b]，再引[^a]，又引[^b]。\n\n[^a]: 注一。\n[^b]: 注二，\n    有两段。\n\n    第二段。\n\n[^c]: 没人引用。\n\n后文。\n";
    let (r, _) = reader(doc, "p3-");
    let html = &r.html;
    // Numbered in the order first cited; each citation has its own id.
    assert!(
        html.contains("<sup class=\"footnote-reference\"><a href=\"#p3-fn-b\" id=\"p3-fnref-b\">1</a></sup>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#p3-fn-a\" id=\"p3-fnref-a\">2</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#p3-fn-b\" id=\"p3-fnref-b-2\">1</a>"),
        "{html}"
    );
    // The list comes after the last paragraph, in number order.
    let list = html
        .find("<section class=\"footnotes\" aria-label=\"脚注\">")
        .unwrap();
    assert!(html.find("后文").unwrap() < list, "{html}");
    let (b, a, c) = (
        html.find("<li id=\"p3-fn-b\">").unwrap(),
        html.find("<li id=\"p3-fn-a\">").unwrap(),
        html.find("<li id=\"p3-fn-c\">").unwrap(),
    );
    assert!(list < b && b < a && a < c, "{html}");
    // Back to each citation, inside the note's last paragraph.
    assert!(
        html.contains("第二段。 <a class=\"footnote-backref\" href=\"#p3-fnref-b\" aria-label=\"返回引用处 1-1\" data-n=\"1\"></a> <a class=\"footnote-backref\" href=\"#p3-fnref-b-2\" aria-label=\"返回引用处 1-2\" data-n=\"2\"></a></p>"),
        "{html}"
    );
    assert!(
        html.contains(
            "注一。 <a class=\"footnote-backref\" href=\"#p3-fnref-a\" aria-label=\"返回引用处 2\"></a></p>"
        ),
        "{html}"
    );
    assert!(!html[c..].contains("footnote-backref"), "{html}");
    for id in ["p3-fn-a", "p3-fn-b", "p3-fn-c"] {
        assert!(r.ids.iter().any(|i| i == id), "{id}: {:?}", r.ids);
    }
    // Numbers are not text; notes are, at the end.
    assert!(r.text.starts_with("正文，再引，又引。 后文。 注二"), "{}", r.text);
    // Without a prefix (a web page): plain ids.
    let (r, _) = md("a[^x]\n\n[^x]: y\n");
    assert!(r.html.contains("<li id=\"fn-x\">"), "{}", r.html);
}

#[test]
fn headings_link_to_themselves_without_adding_text() {
    let (r, _) = reader("## 计算 NPS {#nps}\n\n正文\n", "");
    assert!(
        r.html.contains(
            "<h2 id=\"nps\">计算 NPS<a class=\"heading-anchor\" href=\"#nps\" aria-label=\"链接到此节：计算 NPS\"></a></h2>"
        ),
        "{}",
        r.html
    );
    assert_eq!(r.toc[0].text, "计算 NPS");
    assert_eq!(r.text, "计算 NPS 正文");
    // Not where the hooks do not ask for it (a print edition).
    let (r, _) = md("## 计算 NPS {#nps}\n");
    assert!(!r.html.contains("heading-anchor"), "{}", r.html);
}

#[test]
fn images_link_to_their_file_unless_already_in_a_link() {
    let doc = "![流程图](a.png)\n\n[![图标](b.png)](page.md)\n\n<a href=\"x.html\">![原始](c.png)</a>\n\n![](d.png)\n";
    let (r, _) = reader(doc, "");
    assert!(
        r.html
            .contains("<a class=\"image-link\" href=\"rewritten/a.png\"><img src=\"rewritten/a.png\" alt=\"流程图\" /></a>"),
        "{}",
        r.html
    );
    assert_eq!(r.html.matches("image-link").count(), 1, "{}", r.html);
    let (r, _) = md("![流程图](a.png)\n");
    assert!(!r.html.contains("image-link"), "{}", r.html);
}

#[test]
fn definition_lists() {
    let (r, _) = md("NPS\n: 净推荐值\n\nCSI\n: 客户满意度指数\n");
    assert!(
        r.html.contains("<dl>\n<dt>NPS</dt>\n<dd>净推荐值</dd>"),
        "{}",
        r.html
    );
}

/// Plain hooks rendering for one audience.
struct For(Plain, Audience, bool);

impl RenderHooks for For {
    fn rewrite_link(&mut self, dest: &str, kind: LinkKind, offset: usize) -> String {
        self.0.rewrite_link(dest, kind, offset)
    }
    fn render_fence(&mut self, lang: &str, body: &str, offset: usize) -> Option<String> {
        self.0.render_fence(lang, body, offset)
    }
    fn callout_label(&self, kind: CalloutKind) -> &str {
        match kind {
            CalloutKind::Exercise => "课堂练习",
            CalloutKind::Trainer => "讲师备注",
            other => self.0.callout_label(other),
        }
    }
    fn label(&self, label: Label) -> &str {
        self.0.label(label)
    }
    fn bad_math(&mut self, offset: usize, message: &str) {
        self.0.bad_math(offset, message)
    }
    fn audience(&self) -> Audience {
        self.1
    }
    fn plain_text(&self) -> bool {
        self.2
    }
}

fn md_for(text: &str, audience: Audience) -> (Rendered, Vec<(String, LinkKind, usize)>) {
    let mut hooks = For(Plain(Vec::new()), audience, true);
    let r = render(text, &mut hooks);
    (r, hooks.0.0)
}

const CLASSROOM: &str = "## 倾听\n\n正文一。\n\n> [!TRAINER]\n> 强调[第一步](a.md)。\n> 问全场：**谁**遇到过？\n\n---\n\n> [!EXERCISE] 角色扮演：迟到的包裹\n> minutes: 20\n> materials: 角色卡、计时器\n>\n> 1. 三人一组\n> 2. 交换角色\n\n> [!SITE]\n> 只在网站上的长段说明。\n\n> [!SLIDES]\n> - 只在幻灯片上的要点\n\n> 普通引用 [!TRAINER] 不是标记\n\n## 复盘\n\n正文二。\n";

#[test]
fn trainer_notes_stay_off_the_site_and_its_text_but_their_links_are_checked() {
    let (r, links) = md_for(CLASSROOM, Audience::Site);
    assert!(!r.html.contains("强调") && !r.text.contains("强调"), "{}", r.html);
    assert!(!r.html.contains("只在幻灯片上"), "{}", r.html);
    assert!(r.html.contains("<p>只在网站上的长段说明。</p>"), "{}", r.html);
    assert!(!r.html.contains("[!SITE]") && !r.html.contains("coursegen:slide"));
    // The link in the note was still handed to the hooks (and so checked).
    assert!(links.iter().any(|(d, _, _)| d == "a.md"), "{links:?}");
    // A quote that does not start with a marker stays a quote.
    assert!(
        r.html
            .contains("<blockquote>\n<p>普通引用 [!TRAINER] 不是标记</p>"),
        "{}",
        r.html
    );
    // The exercise is a task box with its time and materials, in the text too.
    assert!(
        r.html.contains("<div class=\"callout callout-exercise\" id=\"exercise-1\" role=\"note\"><p class=\"callout-title\">课堂练习：角色扮演：迟到的包裹</p>\n<p class=\"exercise-meta\">20 分钟 · 材料：角色卡、计时器</p>\n<ol>"),
        "{}",
        r.html
    );
    assert!(r.text.contains("三人一组"), "{}", r.text);
    assert!(r.ids.contains(&"exercise-1".to_string()));
    assert_eq!(r.blocks.len(), 1);
    assert_eq!(r.blocks[0].minutes, Some(20));
    assert_eq!(r.blocks[0].materials.as_deref(), Some("角色卡、计时器"));
    // The horizontal rule is a rule on the site.
    assert!(r.html.contains("<hr />"), "{}", r.html);
}

#[test]
fn slides_break_at_sections_and_rules_and_carry_the_notes() {
    let (r, _) = md_for(CLASSROOM, Audience::Slides);
    assert_eq!(r.html.matches(SLIDE_BREAK).count(), 3, "{}", r.html);
    assert!(!r.html.contains("<hr />"));
    assert!(
        r.html.contains("<aside class=\"slide-notes\">\n<p>强调<a href=\"rewritten/a.md\">第一步</a>。问全场：<strong>谁</strong>遇到过？</p>\n</aside>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("只在幻灯片上的要点") && !r.html.contains("只在网站上"));
    assert_eq!(
        r.blocks.iter().map(|b| b.kind).collect::<Vec<_>>(),
        [BlockKind::Trainer, BlockKind::Exercise]
    );
}

#[test]
fn the_trainer_edition_boxes_the_notes_between_markers() {
    let (r, _) = md_for(CLASSROOM, Audience::Trainer);
    let start = r.html.find(TRAINER_START).expect("a trainer note");
    let end = r.html.find(TRAINER_END).expect("its end");
    assert!(r.html[start..end].contains(
        "<div class=\"callout callout-trainer\" role=\"note\"><p class=\"callout-title\">讲师备注</p>"
    ));
    assert!(r.html.contains("只在网站上的长段说明") && !r.html.contains("只在幻灯片上"));
}
