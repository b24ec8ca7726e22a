//! View structs: exactly what the templates see. Built from the model and the
//! site plan; URLs are site-relative and templates prefix them with `page.root`.

use std::borrow::Cow;

use serde::Serialize;

use crate::markdown::TocEntry;
use crate::model::{Course, ModuleItem, Placement};
use crate::site::{PageKind, Site};

/// Courses with more lessons than this show only the current module's lessons
/// in the sidebar, so page size does not grow with the course.
pub const EXPAND_ALL_LESSONS_UP_TO: usize = 150;

#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: String,
    pub subtitle: Option<String>,
    pub description: Option<String>,
    pub lang: String,
    pub authors: Vec<String>,
    pub nav: NavView<'a>,
    /// Names this course's saved progress in the browser (several courses may
    /// share one origin, e.g. `file://`): course.yaml's `id`, or without
    /// one the hash of the title.
    pub key: String,
    /// With an `id`, the title-hash key progress was saved under before the
    /// `id` was added; the site script carries that progress over once.
    pub legacy_key: Option<String>,
    /// Whether modules have slide decks (their overviews link them).
    pub slides: bool,
    /// `quizzes` or `lessons-and-quizzes`: what completes the course.
    pub completion: &'static str,
}

#[derive(Debug, Serialize)]
pub struct NavView<'a> {
    pub before: Vec<Link<'a>>,
    pub modules: Vec<NavModule<'a>>,
    pub after: Vec<Link<'a>>,
    pub expand_all: bool,
    /// The built-in pages listed last (progress, and the calculator when on).
    pub tools: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct NavModule<'a> {
    /// The module overview's number in the site plan.
    #[serde(skip)]
    pub page: usize,
    pub slug: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub lessons: Vec<Link<'a>>,
    pub quiz: Option<Link<'a>>,
}

/// Borrowed from the site plan: views copy no strings.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// The page's number in the site plan (`usize::MAX` where no one needs it).
    #[serde(skip)]
    pub page: usize,
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// `home`, `page`, `module`, `lesson` or `404`.
    pub kind: &'static str,
    pub title: &'a str,
    pub url: &'a str,
    /// Prefix from this page back to the site root (`""`, `"../"` or the base URL).
    pub root: String,
    /// The meta description: the page's summary, or its first paragraph.
    pub description: Option<Cow<'a, str>>,
    pub canonical: Option<String>,
    pub module_slug: Option<&'a str>,
    pub breadcrumbs: Vec<Link<'a>>,
    pub prev: Option<Link<'a>>,
    pub next: Option<Link<'a>>,
    /// Borrowed from the rendered page: the HTML is not copied for the view.
    pub toc: &'a [TocEntry],
    pub content: &'a str,
    pub reading_minutes: u32,
    pub module: Option<ModuleView<'a>>,
    pub cards: Vec<ModuleCard<'a>>,
    pub extra_pages: Vec<Link<'a>>,
    /// The module's quiz, on its overview and its last lesson.
    pub quiz_link: Option<Link<'a>>,
    /// On a quiz page: the name its results are saved under (see
    /// `ModuleQuiz::id`).
    pub quiz_id: Option<&'a str>,
    /// On a scenario page: the name its record is saved under (see
    /// `ModuleScenario::id`).
    pub scenario_id: Option<&'a str>,
    /// The sidebar's links (see `nav::sidebar_html`), made from the fields below.
    pub sidebar: String,
    /// The 404 page without a base URL: the folders at the site root (a JSON
    /// list), by which its script finds the root from any depth.
    pub root_finder: Option<String>,
    /// The current module's lessons as the sidebar lists them: all of them in a
    /// small module, a window around the current lesson in a large one (so a
    /// page's size does not grow with the course).
    #[serde(skip)]
    pub nav_lessons: Vec<Link<'a>>,
    #[serde(skip)]
    pub nav_more_before: bool,
    #[serde(skip)]
    pub nav_more_after: bool,
    /// The progress page's list of everything a learner can complete.
    pub progress: Option<ProgressView<'a>>,
    /// The content shows code: the page links `code.css` and `code.js`.
    pub code: bool,
}

