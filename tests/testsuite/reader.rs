//! What readers of real books expect, on a real build (tests/fixtures/reader):
//! maths as MathML (and `$` in prices left alone), footnotes listed at the
//! end with links back to each citation, headings that link to themselves,
//! images that link to their file, definition lists, details; none of it in
//! the search text or the table of contents, and the print edition without
//! the web-only links but with its ids prefixed.

use crate::support;

const PAGE: &str = "reading/features.html";

fn article(html: &str) -> &str {
    let start = html.find("<article>").expect("an article");
    let end = html.find("</article>").expect("an article end");
    &html[start..end]
}

#[test]
fn maths_is_mathml_and_prices_stay_text() {
    let site = support::site::build_fixture("reader", |_| {});
    let html = std::fs::read_to_string(site.out.join(PAGE)).unwrap();
    let body = article(&html);
    assert_eq!(body.matches("<math display=\"block\">").count(), 3, "{body}");
    assert_eq!(
        body.matches("<span class=\"math-display\" tabindex=\"0\"><math display=\"block\">")
            .count(),
        3,
        "{body}"
    );
    // Inline: NPS = P − D, P, D, the answer in the details block, and a long
    // sum, which alone gets a box that scrolls (focusable, as axe asks).
    assert_eq!(body.matches("<math>").count(), 5, "{body}");
    assert_eq!(
        body.matches("<span class=\"math-inline\" tabindex=\"0\"><math><munderover>")
            .count(),
        1,
        "{body}"
    );
    assert!(
        body.contains("<mfrac><mrow><msub><mi>n</mi><mtext>推荐者</mtext></msub>"),
        "{body}"
    );
    assert!(body.contains("<msqrt>"), "{body}");
    assert!(!body.contains("\\mathrm") && !body.contains("$$"), "{body}");
    assert!(body.contains("套餐每月 $5，全年 $50。"), "{body}");
    // No script, no style sheet from elsewhere for it.
    assert!(!html.contains("katex") && !html.contains("mathjax"));
}

#[test]
fn footnotes_headings_images_details_and_definition_lists() {
    let site = support::site::build_fixture("reader", |_| {});
    let html = std::fs::read_to_string(site.out.join(PAGE)).unwrap();
    let body = article(&html);
    // A footnote cited twice: two citations, two links back.
    assert!(
        body.contains("<a href=\"#fn-origin\" id=\"fnref-origin\">1</a>")
            && body.contains("<a href=\"#fn-origin\" id=\"fnref-origin-2\">1</a>")
            && body.contains("<a href=\"#fn-csi\" id=\"fnref-csi\">2</a>"),
        "{body}"
    );
    let notes = &body[body
        .find("<section class=\"footnotes\" aria-label=\"脚注\">")
        .expect("footnotes")..];
    assert!(notes.contains("<li id=\"fn-origin\">"), "{notes}");
    assert!(
        notes.contains("href=\"#fnref-origin\" aria-label=\"返回引用处 1-1\"")
            && notes.contains("href=\"#fnref-origin-2\" aria-label=\"返回引用处 1-2\"")
            && notes.contains("href=\"#fnref-csi\" aria-label=\"返回引用处 2\""),
        "{notes}"
    );
    // Every id on the page is unique.
    let ids = crate::fixture::attribute_values(&html, &["id"]);
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "{ids:?}");
    // Every heading links to itself; the table of contents keeps its text.
    assert!(
        body.contains("<h2 id=\"nps-formula\">净推荐值的公式<a class=\"heading-anchor\" href=\"#nps-formula\" aria-label=\"链接到此节：净推荐值的公式\"></a></h2>"),
        "{body}"
    );
    assert_eq!(body.matches("class=\"heading-anchor\"").count(), 6, "{body}");
    let toc = &html[html.find("<nav class=\"toc\"").expect("a toc")..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    assert!(
        toc.contains(">净推荐值的公式</a>") && !toc.contains("链接到此节"),
        "{toc}"
    );
    // The image links to its file, the one in a link stays as it was.
    assert!(
        body.contains("<a class=\"image-link\" href=\"images/figure.png\"><img src=\"images/figure.png\" alt=\"示意图\" /></a>"),
        "{body}"
    );
    assert!(
        body.contains(
            "<a href=\"#nps-formula\"><img src=\"images/figure.png\" alt=\"已在链接里的图\" /></a>"
        ),
        "{body}"
    );
    assert_eq!(body.matches("image-link").count(), 1, "{body}");
    assert!(
        body.contains("<details>\n<summary>展开查看答案</summary>"),
        "{body}"
    );
    assert!(
        body.contains("<dl>\n<dt>NPS</dt>\n<dd>净推荐值：推荐者占比减去批评者占比。</dd>"),
        "{body}"
    );
}

#[test]
fn search_text_has_the_formulas_text_and_nothing_the_links_add() {
    let site = support::site::build_fixture("reader", |_| {});
    let search = site.out.join("static/search");
    let entry = std::fs::read_dir(&search)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|t| t.contains(PAGE))
        .expect("the page's search entry");
    assert!(entry.contains("即 NPS=P−D，其中"), "{entry}");
    assert!(entry.contains("本月 NPS 为 55−20=35。"), "{entry}");
    for absent in ["\\mathrm", "mrow", "链接到此节", "返回引用处", "↩", "提出1"] {
        assert!(!entry.contains(absent), "{absent} in {entry}");
    }
    // The footnotes' text is searchable.
    assert!(entry.contains("The One Number You Need to Grow"), "{entry}");
}

#[test]
fn print_edition_has_maths_and_prefixed_footnotes_but_no_web_links() {
    let dir = tempfile::tempdir().unwrap();
    support::site::copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader"),
        dir.path(),
    );
    let out = dir.path().join("public");
    coursegen::build(&coursegen::BuildOptions {
        root: dir.path().to_path_buf(),
        out: Some(out.clone()),
        print: true,
        ..Default::default()
    })
    .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let html = std::fs::read_to_string(out.join("print/handout.html")).unwrap();
    assert!(html.contains("<math display=\"block\">"), "no maths in print");
    assert!(!html.contains("heading-anchor") && !html.contains("image-link"));
    let at = html.find("<li id=\"p").expect("a footnote") + "<li id=\"p".len();
    let page: String = html[at..].chars().take_while(char::is_ascii_digit).collect();
    assert!(html[at + page.len()..].starts_with("-fn-origin\""));
    for id in [
        format!("href=\"#p{page}-fnref-origin-2\""),
        format!("id=\"p{page}-fnref-origin-2\""),
        format!("href=\"#p{page}-fn-csi\""),
    ] {
        assert!(html.contains(&id), "no {id}");
    }
    let ids = crate::fixture::attribute_values(&html, &["id"]);
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());
}
