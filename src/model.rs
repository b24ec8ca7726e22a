//! The plain data model a course is parsed into. Later stages (render, search,
//! export, quizzes) read it; none of them go back to the files.

use std::path::PathBuf;

use crate::quiz::Quiz;
use crate::scenario::Scenario;
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Course {
    pub config: CourseConfig,
    pub pages: Vec<Page>,
    pub modules: Vec<Module>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CourseConfig {
    /// Stable identity of the course: names the learners' saved progress, so
    /// a renamed course keeps it. Without one, the title's hash is used.
    pub id: Option<String>,
    /// What a learner must do for the course to count as complete.
    pub completion: Completion,
    /// Whether the site has the built-in NPS / CSI calculator page
    /// (`calculator: true`; off unless the course asks for it).
    pub calculator: bool,
    /// Hosts pages may load images, media, frames or scripts from without a
    /// warning (lower case; `*.example.org` names every host under it).
    pub allowed_remote_hosts: Vec<String>,
    pub title: String,
    pub subtitle: Option<String>,
    /// BCP 47 tag, `zh-CN` by default.
    pub language: String,
    pub authors: Vec<String>,
    pub description: Option<String>,
    /// The workshop's days (course.yaml `schedule`), for the facilitator guide.
    pub schedule: Option<Schedule>,
    /// Whether modules get slide decks (course.yaml `slides`, default true).
    pub slides: bool,
    /// Absolute site URL ending in `/`, used for canonical links only:
    /// every link inside the site is relative.
    pub base_url: Option<String>,
}

/// A workshop's days: each from `start` to `end` (minutes after midnight),
/// with lunch and short breaks at the same times every day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub days: u32,
    pub start: u32,
    pub end: u32,
    /// Lunch and breaks, in the order of the day.
    pub pauses: Vec<Pause>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub at: u32,
    pub minutes: u32,
    pub lunch: bool,
}

/// What completes the course (the progress page and the certificate).
/// What a page of the course shows, by its place in the model. The site plan
/// (`site`) gives each one its URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    /// Index into `course.pages`.
    Page(usize),
    /// Index into `course.modules`.
    Module(usize),
    /// Module index, lesson index.
    Lesson(usize, usize),
    /// The quiz of a module (index into `course.modules`).
    Quiz(usize),
    /// Module index, index into its `lesson_quizzes` (`NN-slug.quiz.yaml`).
    LessonQuiz(usize, usize),
    /// Module index, index into its `scenarios` (`NN-slug.scenario.yaml`).
    Scenario(usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Completion {
    /// Every quiz passed.
    Quizzes,
    /// Every lesson visited and every quiz passed (default).
    #[default]
    LessonsAndQuizzes,
}

impl Completion {
    pub const NAMES: &'static [&'static str] = &["lessons-and-quizzes", "quizzes"];

    pub fn name(self) -> &'static str {
        match self {
            Completion::Quizzes => "quizzes",
            Completion::LessonsAndQuizzes => "lessons-and-quizzes",
        }
    }

    pub fn from_name(name: &str) -> Option<Completion> {
        match name {
            "quizzes" => Some(Completion::Quizzes),
            "lessons-and-quizzes" => Some(Completion::LessonsAndQuizzes),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Before,
    After,
}

/// A Markdown file at the root of the course (introduction, glossary…).
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub placement: Placement,
    pub source: SourceFile,
    /// Byte offset of the Markdown body in `source.text`.
    pub body_offset: usize,
}

#[derive(Debug, Clone)]
pub struct Module {
    pub dir_name: String,
    pub display_path: PathBuf,
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub objectives: Vec<String>,
    pub duration_minutes: Option<u32>,
    /// The module's `index.md`: its body is the overview text.
    pub source: SourceFile,
    pub body_offset: usize,
    pub lessons: Vec<Lesson>,
    /// The module's quiz (`quiz.yaml`), validated; it comes after the lessons.
    pub quiz: Option<ModuleQuiz>,
    /// Quizzes placed among the lessons (`NN-slug.quiz.yaml`), validated.
    pub lesson_quizzes: Vec<ModuleQuiz>,
    /// Role-play scenarios placed among the lessons (`NN-slug.scenario.yaml`).
    pub scenarios: Vec<ModuleScenario>,
    /// Lessons, lesson quizzes and scenarios in reading order: by number (on
    /// a tie a lesson, then a quiz, then a scenario), unnumbered ones last by
    /// file name.
    pub items: Vec<ModuleItem>,
}

/// One step of a module between its overview and its quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleItem {
    /// Index into `lessons`.
    Lesson(usize),
    /// Index into `lesson_quizzes`.
    Quiz(usize),
    /// Index into `scenarios`.
    Scenario(usize),
}