/// The progress page: every module with all its lessons and quizzes (also
/// in large courses, whose sidebar lists only a window of lessons), and what
/// progress-core.js needs to read the saved records.
#[derive(Debug, Serialize)]
pub struct ProgressView<'a> {
    pub modules: Vec<ProgressModule<'a>>,
    pub lesson_count: usize,
    pub quiz_count: usize,
    pub scenario_count: usize,
    /// `{completion, lessons: [url…], quizzes: {id: quiz meta}, scenarios:
    /// {id: scenario meta}, endingTitles: {id: {ending id: title}}}`, safe
    /// to embed in a `<script type="application/json">`.
    pub meta_json: String,
}

#[derive(Debug, Serialize)]
pub struct ProgressModule<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    /// Lessons and the quizzes placed among them, in reading order.
    pub items: Vec<ProgressItem<'a>>,
    /// The module quiz.
    pub quiz: Option<ProgressItem<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ProgressItem<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// A quiz's saved-results name; `None` for a lesson.
    pub quiz: Option<&'a str>,
    /// A scenario's saved-record name.
    pub scenario: Option<&'a str>,
}

pub fn progress_view<'a>(course: &'a Course, site: &'a Site) -> ProgressView<'a> {
    let item = |i: usize, quiz: Option<&'a str>| ProgressItem {
        title: &site.pages[i].title,
        url: &site.pages[i].url,
        quiz,
        scenario: None,
    };
    let mut modules: Vec<ProgressModule> = Vec::new();
    let mut lessons = Vec::new();
    let mut quizzes = serde_json::Map::new();
    let mut scenarios = serde_json::Map::new();
    let mut ending_titles = serde_json::Map::new();
    for (i, p) in site.pages.iter().enumerate() {
        match p.kind {
            PageKind::Module(mi) => modules.push(ProgressModule {
                slug: &course.modules[mi].slug,
                title: &p.title,
                url: &p.url,
                items: Vec::new(),
                quiz: None,
            }),
            PageKind::Lesson(..) => {
                lessons.push(p.url.as_str());
                if let Some(m) = modules.last_mut() {
                    m.items.push(item(i, None));
                }
            }
            PageKind::Quiz(_) | PageKind::LessonQuiz(..) => {
                let Some(q) = course.quiz(p.kind) else { continue };
                quizzes.insert(q.id.clone(), crate::quiz::view::quiz_meta(&q.quiz));
                if let Some(m) = modules.last_mut() {
                    let it = item(i, Some(&q.id));
                    match p.kind {
                        PageKind::Quiz(_) => m.quiz = Some(it),
                        _ => m.items.push(it),
                    }
                }
            }
            PageKind::Scenario(..) => {
                let Some(s) = course.scenario(p.kind) else {
                    continue;
                };
                scenarios.insert(s.id.clone(), crate::scenario::view::scenario_meta(&s.scenario));
                let titles: serde_json::Map<String, serde_json::Value> = s
                    .scenario
                    .endings
                    .iter()
                    .map(|e| (e.id.clone(), e.title.clone().into()))
                    .collect();
                ending_titles.insert(s.id.clone(), titles.into());
                if let Some(m) = modules.last_mut() {
                    m.items.push(ProgressItem {
                        scenario: Some(&s.id),
                        ..item(i, None)
                    });
                }
            }
            PageKind::Home | PageKind::Page(_) => {}
        }
    }
    let meta = serde_json::json!({
        "completion": course.config.completion.name(),
        "lessons": lessons,
        "quizzes": quizzes,
        "scenarios": scenarios,
        "endingTitles": ending_titles,
    });
    ProgressView {
        lesson_count: lessons.len(),
        quiz_count: quizzes.len(),
        scenario_count: scenarios.len(),
        modules,
        meta_json: crate::quiz::view::script_safe_json(&meta),
    }
}

