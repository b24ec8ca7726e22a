//! The parse stage (after load, see `build`): course.yaml and front matter into the data model,
//! with ordering and slug rules checked. Markdown bodies are rendered later,
//! once every page's URL is known.

mod config;
pub(crate) mod front_matter;
mod naming;

pub use config::{normalize_base_url, parse_config};
pub use naming::split_order_prefix;

/// The navigation-relevant front matter of an edited file, read again; `None`
/// when the file has any problem (a full rebuild then reports it properly).
pub fn reread_front_matter(file: &SourceFile, kind: PageKind) -> Option<(NavMeta, usize)> {
    let mut quiet = Diagnostics::default();
    let (meta, offset) = match kind {
        PageKind::Lesson(..) => {
            let (m, o) = front_matter::read_meta::<LessonMeta>(file, &mut quiet)?;
            let (prefix, _) = split_order_prefix(file.stem());
            (
                NavMeta::Lesson {
                    title: m.title,
                    summary: m.summary,
                    order: m.order.or(prefix),
                    duration_minutes: m.duration_minutes,
                    slides: m.slides,
                },
                o,
            )
        }
        PageKind::Module(_) => {
            let (m, o) = front_matter::read_meta::<ModuleMeta>(file, &mut quiet)?;
            (
                NavMeta::Module(m.title, m.summary, m.objectives, m.duration_minutes),
                o,
            )
        }
        PageKind::Page(_) => {
            let (m, o) = front_matter::read_meta::<PageMeta>(file, &mut quiet)?;
            (NavMeta::Page(m.title, m.summary, m.placement), o)
        }
        PageKind::Home | PageKind::Quiz(_) | PageKind::LessonQuiz(..) | PageKind::Scenario(..) => {
            return None;
        }
    };
    (!quiet.has_errors()).then_some((meta, offset))
}

/// What other pages show of a page's front matter (titles in the navigation,
/// summaries in lists). An edit that leaves it alone changes only that page.
#[derive(Debug, Clone, PartialEq)]
pub enum NavMeta {
    Lesson {
        title: String,
        summary: Option<String>,
        order: Option<u32>,
        duration_minutes: Option<u32>,
        slides: bool,
    },
    Module(String, Option<String>, Vec<String>, Option<u32>),
    Page(String, Option<String>, crate::model::Placement),
}

impl NavMeta {
    /// The same for the page as the course model has it now.
    pub fn current(course: &Course, kind: PageKind) -> Option<NavMeta> {
        Some(match kind {
            PageKind::Lesson(m, l) => {
                let l = &course.modules[m].lessons[l];
                NavMeta::Lesson {
                    title: l.title.clone(),
                    summary: l.summary.clone(),
                    order: l.order,
                    duration_minutes: l.duration_minutes,
                    slides: l.slides,
                }
            }
            PageKind::Module(m) => {
                let m = &course.modules[m];
                NavMeta::Module(
                    m.title.clone(),
                    m.summary.clone(),
                    m.objectives.clone(),
                    m.duration_minutes,
                )
            }
            PageKind::Page(p) => {
                let p = &course.pages[p];
                NavMeta::Page(p.title.clone(), p.summary.clone(), p.placement)
            }
            PageKind::Home | PageKind::Quiz(_) | PageKind::LessonQuiz(..) | PageKind::Scenario(..) => {
                return None;
            }
        })
    }
}

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::SourceTree;
use crate::model::PageKind;
use crate::model::{Course, Lesson, Module, ModuleItem, ModuleQuiz, ModuleScenario, Page};
use crate::quiz::{Quiz, answer_position_warnings, parse_quiz};
use crate::source::SourceFile;
use front_matter::{LessonMeta, ModuleMeta, PageMeta, read_meta_or_fallback};

/// Slugs that a lesson cannot take because the module already uses them.
const RESERVED_LESSON_SLUGS: &[&str] = &["index", "quiz"];

