//! Which file-system changes call for which rebuild. A pure function over the
//! changed paths, so the rules are tested without a file system.

use std::path::Path;

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};

/// What changed, as far as the site is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A lesson, page, module overview or quiz: its pages, and every page
    /// whose navigation shows its title.
    Content,
    /// An image or other copied file.
    Asset,
    /// A template or theme asset override: every page.
    Theme,
    /// course.yaml: every page.
    Config,
}

/// The decision for one batch of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Nothing the site depends on changed (editor swap files, the output folder…).
    Ignore,
    /// Rebuild; the set of kinds of change, sorted, for the message.
    Rebuild(Vec<Change>),
}

/// Whether an event kind can change the site. Reads (the build's own, an
/// editor's) are not changes; a file closed after writing is.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// Decides what a batch of changed paths means for a course in `course_dir`.
pub fn plan<P: AsRef<Path>>(paths: &[P], course_dir: &Path) -> Action {
    let mut changes: Vec<Change> = paths
        .iter()
        .filter_map(|p| classify(p.as_ref(), course_dir))
        .collect();
    changes.sort();
    changes.dedup();
    if changes.is_empty() {
        Action::Ignore
    } else {
        Action::Rebuild(changes)
    }
}

fn classify(path: &Path, course_dir: &Path) -> Option<Change> {
    let rel = path.strip_prefix(course_dir).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let name = parts.last()?;
    if parts.iter().any(|p| p.starts_with('.')) || is_editor_temp(name) {
        return None;
    }
    Some(match parts[0].as_str() {
        "course.yaml" if parts.len() == 1 => Change::Config,
        crate::load::TEMPLATES_DIR => Change::Theme,
        _ if name.ends_with(".md") || name.ends_with(".markdown") || name == crate::load::QUIZ_FILE => {
            Change::Content
        }
        // A folder itself (created, renamed, deleted) changes the module list.
        _ if !name.contains('.') => Change::Content,
        _ => Change::Asset,
    })
}

/// Swap, backup and lock files that editors write next to the real file.
fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".crdownload")
        || name.starts_with('#')
        || name == "4913"
        || name.starts_with("___jb_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Read))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(RenameMode::Both))));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn decisions() {
        let course = Path::new("/p/course");
        let table: &[(&[&str], Action)] = &[
            (
                &["/p/course/01-a/01-b.md"],
                Action::Rebuild(vec![Change::Content]),
            ),
            (
                &["/p/course/01-a/quiz.yaml"],
                Action::Rebuild(vec![Change::Content]),
            ),
            (&["/p/course/course.yaml"], Action::Rebuild(vec![Change::Config])),
            (
                &["/p/course/templates/lesson.html"],
                Action::Rebuild(vec![Change::Theme]),
            ),
            (
                &["/p/course/templates/style.css"],
                Action::Rebuild(vec![Change::Theme]),
            ),
            (
                &["/p/course/assets/logo.png"],
                Action::Rebuild(vec![Change::Asset]),
            ),
            (&["/p/course/02-new"], Action::Rebuild(vec![Change::Content])),
            // Editors' temporary files and hidden folders.
            (&["/p/course/01-a/.01-b.md.swp"], Action::Ignore),
            (&["/p/course/01-a/01-b.md~"], Action::Ignore),
            (&["/p/course/01-a/4913"], Action::Ignore),
            (&["/p/course/01-a/#01-b.md#"], Action::Ignore),
            (
                &["/p/course/01-a/01-b.md___jb_tmp___"],
                Action::Rebuild(vec![Change::Asset]),
            ),
            (&["/p/course/01-a/___jb_old___"], Action::Ignore),
            (&["/p/course/.git/index"], Action::Ignore),
            // Outside the course: the output folder, build products.
            (&["/p/public/index.html"], Action::Ignore),
            (&["/p/target/debug/x"], Action::Ignore),
            // A vim save: swap file, then the real file, in one batch.
            (
                &[
                    "/p/course/01-a/.01-b.md.swp",
                    "/p/course/01-a/4913",
                    "/p/course/01-a/01-b.md",
                ],
                Action::Rebuild(vec![Change::Content]),
            ),
            // `git checkout` of many files: one decision, kinds deduplicated.
            (
                &[
                    "/p/course/01-a/01-b.md",
                    "/p/course/01-a/02-c.md",
                    "/p/course/course.yaml",
                    "/p/course/assets/x.png",
                ],
                Action::Rebuild(vec![Change::Content, Change::Asset, Change::Config]),
            ),
        ];
        for (paths, expected) in table {
            assert_eq!(&plan(paths, course), expected, "{paths:?}");
        }
    }
}