/// Modules with more lessons than this list only a window of them in the sidebar.
pub const NAV_FULL_UP_TO: usize = 40;
const NAV_WINDOW: usize = 12;

/// The half-open range of lessons the sidebar shows around lesson `current`.
pub fn nav_window(count: usize, current: usize) -> (usize, usize) {
    if count <= NAV_FULL_UP_TO {
        return (0, count);
    }
    let from = current
        .saturating_sub(NAV_WINDOW)
        .min(count.saturating_sub(2 * NAV_WINDOW + 1));
    (from, (from + 2 * NAV_WINDOW + 1).min(count))
}

#[derive(Debug, Serialize)]
pub struct ModuleView<'a> {
    pub objectives: &'a [String],
    pub duration_minutes: Option<u32>,
    pub lessons: Vec<LessonItem<'a>>,
}

#[derive(Debug, Serialize)]
pub struct LessonItem<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: Option<&'a str>,
    pub reading_minutes: u32,
    /// A quiz placed among the lessons (`NN-slug.quiz.yaml`): its number of
    /// questions, shown instead of a reading time.
    pub quiz_questions: Option<usize>,
    /// A role-play scenario (`NN-slug.scenario.yaml`): its number of endings.
    pub scenario_endings: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct ModuleCard<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: Option<&'a str>,
    pub objectives_count: usize,
    pub lessons_count: usize,
    pub duration_minutes: Option<u32>,
}

pub fn site_view<'a>(course: &'a Course, site: &'a Site) -> SiteView<'a> {
    let link = |i: usize| Link {
        title: &site.pages[i].title,
        url: &site.pages[i].url,
        page: i,
    };
    let mut nav = NavView {
        before: Vec::new(),
        modules: Vec::new(),
        after: Vec::new(),
        expand_all: course.lesson_count() <= EXPAND_ALL_LESSONS_UP_TO,
        tools: site.generated.clone(),
    };
    for (i, p) in site.pages.iter().enumerate() {
        match p.kind {
            PageKind::Home => {}
            PageKind::Page(pi) if course.pages[pi].placement == Placement::Before => nav.before.push(link(i)),
            PageKind::Page(_) => nav.after.push(link(i)),
            PageKind::Module(mi) => nav.modules.push(NavModule {
                page: i,
                slug: &course.modules[mi].slug,
                title: &p.title,
                url: &p.url,
                lessons: Vec::new(),
                quiz: None,
            }),
            PageKind::Lesson(..) | PageKind::LessonQuiz(..) | PageKind::Scenario(..) if nav.expand_all => {
                if let Some(m) = nav.modules.last_mut() {
                    m.lessons.push(link(i));
                }
            }
            PageKind::Lesson(..) | PageKind::LessonQuiz(..) | PageKind::Scenario(..) => {}
            PageKind::Quiz(_) => {
                if let Some(m) = nav.modules.last_mut() {
                    m.quiz = Some(link(i));
                }
            }
        }
    }
    let c = &course.config;
    SiteView {
        title: c.title.clone(),
        subtitle: c.subtitle.clone(),
        description: c.description.clone(),
        lang: c.language.clone(),
        authors: c.authors.clone(),
        nav,
        key: progress_key(c),
        legacy_key: c.id.as_ref().map(|_| storage_key(&c.title)),
        completion: c.completion.name(),
        slides: c.slides,
    }
}

/// Everything a page view needs that the site plan alone does not know.
pub struct PageBody<'a> {
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub reading_minutes: u32,
    /// The plain text of the page's first paragraph (`""` if none).
    pub first_paragraph: &'a str,
    /// Whether the content shows a code block.
    pub has_code: bool,
}

