//! Links into a book converted from GitHub Markdown (tests/fixtures/anchors):
//! ids written in raw HTML (`<a id>`, `<a name>`, `<span id>`, a block's `ID=`,
//! `<P Id>`) and GitHub-style heading ids (`--` kept, `_` kept, repeated
//! headings numbered) are anchors a link may name, under `--strict`.

use crate::fixture::{Project, attribute_values};

#[test]
fn links_to_raw_html_ids_and_github_heading_ids_build_strict() {
    let p = Project::fixture("anchors");
    let run = p.run(&["build", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);

    let strings = p.read("public/book/strings.html");
    let targets = p.read("public/book/targets.html");
    let hrefs = attribute_values(&strings, &["href"]);
    for href in [
        "#c-feature",
        "#snake_case-names",
        "targets.html#legacy-name",
        "targets.html#span-target",
        "targets.html#block-target",
        "targets.html#upper-id",
        "targets.html#summary-1",
    ] {
        assert!(hrefs.iter().any(|h| h == href), "no link {href} in {hrefs:?}");
    }
    // Heading ids as GitHub makes them.
    assert!(
        strings.contains("<h2 id=\"concatenating-with--or-format\">"),
        "{strings}"
    );
    assert!(strings.contains("<h2 id=\"snake_case-names\">"), "{strings}");
    assert!(targets.contains("<h2 id=\"summary\">") && targets.contains("<h2 id=\"summary-1\">"));
    // Raw HTML is written as the author wrote it.
    assert!(targets.contains("<a name=\"legacy-name\"></a>A legacy anchor, and <span id='span-target'>"));
    assert!(
        targets.contains("<div class=\"note\"\n     ID=block-target>"),
        "{targets}"
    );
    assert!(
        targets.contains("<P Id=\"upper-id\">Upper-case HTML.</P>"),
        "{targets}"
    );
    assert!(
        p.read("public/book/index.html")
            .contains("href=\"strings.html#concatenating-with--or-format\"")
    );

    let check = p.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn an_id_inside_a_comment_or_another_attribute_is_not_an_anchor() {
    let p = Project::fixture("anchors");
    p.write(
        "course/01-book/02-targets.md",
        "---\ntitle: Targets\n---\n\n<!-- <a id=\"commented-out\"></a> -->\n<img alt='id=\"in-alt\"' src=\"x.png\">\n\n[a](01-strings.md#c-feature) [b](#commented-out) [c](#in-alt)\n",
    );
    let run = p.run(&["check", "--strict"]);
    run.assert_error_at(
        "course/01-book/02-targets.md:8:30",
        "no heading or HTML element with id `commented-out`",
    );
    run.assert_error_at(
        "course/01-book/02-targets.md:8:50",
        "no heading or HTML element with id `in-alt`",
    );
}
