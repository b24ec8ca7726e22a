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
        let text = doc.map_or("", |d| d.text.as_str());
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
                    text: text_after(&[lesson.summary.as_deref()], text),
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
                    text: text_after(&[module.summary.as_deref(), Some(&objectives)], text),
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
                root_page_entries(&page.url, &page.title, summary, doc, &mut out);
            }
        }
    }
    out
}

/// A root page: one entry per h3 section (up to the next h2 or h3), and one
/// for the rest of the page.
fn root_page_entries(
    url: &str,
    title: &str,
    summary: Option<&str>,
    doc: Option<&Rendered>,
    out: &mut Vec<Entry>,
) {
    let (text, toc, spans) = match doc {
        Some(d) => (d.text.as_str(), d.toc.as_slice(), d.toc_text.as_slice()),
        None => ("", &[][..], &[][..]),
    };
    let part = |r: std::ops::Range<usize>| text.get(r).unwrap_or("").trim();
    let mut rest = String::with_capacity(text.len());
    let mut rest_headings = Vec::new();
    let mut sections = Vec::new();
    let push_rest = |s: &str, rest: &mut String| {
        if !s.is_empty() {
            if !rest.is_empty() {
                rest.push(' ');
            }
            rest.push_str(s);
        }
    };
    push_rest(part(0..spans.first().map_or(text.len(), |s| s.start)), &mut rest);
    for (n, (heading, span)) in toc.iter().zip(spans).enumerate() {
        let end = spans.get(n + 1).map_or(text.len(), |s| s.start);
        let body = part(span.end..end);
        if heading.level == 3 {
            sections.push(Entry {
                url: format!("{url}#{}", heading.id),
                title: part(span.clone()).to_string(),
                module: Some(title.to_string()),
                headings: Vec::new(),
                text: body.to_string(),
            });
        } else {
            rest_headings.push(part(span.clone()).to_string());
            push_rest(part(span.start..end), &mut rest);
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

/// The `prefixes` that are not empty, each followed by a space, then `text`.
fn text_after(prefixes: &[Option<&str>], text: &str) -> String {
    let prefix: usize = prefixes.iter().flatten().map(|p| p.len() + 1).sum();
    let mut out = String::with_capacity(prefix + text.len());
    for p in prefixes.iter().flatten().filter(|p| !p.is_empty()) {
        out.push_str(p);
        out.push(' ');
    }
    out.push_str(text);
    out
}