pub fn page_view<'a>(
    course: &'a Course,
    site: &'a Site,
    index: usize,
    body: PageBody<'a>,
    reading: &dyn Fn(usize) -> u32,
    quiz_description: &str,
) -> PageView<'a> {
    let page = &site.pages[index];
    let link = |i: usize| Link {
        title: &site.pages[i].title,
        url: &site.pages[i].url,
        page: i,
    };
    let home = link(0);
    let mut view = PageView {
        kind: "home",
        title: &page.title,
        url: &page.url,
        root: Site::root_prefix(&page.url),
        description: None,
        canonical: course
            .config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}", page.url)),
        module_slug: None,
        breadcrumbs: Vec::new(),
        prev: index.checked_sub(1).map(link),
        next: (index + 1 < site.pages.len()).then(|| link(index + 1)),
        toc: body.toc,
        content: body.content,
        reading_minutes: body.reading_minutes,
        module: None,
        cards: Vec::new(),
        extra_pages: Vec::new(),
        quiz_link: None,
        quiz_id: None,
        scenario_id: None,
        sidebar: String::new(),
        root_finder: None,
        nav_lessons: Vec::new(),
        nav_more_before: false,
        nav_more_after: false,
        progress: None,
        code: body.has_code,
    };
    // The site plan lists a module's overview, then its lessons and the
    // quizzes among them (`items`), then its quiz.
    let position = |mi: usize| {
        let m = &course.modules[mi];
        match page.kind {
            PageKind::Lesson(_, li) => m.position(ModuleItem::Lesson(li)),
            PageKind::LessonQuiz(_, qi) => m.position(ModuleItem::Quiz(qi)),
            PageKind::Scenario(_, si) => m.position(ModuleItem::Scenario(si)),
            _ => m.items.len(),
        }
    };
    let module_page = |mi: usize| match page.kind {
        PageKind::Module(_) => index,
        _ => index - 1 - position(mi),
    };
    let quiz_of = |mi: usize| {
        let m = &course.modules[mi];
        m.quiz.as_ref().map(|_| link(module_page(mi) + 1 + m.items.len()))
    };
    let summary_or_lead = |summary: &'a Option<String>| match summary.as_deref() {
        Some(s) if !s.trim().is_empty() => Some(Cow::Borrowed(s)),
        _ => (!body.first_paragraph.is_empty()).then(|| excerpt(body.first_paragraph)),
    };
    if let PageKind::Module(mi)
    | PageKind::Lesson(mi, _)
    | PageKind::Quiz(mi)
    | PageKind::LessonQuiz(mi, _)
    | PageKind::Scenario(mi, _) = page.kind
    {
        let count = course.modules[mi].items.len();
        let current = match page.kind {
            PageKind::Module(_) => 0,
            _ => position(mi).min(count.saturating_sub(1)),
        };
        let (from, to) = nav_window(count, current);
        let first = module_page(mi) + 1;
        view.nav_lessons = (first + from..first + to).map(link).collect();
        view.nav_more_before = from > 0;
        view.nav_more_after = to < count;
    }
    match page.kind {
        PageKind::Home => {
            let c = &course.config;
            view.description = c
                .description
                .as_deref()
                .or(c.subtitle.as_deref())
                .map(Cow::Borrowed);
            view.canonical = course.config.base_url.clone();
            view.cards = module_cards(course, site);
            view.extra_pages = site
                .pages
                .iter()
                .enumerate()
                .filter(|(_, p)| matches!(p.kind, PageKind::Page(_)))
                .map(|(i, _)| link(i))
                .collect();
        }
        PageKind::Page(pi) => {
            view.kind = "page";
            view.description = summary_or_lead(&course.pages[pi].summary);
            view.breadcrumbs = vec![home];
        }
        PageKind::Module(mi) => {
            let m = &course.modules[mi];
            view.kind = "module";
            view.description = summary_or_lead(&m.summary);
            view.module_slug = Some(&m.slug);
            view.breadcrumbs = vec![home];
            view.quiz_link = quiz_of(mi);
            view.module = Some(ModuleView {
                objectives: &m.objectives,
                duration_minutes: m.duration_minutes,
                lessons: m
                    .items
                    .iter()
                    .enumerate()
                    .map(|(pos, item)| {
                        let i = index + 1 + pos;
                        let (summary, quiz_questions, scenario_endings) = match *item {
                            ModuleItem::Lesson(li) => (m.lessons[li].summary.as_deref(), None, None),
                            ModuleItem::Quiz(qi) => {
                                (None, Some(m.lesson_quizzes[qi].quiz.questions.len()), None)
                            }
                            ModuleItem::Scenario(si) => {
                                let s = &m.scenarios[si].scenario;
                                (s.summary.as_deref(), None, Some(s.endings.len()))
                            }
                        };
                        LessonItem {
                            title: &site.pages[i].title,
                            url: &site.pages[i].url,
                            summary,
                            reading_minutes: reading(i),
                            quiz_questions,
                            scenario_endings,
                        }
                    })
                    .collect(),
            });
        }
        PageKind::Lesson(mi, li) => {
            let m = &course.modules[mi];
            view.kind = "lesson";
            view.description = summary_or_lead(&m.lessons[li].summary);
            view.module_slug = Some(&m.slug);
            view.breadcrumbs = vec![home, link(module_page(mi))];
            if position(mi) + 1 == m.items.len() {
                view.quiz_link = quiz_of(mi);
            }
        }
        PageKind::Quiz(mi) | PageKind::LessonQuiz(mi, _) => {
            let m = &course.modules[mi];
            view.kind = "quiz";
            if let Some(q) = course.quiz(page.kind) {
                view.quiz_id = Some(&q.id);
                let q = &q.quiz;
                view.description = Some(Cow::Owned(
                    quiz_description
                        .replace("{title}", &q.title)
                        .replace("{n}", &q.questions.len().to_string())
                        .replace("{pass}", &q.pass_mark.to_string()),
                ));
            }
            view.module_slug = Some(&m.slug);
            view.breadcrumbs = vec![home, link(module_page(mi))];
        }
        PageKind::Scenario(mi, si) => {
            let m = &course.modules[mi];
            view.kind = "scenario";
            if let Some(s) = m.scenarios.get(si) {
                view.scenario_id = Some(&s.id);
                view.description = s.scenario.summary.as_deref().map(Cow::Borrowed);
            }
            view.module_slug = Some(&m.slug);
            view.breadcrumbs = vec![home, link(module_page(mi))];
            if position(mi) + 1 == m.items.len() {
                view.quiz_link = quiz_of(mi);
            }
        }
    }
    view
}

