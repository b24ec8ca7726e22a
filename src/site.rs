//! The site plan: every output page in reading order with its URL, and the map
//! from source paths (what authors link to) to output paths.

use std::collections::HashMap;

use crate::load::SourceTree;
use crate::model::{Course, ModuleItem, Placement};
use crate::source::SourceFile;

pub use crate::model::PageKind;

#[derive(Debug, Clone)]
pub struct SitePage {
    pub kind: PageKind,
    /// Output path relative to the site root, `/`-separated (`concepts/definition.html`).
    pub url: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Site {
    /// Pages in reading order: home, pages placed before, modules with their
    /// lessons, pages placed after.
    pub pages: Vec<SitePage>,
    /// Course-relative source path → index into `pages`.
    pub by_source: HashMap<String, usize>,
    /// Course-relative source path → output path of files copied as they are.
    pub statics: HashMap<String, String>,
    /// The built-in pages this site has (always progress; the calculator
    /// when the course turns it on).
    pub generated: Vec<&'static str>,
}

pub const HOME_URL: &str = "index.html";
/// The learner's progress page.
pub const PROGRESS_URL: &str = "progress.html";
/// The NPS / CSI calculator.
pub const CALCULATOR_URL: &str = "calculator.html";
/// Pages that no source file describes; lessons may link to them by these
/// names (`../calculator.html`). Progress is on every site, the calculator
/// only where course.yaml says `calculator: true`.
pub const GENERATED_PAGES: &[&str] = &[PROGRESS_URL, CALCULATOR_URL];

/// The built-in pages a course with `config` has.
pub fn generated_pages(config: &crate::model::CourseConfig) -> Vec<&'static str> {
    GENERATED_PAGES
        .iter()
        .copied()
        .filter(|&p| p != CALCULATOR_URL || config.calculator)
        .collect()
}

impl Site {
    pub fn plan(course: &Course, tree: &SourceTree) -> Site {
        let mut site = Site {
            pages: Vec::new(),
            by_source: HashMap::new(),
            statics: HashMap::new(),
            generated: generated_pages(&course.config),
        };
        site.push(
            PageKind::Home,
            HOME_URL.to_string(),
            course.config.title.clone(),
            None,
        );
        let mut root_pages: Vec<usize> = (0..course.pages.len()).collect();
        root_pages.sort_by(|&a, &b| course.pages[a].source.rel.cmp(&course.pages[b].source.rel));
        let placed = |p: Placement| {
            root_pages
                .iter()
                .copied()
                .filter(move |&i| course.pages[i].placement == p)
        };
        for i in placed(Placement::Before) {
            let p = &course.pages[i];
            site.push(
                PageKind::Page(i),
                format!("{}.html", p.slug),
                p.title.clone(),
                Some(&p.source),
            );
        }
        for (mi, m) in course.modules.iter().enumerate() {
            site.push(
                PageKind::Module(mi),
                format!("{}/index.html", m.slug),
                m.title.clone(),
                Some(&m.source),
            );
            for item in &m.items {
                match *item {
                    ModuleItem::Lesson(li) => {
                        let l = &m.lessons[li];
                        site.push(
                            PageKind::Lesson(mi, li),
                            format!("{}/{}.html", m.slug, l.slug),
                            l.title.clone(),
                            Some(&l.source),
                        );
                    }
                    ModuleItem::Quiz(qi) => {
                        let q = &m.lesson_quizzes[qi];
                        site.push(
                            PageKind::LessonQuiz(mi, qi),
                            format!("{}/{}.html", m.slug, q.slug),
                            q.quiz.title.clone(),
                            Some(&q.source),
                        );
                    }
                    ModuleItem::Scenario(si) => {
                        let s = &m.scenarios[si];
                        site.push(
                            PageKind::Scenario(mi, si),
                            format!("{}/{}.html", m.slug, s.slug),
                            s.scenario.title.clone(),
                            Some(&s.source),
                        );
                    }
                }
            }
            if let Some(q) = &m.quiz {
                site.push(
                    PageKind::Quiz(mi),
                    format!("{}/quiz.html", m.slug),
                    q.quiz.title.clone(),
                    Some(&q.source),
                );
            }
        }
        for i in placed(Placement::After) {
            let p = &course.pages[i];
            site.push(
                PageKind::Page(i),
                format!("{}.html", p.slug),
                p.title.clone(),
                Some(&p.source),
            );
        }
        let module_slugs: HashMap<&str, &str> = course
            .modules
            .iter()
            .map(|m| (m.dir_name.as_str(), m.slug.as_str()))
            .collect();
        for f in &tree.static_files {
            let out = match f.rel.split_once('/') {
                Some((dir, rest)) => match module_slugs.get(dir) {
                    Some(slug) => format!("{slug}/{rest}"),
                    None => f.rel.clone(),
                },
                None => f.rel.clone(),
            };
            site.statics.insert(f.rel.clone(), out);
        }
        site
    }

    fn push(&mut self, kind: PageKind, url: String, title: String, source: Option<&SourceFile>) {
        if let Some(s) = source {
            self.by_source.insert(s.rel.clone(), self.pages.len());
        }
        self.pages.push(SitePage { kind, url, title });
    }

    /// The prefix that leads from `url`'s folder back to the site root (`""` or `"../"`).
    pub fn root_prefix(url: &str) -> String {
        "../".repeat(url.matches('/').count())
    }
}