/// Builds the course model. Returns `None` only when course.yaml is unusable;
/// other problems are recorded and the faulty item is left out.
pub fn parse_course(tree: &SourceTree, diags: &mut Diagnostics) -> Option<Course> {
    let config = match &tree.config {
        Some(file) => parse_config(file).map_err(|d| diags.push(d)).ok(),
        // A missing course folder has been reported already.
        None if !tree.course_dir.is_dir() => None,
        None => {
            diags.push(
                Diagnostic::error("course.yaml not found")
                    .in_file(tree.course_dir.join("course.yaml"))
                    .with_hint("create course.yaml with at least `title: …`"),
            );
            None
        }
    };
    if let (Some(c), Some(file)) = (&config, &tree.config)
        && c.id.is_none()
    {
        diags.push(
            Diagnostic::warning("course.yaml has no `id`")
                .at(&file.display_path, &file.text, 1, 1)
                .with_hint(
                    "add a line such as `id: my-course` (letters, digits, `-`): learners' saved \
                     progress is keyed by it, so it survives a new title; progress saved under \
                     the title is carried over",
                ),
        );
    }
    let pages = parse_pages(tree, diags);
    let modules = parse_modules(tree, diags);
    let course = config.map(|config| Course {
        config,
        pages,
        modules,
    })?;
    if let (Some(schedule), Some(file)) = (&course.config.schedule, &tree.config) {
        let agenda = crate::agenda::plan(&crate::agenda::steps(&course), schedule);
        if !agenda.fits(schedule) {
            let per_day = agenda.available / schedule.days;
            let at = crate::yaml::Locations::index(&file.text)
                .offset("schedule")
                .unwrap_or(0);
            diags.push(
                Diagnostic::warning(format!(
                    "the course needs {} minutes of teaching, but {} day(s) of {per_day} minutes give {}: {} minutes do not fit, and the agenda runs into day {}",
                    agenda.needed,
                    schedule.days,
                    agenda.available,
                    agenda.needed.saturating_sub(agenda.available),
                    agenda.days_used
                ))
                .at_offset(&file.display_path, &file.text, at)
                .with_hint(
                    "shorten lessons' duration_minutes, or give the schedule more days or longer ones; \
                     each module quiz counts 10 minutes, each quiz among the lessons 5",
                ),
            );
        }
    }
    Some(course)
}

/// Slugs that a root page cannot take: the site's own pages at its root
/// (`index.html`, `progress.html`, `calculator.html`, `404.html`).
const RESERVED_PAGE_SLUGS: &[&str] = &["index", "progress", "calculator", "404"];

fn parse_pages(tree: &SourceTree, diags: &mut Diagnostics) -> Vec<Page> {
    let mut pages = Vec::new();
    // Slug → the file that took it.
    let mut slugs: HashMap<&str, &SourceFile> = HashMap::new();
    for file in &tree.pages {
        let (_, slug) = split_order_prefix(file.stem());
        if RESERVED_PAGE_SLUGS.contains(&slug) {
            diags.push(
                Diagnostic::error(format!("page slug `{slug}` is reserved"))
                    .in_file(&file.display_path)
                    .with_hint(
                        "rename the file; `index`, `progress`, `calculator` and `404` are \
                         the site's own pages",
                    ),
            );
            continue;
        }
        if let Some(other) = slugs.insert(slug, file) {
            diags.push(
                Diagnostic::error(format!(
                    "two pages have the slug `{slug}` ({} and {})",
                    other.display_path.display(),
                    file.display_path.display()
                ))
                .in_file(&file.display_path)
                .with_hint("rename one of the files"),
            );
            continue;
        }
        let (meta, body_offset) = read_meta_or_fallback::<PageMeta>(file, diags);
        pages.push(Page {
            slug: slug.to_string(),
            title: meta.title,
            summary: meta.summary,
            placement: meta.placement,
            source: file.clone(),
            body_offset,
        });
    }
    pages
}

