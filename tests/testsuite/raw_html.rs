//! Raw HTML inside Markdown (tests/fixtures/rawhtml): the URLs of `<img>`,
//! `<source srcset>`, `<video>`, `<track>`, `<audio>` and `<a>` are rewritten
//! like Markdown links, relative to the output page, with every other byte as
//! written; files used only from raw HTML count as used; a frame on a host
//! that course.yaml allows gives no warning (the failing inputs are the cases
//! `raw-html-to-a-missing-file` and `remote-image-*`).

use std::path::Path;

use crate::fixture::Project;

/// `html` without its comments and code (which show tags as text).
fn without_comments_and_code(html: &str) -> String {
    let mut out = html.to_string();
    for (open, close) in [("<!--", "-->"), ("<code>", "</code>")] {
        while let Some(start) = out.find(open) {
            let end = start + out[start..].find(close).unwrap() + close.len();
            out.replace_range(start..end, "");
        }
    }
    out
}

/// Every URL `attribute="…"` (or `'…'`) in `html`, srcset lists split.
fn urls(html: &str, attribute: &str) -> Vec<String> {
    let html = &without_comments_and_code(html);
    let mut out = Vec::new();
    for quote in ['"', '\''] {
        let needle = format!(" {attribute}={quote}");
        for (i, _) in html.match_indices(&needle) {
            let rest = &html[i + needle.len()..];
            let value = &rest[..rest.find(quote).unwrap()];
            if attribute == "srcset" {
                out.extend(
                    value
                        .split(',')
                        .map(|c| c.split_whitespace().next().unwrap().to_string()),
                );
            } else {
                out.push(value.replace("&amp;", "&"));
            }
        }
    }
    out
}

fn assert_resolve(page: &Path, urls: &[String]) {
    for url in urls {
        let path = url.split('#').next().unwrap();
        assert!(
            page.parent().unwrap().join(path).is_file(),
            "{}: `{url}` names no file",
            page.display()
        );
    }
}

#[test]
fn raw_html_urls_are_rewritten_for_the_output_page_and_the_rest_kept() {
    let p = Project::fixture("rawhtml");
    let run = p.run(&["build", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // No warning: not for the assets only raw HTML uses, not for the frame
    // on an allowed host, not for plain links to other sites.
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);

    let figures = p.read("public/media/figures.html");
    // Module folder `01-media` is `media/` in the site: the URLs change.
    for written in [
        "<img src='images/inline.png' alt=\"inline\" width=16 height=16>",
        "<A HREF=\"video.html\">a raw one</A>",
        "<a href=\"video.html#the-clip\">the clip</a>",
        "<a href=\"#fig-diagram\">a link to the figure</a>",
        "  <source srcset=\"../assets/diagram.png 1x, ../assets/diagram@2x.png 2x\">\n  <img src=\"images/inline.png\" alt=\"in a quote\">",
        // Every other byte as written: the line break inside the tag, the
        // attributes' order and case, comments and code.
        "<figure id=\"fig-diagram\">\n  <img src=\"../assets/diagram.png\" alt=\"A diagram\"\n       width=\"40\" height=\"40\">",
        "<!-- <img src=\"../assets/missing-but-commented.png\"> -->",
        "<code>&lt;img src=\"in-code.png\"&gt;</code>",
        "<a href=\"https://example.org/page\">a raw one</a>",
        "<iframe src=\"https://www.youtube-nocookie.com/embed/xyz\" title=\"A video\"></iframe>",
    ] {
        assert!(figures.contains(written), "no {written:?} in\n{figures}");
    }
    let video = p.read("public/media/video.html");
    for written in [
        "<video controls poster=\"../assets/poster.png\" width=\"320\">",
        "<source src=\"../assets/clip.webm\" type=\"video/webm\">",
        "<track src=\"../assets/captions.vtt\" kind=\"captions\" srclang=\"en\" label=\"English\">",
        "<audio src=\"../assets/sound.mp3\" controls></audio>",
    ] {
        assert!(video.contains(written), "no {written:?} in\n{video}");
    }
    // A root page is one folder up: the same files, other URLs.
    let intro = p.read("public/introduction.html");
    assert!(
        intro.contains("<a href=\"media/figures.html#a-figure\">the first figure</a>"),
        "{intro}"
    );
    assert!(
        intro.contains("<img src=\"media/images/inline.png\" alt=\"the inline image\""),
        "{intro}"
    );

    // Every relative URL names a file of the site, from where its page is:
    // so it works at `/`, under a subpath and from `file://`.
    for page in ["media/figures.html", "media/video.html", "introduction.html"] {
        let path = p.path(&format!("public/{page}"));
        let html = std::fs::read_to_string(&path).unwrap();
        for attribute in ["src", "SRC", "href", "HREF", "poster", "srcset"] {
            let local: Vec<String> = urls(&html, attribute)
                .into_iter()
                .filter(|u| !u.contains("://") && !u.starts_with('#'))
                .collect();
            assert_resolve(&path, &local);
        }
    }
}

#[test]
fn a_file_used_only_from_raw_html_is_not_unused_and_one_nobody_uses_is() {
    let p = Project::fixture("rawhtml");
    p.write("course/assets/nobody.png", b"x");
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let unused: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("not used by any page"))
        .collect();
    assert_eq!(
        unused,
        ["warning: course/assets/nobody.png: file is not used by any page"],
        "{}",
        run.stderr
    );
}

#[test]
fn a_host_left_out_of_the_allow_list_warns_again() {
    let p = Project::fixture("rawhtml");
    let yaml = p.read("course/course.yaml");
    p.write(
        "course/course.yaml",
        yaml.replace("allowed_remote_hosts: [www.youtube-nocookie.com]\n", ""),
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: course/01-media/01-figures.md:36:14: `https://www.youtube-nocookie.com/embed/xyz` is loaded from another host, `www.youtube-nocookie.com`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("is loaded from another host").count(),
        1,
        "{}",
        run.stderr
    );
}
