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
        r.html
            .contains("<code class=\"language-rust\">let a = &quot;&lt;b&gt;&quot;;"),
        "{}",
        r.html
    );
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
