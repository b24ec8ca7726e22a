//! The plain data model a course is parsed into. Later stages (render, search,
//! export, quizzes) read it; none of them go back to the files.

use std::path::PathBuf;

use crate::quiz::Quiz;
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
    pub title: String,
    pub subtitle: Option<String>,
    /// BCP 47 tag, `zh-CN` by default.
    pub language: String,
    pub authors: Vec<String>,
    pub description: Option<String>,
    /// Absolute site URL ending in `/`, used for canonical links only:
    /// every link inside the site is relative.
    pub base_url: Option<String>,
}

/// What completes the course (the progress page and the certificate).
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
    /// The module's quiz, validated.
    pub quiz: Option<ModuleQuiz>,
}

#[derive(Debug, Clone)]
pub struct Lesson {
    pub slug: String,
    pub order: Option<u32>,
    pub title: String,
    pub summary: Option<String>,
    pub source: SourceFile,
    pub body_offset: usize,
}

#[derive(Debug, Clone)]
pub struct ModuleQuiz {
    pub source: SourceFile,
    pub quiz: Quiz,
}

impl Course {
    pub fn lesson_count(&self) -> usize {
        self.modules.iter().map(|m| m.lessons.len()).sum()
    }
}
