//! The load stage (the first of the pipeline in `build`): walk the course folder and sort what is there into
//! course.yaml, root pages, modules (lessons, quiz), static files and template
//! overrides. Nothing is interpreted yet; text files are read and checked for UTF-8.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

pub const CONFIG_FILE: &str = "course.yaml";
pub const MODULE_INDEX: &str = "index.md";
pub const QUIZ_FILE: &str = "quiz.yaml";
/// `NN-slug.quiz.yaml` in a module folder: a quiz placed among the lessons.
pub const LESSON_QUIZ_SUFFIX: &str = ".quiz.yaml";
/// `NN-slug.scenario.yaml` in a module folder: a role-play scenario among the lessons.
pub const SCENARIO_SUFFIX: &str = ".scenario.yaml";
pub const ASSETS_DIR: &str = "assets";
pub const TEMPLATES_DIR: &str = "templates";

#[derive(Debug, Default)]
pub struct SourceTree {
    pub course_dir: PathBuf,
    pub config: Option<SourceFile>,
    /// Markdown files directly in the course folder.
    pub pages: Vec<SourceFile>,
    pub modules: Vec<ModuleSource>,
    /// Files copied as they are (images, PDFs, …), relative to the course folder.
    pub static_files: Vec<StaticFile>,
    /// Files of the course's own `templates/` folder.
    pub template_overrides: Vec<StaticFile>,
}

