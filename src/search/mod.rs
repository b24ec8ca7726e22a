//! Full-text search that works in Chinese, built at build time and run in the
//! browser without a server (also from `file://`).
//!
//! * [`tokenize`] — normalisation (full-width, case, Traditional → Simplified)
//!   and CJK bigrams / words; templates/search.js has the same algorithm.
//! * [`index`] — postings with title / heading / body counts, ranking, and the
//!   index as JavaScript files under `static/search/`: a manifest, term
//!   shards (by the first character of a term) and entry shards, which the
//!   page loads with `<script>` tags only when the search box is first used.
//! * [`text`] — rendered HTML → plain text.

pub mod index;
pub mod normalize;
pub mod t2s;
pub mod text;
pub mod tokenize;

pub use index::{Entry, Hit, Index};

use rayon::prelude::*;

use crate::model::Course;
use crate::render::Documents;
use crate::site::{PageKind, Site};

/// The entries of a course: every lesson, module overview, root page (each
/// `###` section of a root page, such as a glossary term, on its own) and
/// quiz (title and question prompts).
pub fn entries(course: &Course, site: &Site, docs: &Documents) -> Vec<Entry> {
    let per_page: Vec<Vec<Entry>> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| page_entries(course, site, docs, i))
        .collect();
    per_page.into_iter().flatten().collect()
}

/// The entries of page `i`.
fn page_entries(course: &Course, site: &Site, docs: &Documents, i: usize) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Some(page) = site.pages.get(i) {
        let doc = docs.docs.get(i).and_then(Option::as_ref);
        let headings = || -> Vec<String> {
            doc.map(|d| d.toc.iter().map(|t| t.text.clone()).collect())
                .unwrap_or_default()
        };
        let html = doc.map_or("", |d| d.html.as_str());
        match page.kind {
            PageKind::Home => {}
            PageKind::Lesson(m, l) => {
                let (Some(module), Some(lesson)) = (
                    course.modules.get(m),
                    course.modules.get(m).and_then(|x| x.lessons.get(l)),
                ) else {
                    return out;
                };
                out.push(Entry {
                    url: page.url.clone(),
                    title: page.title.clone(),
                    module: Some(module.title.clone()),
                    headings: headings(),
                    text: join(lesson.summary.as_deref(), &text::html_to_text(html)),
                });
            }
            PageKind::Module(m) => {
                let Some(module) = course.modules.get(m) else {
                    return out;
                };
                let mut text = text::html_to_text(html);
                if !module.objectives.is_empty() {
                    text = join(Some(&module.objectives.join(" ")), &text);
                }
                out.push(Entry {
                    url: page.url.clone(),
                    title: page.title.clone(),
                    module: Some(module.title.clone()),
                    headings: headings(),
                    text: join(module.summary.as_deref(), &text),
                });
            }
            PageKind::Quiz(m) => {
                let quiz = docs.quizzes.get(i).and_then(Option::as_ref);
                let prompts: Vec<String> = quiz
                    .map(|q| {
                        q.questions
                            .iter()
                            .map(|x| text::html_to_text(&x.prompt_html))
                            .collect()
                    })
                    .unwrap_or_default();
                out.push(Entry {
                    url: page.url.clone(),
                    title: page.title.clone(),
                    module: course.modules.get(m).map(|x| x.title.clone()),
                    headings: Vec::new(),
                    text: prompts.join(" "),
                });
            }
            PageKind::Page(p) => {
                let summary = course.pages.get(p).and_then(|x| x.summary.as_deref());
                root_page_entries(&page.url, &page.title, summary, html, &mut out);
            }
        }
    }
    out
}

/// A root page: one entry per `<h3 id>` section (up to the next h2 or h3),
/// and one for the rest of the page.
fn root_page_entries(url: &str, title: &str, summary: Option<&str>, html: &str, out: &mut Vec<Entry>) {
    let mut bounds: Vec<usize> = html
        .match_indices("<h")
        .map(|(i, _)| i)
        .filter(|&i| matches!(html.as_bytes().get(i + 2), Some(b'2' | b'3')))
        .filter(|&i| matches!(html.as_bytes().get(i + 3), Some(b' ' | b'>')))
        .collect();
    bounds.push(html.len());
    let mut rest = String::from(html.get(..bounds[0]).unwrap_or(""));
    let mut rest_headings = Vec::new();
    let mut sections = Vec::new();
    for w in bounds.windows(2) {
        let part = html.get(w[0]..w[1]).unwrap_or("");
        let heading_end = part.find("</h").unwrap_or(part.len());
        let heading = text::html_to_text(part.get(..heading_end).unwrap_or(""));
        match (part.starts_with("<h3"), attr_id(part)) {
            (true, Some(id)) => sections.push(Entry {
                url: format!("{url}#{id}"),
                title: heading,
                module: Some(title.to_string()),
                headings: Vec::new(),
                text: text::html_to_text(part.get(heading_end..).unwrap_or("")),
            }),
            _ => {
                rest_headings.push(heading);
                rest.push_str(part);
            }
        }
    }
    out.push(Entry {
        url: url.to_string(),
        title: title.to_string(),
        module: None,
        headings: rest_headings,
        text: join(summary, &text::html_to_text(&rest)),
    });
    out.extend(sections);
}

/// The `id="…"` of the tag at the start of `html`.
fn attr_id(html: &str) -> Option<&str> {
    let tag = &html[..html.find('>')?];
    let start = tag.find(" id=\"")? + 5;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn join(first: Option<&str>, rest: &str) -> String {
    match first {
        Some(f) if !f.is_empty() => format!("{f} {rest}"),
        _ => rest.to_string(),
    }
}

/// The search index files of a prepared course (paths under the site root).
pub fn index_files(course: &Course, site: &Site, docs: &Documents) -> Vec<(String, Vec<u8>)> {
    Index::build(entries(course, site, docs)).files()
}