impl Module {
    /// Where `item` stands in `items`.
    pub fn position(&self, item: ModuleItem) -> usize {
        self.items.iter().position(|&i| i == item).unwrap_or(0)
    }

    /// Every quiz of the module: those among the lessons in reading order,
    /// then the module quiz.
    pub fn quizzes(&self) -> impl Iterator<Item = &ModuleQuiz> {
        self.items
            .iter()
            .filter_map(|i| match *i {
                ModuleItem::Quiz(q) => Some(&self.lesson_quizzes[q]),
                ModuleItem::Lesson(_) | ModuleItem::Scenario(_) => None,
            })
            .chain(&self.quiz)
    }
}

#[derive(Debug, Clone)]
pub struct Lesson {
    pub slug: String,
    pub order: Option<u32>,
    /// Classroom minutes (front matter `duration_minutes`).
    pub duration_minutes: Option<u32>,
    /// On its module's slide deck (front matter `slides`, default true).
    pub slides: bool,
    pub title: String,
    pub summary: Option<String>,
    pub source: SourceFile,
    pub body_offset: usize,
}

#[derive(Debug, Clone)]
pub struct ModuleQuiz {
    pub source: SourceFile,
    pub quiz: Quiz,
    /// Names its page (`<module>/<slug>.html`): `quiz` for the module quiz.
    pub slug: String,
    /// A lesson quiz's number (`NN-`), `None` for the module quiz.
    pub order: Option<u32>,
    /// Names its saved results: the module's slug for the module quiz,
    /// `<module slug>/<slug>` for a lesson quiz (no module slug has a `/`).
    pub id: String,
}

/// A role-play scenario among a module's lessons.
#[derive(Debug, Clone)]
pub struct ModuleScenario {
    pub source: SourceFile,
    pub scenario: Scenario,
    /// Names its page (`<module>/<slug>.html`).
    pub slug: String,
    /// Its number (`NN-`).
    pub order: Option<u32>,
    /// Names its saved record: `<module slug>/<slug>`.
    pub id: String,
}

impl ModuleQuiz {
    /// Whether it is placed among the lessons (`NN-slug.quiz.yaml`) rather
    /// than being the module quiz.
    pub fn among_lessons(&self) -> bool {
        self.id.contains('/')
    }
}

impl Course {
    /// The source file a page is made from, and where its Markdown body starts
    /// (0 for a quiz); `None` for the home page, which has no file of its own.
    pub fn source_of(&self, kind: PageKind) -> Option<(&SourceFile, usize)> {
        match kind {
            PageKind::Home => None,
            PageKind::Page(i) => Some((&self.pages[i].source, self.pages[i].body_offset)),
            PageKind::Module(m) => Some((&self.modules[m].source, self.modules[m].body_offset)),
            PageKind::Lesson(m, l) => {
                let lesson = &self.modules[m].lessons[l];
                Some((&lesson.source, lesson.body_offset))
            }
            PageKind::Quiz(_) | PageKind::LessonQuiz(..) => self.quiz(kind).map(|q| (&q.source, 0)),
            PageKind::Scenario(..) => self.scenario(kind).map(|s| (&s.source, 0)),
        }
    }

    /// The scenario a scenario page shows.
    pub fn scenario(&self, kind: PageKind) -> Option<&ModuleScenario> {
        match kind {
            PageKind::Scenario(m, s) => self.modules[m].scenarios.get(s),
            _ => None,
        }
    }

    /// The quiz a quiz page shows.
    pub fn quiz(&self, kind: PageKind) -> Option<&ModuleQuiz> {
        match kind {
            PageKind::Quiz(m) => self.modules[m].quiz.as_ref(),
            PageKind::LessonQuiz(m, q) => self.modules[m].lesson_quizzes.get(q),
            _ => None,
        }
    }

    /// Puts an edited page's source (read again, body at `body_offset`) in place.
    pub fn replace_source(&mut self, kind: PageKind, file: SourceFile, body_offset: usize) {
        match kind {
            PageKind::Lesson(m, l) => {
                let lesson = &mut self.modules[m].lessons[l];
                lesson.source = file;
                lesson.body_offset = body_offset;
            }
            PageKind::Module(m) => {
                self.modules[m].source = file;
                self.modules[m].body_offset = body_offset;
            }
            PageKind::Page(p) => {
                self.pages[p].source = file;
                self.pages[p].body_offset = body_offset;
            }
            PageKind::Home | PageKind::Quiz(_) | PageKind::LessonQuiz(..) | PageKind::Scenario(..) => {}
        }
    }

    pub fn lesson_count(&self) -> usize {
        self.modules.iter().map(|m| m.lessons.len()).sum()
    }
}