#[derive(Debug)]
pub struct ModuleSource {
    /// Folder name, e.g. `01-concepts`.
    pub dir_name: String,
    pub display_path: PathBuf,
    pub index: Option<SourceFile>,
    pub lessons: Vec<SourceFile>,
    pub quiz: Option<SourceFile>,
    /// `NN-slug.quiz.yaml` files, in file-name order.
    pub lesson_quizzes: Vec<SourceFile>,
    /// `NN-slug.scenario.yaml` files, in file-name order.
    pub scenarios: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Relative to the course folder (or to `templates/` for overrides), `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    pub display_path: PathBuf,
}

/// Where a text file found by the walk belongs once it is read.
#[derive(Clone, Copy)]
enum Slot {
    Config,
    Page,
    ModuleIndex(usize),
    ModuleQuiz(usize),
    LessonQuiz(usize),
    Scenario(usize),
    Lesson(usize),
}

struct PendingRead {
    slot: Slot,
    path: PathBuf,
    rel: String,
    shown: PathBuf,
}

/// Walks `course_dir`. Problems (unreadable or non-UTF-8 files, stray quiz files)
/// are collected; the walk goes on so that one run reports them all. Text files
/// are read in parallel once the walk has sorted them.
pub fn load(course_dir: &Path, diags: &mut Diagnostics) -> SourceTree {
    let shown_base = course_dir.parent().unwrap_or(course_dir);
    let display = |p: &Path| -> PathBuf { p.strip_prefix(shown_base).unwrap_or(p).to_path_buf() };
    let mut tree = SourceTree {
        course_dir: course_dir.to_path_buf(),
        ..SourceTree::default()
    };
    if !course_dir.is_dir() {
        diags.push(
            Diagnostic::error("course folder not found")
                .in_file(course_dir)
                .with_hint("run `coursegen new DIR` to create a course, or pass --root"),
        );
        return tree;
    }
    let mut reads: Vec<PendingRead> = Vec::new();
    let walker = WalkDir::new(course_dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                diags.push(Diagnostic::error(format!("cannot read: {e}")).in_file(display(&path)));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            if entry.depth() == 1 {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name != ASSETS_DIR && name != TEMPLATES_DIR {
                    tree.modules.push(ModuleSource {
                        display_path: display(entry.path()),
                        dir_name: name,
                        index: None,
                        lessons: Vec::new(),
                        quiz: None,
                        lesson_quizzes: Vec::new(),
                        scenarios: Vec::new(),
                    });
                }
            }
            continue;
        }
        let path = entry.path();
        if entry.path_is_symlink() && !points_inside(path, course_dir) {
            diags.push(
                Diagnostic::warning("symbolic link points outside the course folder; ignored")
                    .in_file(display(path))
                    .with_hint("copy the file into the course instead"),
            );
            continue;
        }
        let rel_path = path.strip_prefix(course_dir).unwrap_or(path);
        let parts: Vec<String> = rel_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = parts.join("/");
        let shown = display(path);
        let name = parts.last().cloned().unwrap_or_default();
        let mut read = |slot: Slot| {
            reads.push(PendingRead {
                slot,
                path: path.to_path_buf(),
                rel: rel.clone(),
                shown: shown.clone(),
            })
        };
        let as_static = || StaticFile {
            rel: rel.clone(),
            path: path.to_path_buf(),
            display_path: shown.clone(),
        };
        match parts.as_slice() {
            [_] if name == CONFIG_FILE => read(Slot::Config),
            [_] if is_quiz(&name) => diags.push(stray_quiz(&shown)),
            [_] if is_scenario(&name) => diags.push(stray_scenario(&shown)),
            [_] if is_markdown(&name) => read(Slot::Page),
            [dir, ..] if dir == TEMPLATES_DIR => tree.template_overrides.push(StaticFile {
                rel: parts[1..].join("/"),
                path: path.to_path_buf(),
                display_path: shown.clone(),
            }),
            [dir, ..] if dir == ASSETS_DIR => {
                if is_quiz(&name) {
                    diags.push(stray_quiz(&shown));
                } else if is_scenario(&name) {
                    diags.push(stray_scenario(&shown));
                } else {
                    tree.static_files.push(as_static());
                }
            }
            [dir, file] => {
                let Some(m) = tree.modules.iter().position(|m| &m.dir_name == dir) else {
                    continue;
                };
                if file == MODULE_INDEX {
                    read(Slot::ModuleIndex(m));
                } else if file == QUIZ_FILE {
                    read(Slot::ModuleQuiz(m));
                } else if is_quiz(file) {
                    read(Slot::LessonQuiz(m));
                } else if is_scenario(file) {
                    read(Slot::Scenario(m));
                } else if is_markdown(file) {
                    read(Slot::Lesson(m));
                } else {
                    tree.static_files.push(as_static());
                }
            }
            [_, .., _] if is_markdown(&name) => diags.push(
                Diagnostic::warning("Markdown file in a nested folder is not part of the course")
                    .in_file(&shown)
                    .with_hint("lessons live directly in their module folder"),
            ),
            [_, .., _] if is_quiz(&name) => diags.push(stray_quiz(&shown)),
            [_, .., _] if is_scenario(&name) => diags.push(stray_scenario(&shown)),
            _ => tree.static_files.push(as_static()),
        }
    }
    let read: Vec<(Slot, Result<SourceFile, Diagnostic>)> = reads
        .into_par_iter()
        .map(|r| (r.slot, SourceFile::read(&r.path, r.rel, r.shown)))
        .collect();
    for (slot, file) in read {
        let file = match file {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match slot {
            Slot::Config => tree.config = Some(file),
            Slot::Page => tree.pages.push(file),
            Slot::ModuleIndex(m) => tree.modules[m].index = Some(file),
            Slot::ModuleQuiz(m) => tree.modules[m].quiz = Some(file),
            Slot::LessonQuiz(m) => tree.modules[m].lesson_quizzes.push(file),
            Slot::Scenario(m) => tree.modules[m].scenarios.push(file),
            Slot::Lesson(m) => tree.modules[m].lessons.push(file),
        }
    }
    tree
}

/// Whether a symbolic link resolves to a file inside `course_dir`.
fn points_inside(link: &Path, course_dir: &Path) -> bool {
    match (link.canonicalize(), course_dir.canonicalize()) {
        (Ok(target), Ok(root)) => target.starts_with(root),
        _ => false,
    }
}

fn is_markdown(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".markdown")
}

/// `quiz.yaml` or `NN-slug.quiz.yaml`.
fn is_quiz(name: &str) -> bool {
    name == QUIZ_FILE || (name.ends_with(LESSON_QUIZ_SUFFIX) && name.len() > LESSON_QUIZ_SUFFIX.len())
}

/// `NN-slug.scenario.yaml`.
fn is_scenario(name: &str) -> bool {
    name.ends_with(SCENARIO_SUFFIX) && name.len() > SCENARIO_SUFFIX.len()
}

fn stray_scenario(shown: &Path) -> Diagnostic {
    Diagnostic::error("scenario file is not in a module folder")
        .in_file(shown)
        .with_hint(
            "move it into the module folder whose lessons it practises, named NN-slug.scenario.yaml \
             (course/03-techniques/05-late-delivery.scenario.yaml)",
        )
}

fn stray_quiz(shown: &Path) -> Diagnostic {
    Diagnostic::error("quiz file is not in a module folder")
        .in_file(shown)
        .with_hint(
            "move it into the module folder it tests: quiz.yaml for the module's quiz \
             (course/01-intro/quiz.yaml), NN-slug.quiz.yaml for a quiz among its lessons",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn sorts_files_into_their_roles() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("course");
        write(&c, "course.yaml", "title: t");
        write(&c, "glossary.md", "---\ntitle: g\n---\n");
        write(&c, "01-a/index.md", "---\ntitle: a\n---\n");
        write(&c, "01-a/01-x.md", "---\ntitle: x\n---\n");
        write(&c, "01-a/quiz.yaml", "title: q");
        write(&c, "01-a/02-check.quiz.yaml", "title: q");
        write(&c, "01-a/pic.png", "png");
        write(&c, "assets/logo.svg", "<svg/>");
        write(&c, "templates/lesson.html", "x");
        write(&c, ".git/config", "ignored");
        let mut diags = Diagnostics::default();
        let t = load(&c, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(t.config.is_some());
        assert_eq!(t.pages.len(), 1);
        assert_eq!(t.modules.len(), 1);
        let m = &t.modules[0];
        assert!(m.index.is_some() && m.quiz.is_some());
        assert_eq!(m.lesson_quizzes[0].rel, "01-a/02-check.quiz.yaml");
        assert_eq!(m.lessons[0].rel, "01-a/01-x.md");
        let statics: Vec<&str> = t.static_files.iter().map(|s| s.rel.as_str()).collect();
        assert_eq!(statics, ["01-a/pic.png", "assets/logo.svg"]);
        assert_eq!(t.template_overrides[0].rel, "lesson.html");
        assert_eq!(m.lessons[0].display_path, Path::new("course/01-a/01-x.md"));
    }

    #[test]
    fn symlinks_out_of_the_course_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("course");
        write(dir.path(), "secret.txt", "secret");
        write(&c, "assets/inside.txt", "ok");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), c.join("assets/leak.txt")).unwrap();
        std::os::unix::fs::symlink(c.join("assets/inside.txt"), c.join("assets/alias.txt")).unwrap();
        let mut diags = Diagnostics::default();
        let t = load(&c, &mut diags);
        let statics: Vec<&str> = t.static_files.iter().map(|s| s.rel.as_str()).collect();
        assert_eq!(statics, ["assets/alias.txt", "assets/inside.txt"]);
        assert_eq!(diags.warning_count(), 1);
    }

    #[test]
    fn quiz_outside_a_module_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("course");
        write(&c, "quiz.yaml", "title: q");
        write(&c, "assets/quiz.yaml", "title: q");
        let mut diags = Diagnostics::default();
        load(&c, &mut diags);
        assert_eq!(diags.error_count(), 2);
    }
}
