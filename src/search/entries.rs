//! The searchable entries of a page: a lesson or module overview with its
//! headings and text, a quiz with its question prompts, and a root page with
//! each `###` section (such as a glossary term) on its own.

use super::index::Entry;
use super::text;
use crate::markdown::Rendered;
use crate::model::Course;
use crate::quiz::view::QuizView;
use crate::site::{PageKind, Site};

/// The entries of site page `i` (lesson, module overview, quiz prompts,
/// root-page sections), from its rendered doc and quiz view.
pub fn page_entries(
    course: &Course,
    site: &Site,
    i: usize,
    doc: Option<&Rendered>,
    quiz: Option<&QuizView>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Some(page) = site.pages.get(i) {
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
                    text: text_after(&[lesson.summary.as_deref()], html),
                });
            }
            PageKind::Module(m) => {
                let Some(module) = course.modules.get(m) else {
                    return out;
                };
                let objectives = module.objectives.join(" ");
                out.push(Entry {
                    url: page.url.clone(),
                    title: page.title.clone(),
                    module: Some(module.title.clone()),
                    headings: headings(),
                    text: text_after(&[module.summary.as_deref(), Some(&objectives)], html),
                });
            }
            PageKind::Quiz(m) => {
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
        text: text_after(&[summary], &rest),
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

/// The `prefixes` that are not empty, each followed by a space, then the text
/// of `html`.
fn text_after(prefixes: &[Option<&str>], html: &str) -> String {
    let prefix: usize = prefixes.iter().flatten().map(|p| p.len() + 1).sum();
    let mut text = String::with_capacity(prefix + html.len());
    for p in prefixes.iter().flatten().filter(|p| !p.is_empty()) {
        text.push_str(p);
        text.push(' ');
    }
    text::push_html_text(&mut text, html);
    text
}