/// A module's quiz file and what parsing it gave.
type ParsedQuiz<'a> = (&'a SourceFile, Result<Quiz, Vec<Diagnostic>>);
/// A module's scenario file and what parsing it gave.
type ParsedScenario<'a> = (&'a SourceFile, Result<crate::scenario::Scenario, Vec<Diagnostic>>);

fn parse_modules(tree: &SourceTree, diags: &mut Diagnostics) -> Vec<Module> {
    let mut modules: Vec<(Option<u32>, Module)> = Vec::new();
    let mut slugs: HashMap<String, String> = HashMap::new();
    // Quizzes are parsed in parallel (a long one takes milliseconds); their
    // errors are reported in module order below.
    #[allow(clippy::type_complexity)]
    let mut quizzes: Vec<(Option<ParsedQuiz>, Vec<ParsedQuiz>, Vec<ParsedScenario>)> = tree
        .modules
        .par_iter()
        .map(|m| {
            (
                m.quiz.as_ref().map(|file| (file, parse_quiz(file))),
                m.lesson_quizzes
                    .iter()
                    .map(|file| (file, parse_quiz(file)))
                    .collect(),
                m.scenarios
                    .iter()
                    .map(|file| (file, crate::scenario::parse_scenario(file)))
                    .collect(),
            )
        })
        .collect();
    for (m, (quiz, lesson_quizzes, scenarios)) in tree.modules.iter().zip(&mut quizzes) {
        let Some(index) = &m.index else {
            if m.lessons.is_empty()
                && m.quiz.is_none()
                && m.lesson_quizzes.is_empty()
                && m.scenarios.is_empty()
            {
                diags.push(
                    Diagnostic::warning("folder has no Markdown files and is not a module")
                        .in_file(&m.display_path),
                );
            } else {
                diags.push(
                    Diagnostic::error("module folder has no index.md")
                        .in_file(&m.display_path)
                        .with_hint("add index.md with front matter `title`, `summary`, `objectives`, `duration_minutes`"),
                );
            }
            continue;
        };
        let (order, slug) = split_order_prefix(&m.dir_name);
        if let Some(other) = slugs.insert(slug.to_string(), m.dir_name.clone()) {
            diags.push(
                Diagnostic::error(format!(
                    "two modules have the slug `{slug}` ({other} and {})",
                    m.dir_name
                ))
                .in_file(&m.display_path)
                .with_hint("rename one of the folders"),
            );
            continue;
        }
        let (meta, body_offset) = read_meta_or_fallback::<ModuleMeta>(index, diags);
        let lessons = parse_lessons(&m.lessons, diags);
        let lesson_quizzes = placed_quizzes(slug, std::mem::take(lesson_quizzes), &lessons, diags);
        let scenarios = placed_scenarios(slug, std::mem::take(scenarios), &lessons, &lesson_quizzes, diags);
        let items = module_items(&lessons, &lesson_quizzes, &scenarios);
        modules.push((
            order,
            Module {
                dir_name: m.dir_name.clone(),
                display_path: m.display_path.clone(),
                slug: slug.to_string(),
                title: meta.title,
                summary: meta.summary,
                objectives: meta.objectives,
                duration_minutes: meta.duration_minutes,
                source: index.clone(),
                body_offset,
                lessons,
                quiz: quiz.take().and_then(|(file, parsed)| match parsed {
                    Ok(quiz) => {
                        diags.extend(answer_position_warnings(&quiz, file));
                        Some(ModuleQuiz {
                            source: file.clone(),
                            quiz,
                            slug: "quiz".to_string(),
                            order: None,
                            id: slug.to_string(),
                        })
                    }
                    Err(errors) => {
                        diags.extend(errors);
                        None
                    }
                }),
                lesson_quizzes,
                scenarios,
                items,
            },
        ));
    }
    // Folders with a numeric prefix come first, in that order; then the rest by name.
    modules.sort_by(|(a, ma), (b, mb)| (a.is_none(), a, &ma.dir_name).cmp(&(b.is_none(), b, &mb.dir_name)));
    modules.into_iter().map(|(_, m)| m).collect()
}