fn module_cards<'a>(course: &'a Course, site: &'a Site) -> Vec<ModuleCard<'a>> {
    site.pages
        .iter()
        .filter_map(|p| match p.kind {
            PageKind::Module(mi) => {
                let m = &course.modules[mi];
                Some(ModuleCard {
                    title: &m.title,
                    url: &p.url,
                    summary: m.summary.as_deref(),
                    objectives_count: m.objectives.len(),
                    lessons_count: m.lessons.len(),
                    duration_minutes: m.duration_minutes,
                })
            }
            _ => None,
        })
        .collect()
}

/// Names the course's saved progress in the browser: its `id`, or without
/// one the hash of its title.
pub fn progress_key(c: &crate::model::CourseConfig) -> String {
    c.id.clone().unwrap_or_else(|| storage_key(&c.title))
}

/// A description made from a page's first paragraph: whole when short, else
/// cut after the last sentence that ends within about 80 CJK characters (160
/// Latin ones), or at that length with "…".
pub fn excerpt(text: &str) -> Cow<'_, str> {
    const MAX: usize = 160; // a CJK character counts 2
    let mut width = 0;
    let mut sentence_end = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        width += if c as u32 >= 0x2E80 { 2 } else { 1 };
        if width > MAX {
            if let Some(end) = sentence_end {
                return Cow::Borrowed(&text[..end]);
            }
            let mut head = &text[..i];
            // Latin text: do not cut a word.
            if c.is_alphanumeric()
                && !is_wide(c)
                && let Some(space) = head.rfind(' ')
                && space > head.len() / 2
            {
                head = &head[..space];
            }
            let head = head.trim_end_matches(|c: char| c.is_whitespace() || "，、,;；：:".contains(c));
            return Cow::Owned(format!("{head}…"));
        }
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        let ends = matches!(c, '。' | '！' | '？' | '；') || (matches!(c, '.' | '!' | '?') && next_is_space);
        if ends && width >= MAX / 3 {
            sentence_end = Some(i + c.len_utf8());
        }
    }
    Cow::Borrowed(text)
}

