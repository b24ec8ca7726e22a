//! The pages the search index reads, made from the texts the renderer hands
//! over: which pages are searched, what is searched on each (a lesson's
//! summary, a module's objectives), and how a root page's `###` sections,
//! such as the terms of a glossary, become results of their own.

use crate::model::Course;
use crate::render::PageText;
use crate::search::{Page, Section};
use crate::site::{PageKind, Site};

/// The search pages of rendered pages (the home page is not searched).
pub fn search_pages(course: &Course, site: &Site, texts: Vec<PageText>) -> Vec<Page> {
    texts
        .into_iter()
        .filter_map(|t| search_page(course, site, t))
        .collect()
}

fn search_page(course: &Course, site: &Site, t: PageText) -> Option<Page> {
    let page = site.pages.get(t.page)?;
    let whole = |prefixes: &[&str], t: PageText| Section {
        anchor: None,
        title: page.title.clone(),
        headings: t
            .headings
            .iter()
            .map(|h| part(&t.text, h.span.clone()).to_string())
            .collect(),
        text: joined(&[prefixes, &[t.text.as_str()]].concat()),
    };
    let (module, sections) = match page.kind {
        PageKind::Home => return None,
        PageKind::Lesson(m, l) => {
            let module = course.modules.get(m)?;
            let summary = module.lessons.get(l)?.summary.as_deref().unwrap_or("");
            (Some(&module.title), vec![whole(&[summary], t)])
        }
        PageKind::Module(m) => {
            let module = course.modules.get(m)?;
            let summary = module.summary.as_deref().unwrap_or("");
            let objectives = module.objectives.join(" ");
            (Some(&module.title), vec![whole(&[summary, &objectives], t)])
        }
        PageKind::Quiz(m) | PageKind::LessonQuiz(m, _) | PageKind::Scenario(m, _) => (
            course.modules.get(m).map(|m| &m.title),
            vec![Section {
                anchor: None,
                title: page.title.clone(),
                headings: Vec::new(),
                text: t.text,
            }],
        ),
        PageKind::Page(p) => {
            let summary = course.pages.get(p).and_then(|x| x.summary.as_deref());
            (None, root_sections(&page.title, summary.unwrap_or(""), &t))
        }
    };
    Some(Page {
        url: page.url.clone(),
        title: page.title.clone(),
        module: module.cloned(),
        sections,
    })
}

/// A root page: the page itself (its text outside the `###` sections, with
/// its `##` headings), then each `###` section, up to the next `##` or `###`.
fn root_sections(title: &str, summary: &str, t: &PageText) -> Vec<Section> {
    let text = t.text.as_str();
    // Where the part of heading `n` ends: at the next heading, or the end.
    let end_of = |n: usize| t.headings.get(n + 1).map_or(text.len(), |h| h.span.start);
    let first = t.headings.first().map_or(text.len(), |h| h.span.start);
    let mut rest = vec![summary, part(text, 0..first)];
    let mut headings = Vec::new();
    let mut sections = Vec::new();
    for (n, h) in t.headings.iter().enumerate() {
        let heading = part(text, h.span.clone());
        if h.level == 3 {
            sections.push(Section {
                anchor: Some(h.id.clone()),
                title: heading.to_string(),
                headings: Vec::new(),
                text: part(text, h.span.end..end_of(n)).to_string(),
            });
        } else {
            headings.push(heading.to_string());
            rest.push(part(text, h.span.start..end_of(n)));
        }
    }
    let own = Section {
        anchor: None,
        title: title.to_string(),
        headings,
        text: joined(&rest),
    };
    std::iter::once(own).chain(sections).collect()
}

/// `text[range]`, trimmed ("" when out of range).
fn part(text: &str, range: std::ops::Range<usize>) -> &str {
    text.get(range).unwrap_or("").trim()
}

/// The parts that are not empty, separated by spaces.
fn joined(parts: &[&str]) -> String {
    let parts: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
    parts.join(" ")
}