/// A file placed among a module's lessons (`NN-slug<suffix>`): its number,
/// its slug, and an error when the module or one of `taken` (the lessons and
/// the files placed before it: slug and file) has that slug already.
fn place<'f, 't>(
    file: &'f SourceFile,
    suffix: &str,
    what: &str,
    mut taken: impl Iterator<Item = (&'t str, &'t SourceFile)>,
) -> Result<(Option<u32>, &'f str), Diagnostic> {
    let stem = file
        .rel
        .rsplit('/')
        .next()
        .and_then(|n| n.strip_suffix(suffix))
        .unwrap_or_default();
    let (order, slug) = split_order_prefix(stem);
    let taken_by = if RESERVED_LESSON_SLUGS.contains(&slug) {
        Some("the module".to_string())
    } else {
        taken
            .find(|(s, _)| *s == slug)
            .map(|(_, f)| f.display_path.display().to_string())
    };
    match taken_by {
        Some(other) => Err(Diagnostic::error(format!("{what} slug `{slug}` is already used by {other}"))
            .in_file(&file.display_path)
            .with_hint(format!(
                "rename the file: its name without the number is the page's name, e.g. 02-check{suffix} → check.html"
            ))),
        None => Ok((order, slug)),
    }
}

/// The module's `NN-slug.quiz.yaml` quizzes that parsed, each with a slug
/// no lesson (nor another quiz) of the module has.
fn placed_quizzes(
    module_slug: &str,
    parsed: Vec<ParsedQuiz>,
    lessons: &[Lesson],
    diags: &mut Diagnostics,
) -> Vec<ModuleQuiz> {
    let mut out: Vec<ModuleQuiz> = Vec::new();
    for (file, parsed) in parsed {
        let quiz = match parsed {
            Ok(q) => q,
            Err(errors) => {
                diags.extend(errors);
                continue;
            }
        };
        let taken = lessons
            .iter()
            .map(|l| (l.slug.as_str(), &l.source))
            .chain(out.iter().map(|q| (q.slug.as_str(), &q.source)));
        let (order, slug) = match place(file, crate::load::LESSON_QUIZ_SUFFIX, "quiz", taken) {
            Ok(placed) => placed,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        diags.extend(answer_position_warnings(&quiz, file));
        out.push(ModuleQuiz {
            source: file.clone(),
            quiz,
            id: format!("{module_slug}/{slug}"),
            slug: slug.to_string(),
            order,
        });
    }
    out
}

/// The module's `NN-slug.scenario.yaml` scenarios that parsed, each with a
/// slug no lesson, quiz or other scenario of the module has.
fn placed_scenarios(
    module_slug: &str,
    parsed: Vec<ParsedScenario>,
    lessons: &[Lesson],
    quizzes: &[ModuleQuiz],
    diags: &mut Diagnostics,
) -> Vec<ModuleScenario> {
    let mut out: Vec<ModuleScenario> = Vec::new();
    for (file, parsed) in parsed {
        let scenario = match parsed {
            Ok(s) => s,
            Err(errors) => {
                diags.extend(errors);
                continue;
            }
        };
        let taken = lessons
            .iter()
            .map(|l| (l.slug.as_str(), &l.source))
            .chain(quizzes.iter().map(|q| (q.slug.as_str(), &q.source)))
            .chain(out.iter().map(|s| (s.slug.as_str(), &s.source)));
        let (order, slug) = match place(file, crate::load::SCENARIO_SUFFIX, "scenario", taken) {
            Ok(placed) => placed,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        out.push(ModuleScenario {
            source: file.clone(),
            scenario,
            id: format!("{module_slug}/{slug}"),
            slug: slug.to_string(),
            order,
        });
    }
    out
}

/// Lessons, lesson quizzes and scenarios in reading order: by number (on a
/// tie a lesson, then a quiz, then a scenario), then the unnumbered ones by
/// file name.
fn module_items(lessons: &[Lesson], quizzes: &[ModuleQuiz], scenarios: &[ModuleScenario]) -> Vec<ModuleItem> {
    let mut items: Vec<(Option<u32>, u8, &str, ModuleItem)> = lessons
        .iter()
        .enumerate()
        .map(|(i, l)| (l.order, 0, l.source.rel.as_str(), ModuleItem::Lesson(i)))
        .chain(
            quizzes
                .iter()
                .enumerate()
                .map(|(i, q)| (q.order, 1, q.source.rel.as_str(), ModuleItem::Quiz(i))),
        )
        .chain(
            scenarios
                .iter()
                .enumerate()
                .map(|(i, s)| (s.order, 2, s.source.rel.as_str(), ModuleItem::Scenario(i))),
        )
        .collect();
    items.sort_by(|a, b| (a.0.is_none(), a.0, a.1, a.2).cmp(&(b.0.is_none(), b.0, b.1, b.2)));
    items.into_iter().map(|(.., item)| item).collect()
}

fn parse_lessons(files: &[SourceFile], diags: &mut Diagnostics) -> Vec<Lesson> {
    // Front matter is parsed in parallel; the checks below run in file order.
    let metas: Vec<((LessonMeta, usize), Diagnostics)> = files
        .par_iter()
        .map(|file| {
            let mut d = Diagnostics::default();
            (read_meta_or_fallback::<LessonMeta>(file, &mut d), d)
        })
        .collect();
    let mut lessons: Vec<Lesson> = Vec::new();
    // Index in `lessons` of the lesson with each slug and order taken so far.
    let mut by_slug: HashMap<&str, usize> = HashMap::new();
    let mut by_order: HashMap<u32, usize> = HashMap::new();
    for (file, ((meta, body_offset), d)) in files.iter().zip(metas) {
        diags.extend(d.into_vec());
        let (prefix, slug) = split_order_prefix(file.stem());
        if RESERVED_LESSON_SLUGS.contains(&slug) {
            diags.push(
                Diagnostic::error(format!("lesson slug `{slug}` is reserved"))
                    .in_file(&file.display_path)
                    .with_hint("rename the file; `index` and `quiz` are used by the module"),
            );
            continue;
        }
        let lesson = Lesson {
            slug: slug.to_string(),
            order: meta.order.or(prefix),
            duration_minutes: meta.duration_minutes,
            slides: meta.slides,
            title: meta.title,
            summary: meta.summary,
            source: file.clone(),
            body_offset,
        };
        if let Some(&other) = by_slug.get(lesson.slug.as_str()) {
            let other: &Lesson = &lessons[other];
            diags.push(
                Diagnostic::error(format!(
                    "two lessons have the slug `{}` ({} and {})",
                    lesson.slug,
                    other.source.display_path.display(),
                    file.display_path.display()
                ))
                .in_file(&file.display_path)
                .with_hint("rename one of the files"),
            );
            continue;
        }
        if let Some(&other) = lesson.order.and_then(|o| by_order.get(&o)) {
            let other: &Lesson = &lessons[other];
            diags.push(
                Diagnostic::error(format!(
                    "two lessons have the order {} ({} and {})",
                    lesson.order.unwrap_or_default(),
                    other.source.display_path.display(),
                    file.display_path.display()
                ))
                .in_file(&file.display_path)
                .with_hint("give each lesson its own number prefix or `order`"),
            );
            continue;
        }
        by_slug.insert(slug, lessons.len());
        if let Some(o) = lesson.order {
            by_order.insert(o, lessons.len());
        }
        lessons.push(lesson);
    }
    lessons.sort_by(|a, b| {
        (a.order.is_none(), a.order, &a.source.rel).cmp(&(b.order.is_none(), b.order, &b.source.rel))
    });
    lessons
}