fn is_wide(c: char) -> bool {
    c as u32 >= 0x2E80
}

/// FNV-1a of the course title, as 8 hex digits.
pub fn storage_key(title: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in title.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// The 404 page: served from any depth, so it links through the base URL when
/// one is known. Otherwise its links are relative to the site root, and a
/// script finds the root (with the site's top folders as one of its clues).
pub fn not_found_view<'a>(course: &Course, site: &Site, title: &'a str) -> PageView<'a> {
    let root = course.config.base_url.clone().unwrap_or_default();
    let root_finder = course.config.base_url.is_none().then(|| {
        let mut folders: Vec<&str> = site
            .pages
            .iter()
            .filter_map(|p| p.url.split_once('/').map(|(dir, _)| dir))
            .chain(["static", "print"])
            .collect();
        folders.sort_unstable();
        folders.dedup();
        let json = serde_json::to_value(folders).unwrap_or_default();
        crate::quiz::view::script_safe_json(&json)
    });
    PageView {
        root,
        root_finder,
        ..utility_view("404", "404.html", title)
    }
}

/// A page outside the reading order (404, progress), at the site root.
pub fn utility_view<'a>(kind: &'static str, url: &'a str, title: &'a str) -> PageView<'a> {
    PageView {
        kind,
        title,
        url,
        root: String::new(),
        description: None,
        canonical: None,
        module_slug: None,
        breadcrumbs: Vec::new(),
        prev: None,
        next: None,
        toc: &[],
        content: "",
        reading_minutes: 0,
        module: None,
        cards: Vec::new(),
        extra_pages: Vec::new(),
        quiz_link: None,
        quiz_id: None,
        scenario_id: None,
        sidebar: String::new(),
        root_finder: None,
        nav_lessons: Vec::new(),
        nav_more_before: false,
        nav_more_after: false,
        progress: None,
        code: false,
    }
}

#[cfg(test)]
mod tests {
    use super::{excerpt, nav_window};

    #[test]
    fn descriptions_are_cut_at_a_sentence_or_a_word() {
        assert_eq!(excerpt("短短一段。"), "短短一段。");
        let long = "服务卓越是持续超越客户期望的能力。".repeat(8);
        let cut = excerpt(&long);
        assert!(cut.ends_with('。') && cut.chars().count() <= 80, "{cut}");
        let run_on = "字".repeat(200);
        assert_eq!(excerpt(&run_on), format!("{}…", "字".repeat(80)));
        let words = "word ".repeat(60);
        let cut = excerpt(words.trim());
        assert!(cut.ends_with("word…") && cut.len() <= 165, "{cut}");
    }

    #[test]
    fn sidebar_window_is_bounded_and_contains_the_current_lesson() {
        assert_eq!(nav_window(10, 3), (0, 10));
        assert_eq!(nav_window(1250, 0), (0, 25));
        assert_eq!(nav_window(1250, 600), (588, 613));
        assert_eq!(nav_window(1250, 1249), (1225, 1250));
        for cur in [0, 1, 11, 12, 13, 500, 1237, 1249] {
            let (a, b) = nav_window(1250, cur);
            assert!(a <= cur && cur < b && b - a == 25, "{cur}: {a}..{b}");
        }
    }
}
