//! The dev server's updates after an edit, as methods of the build's owner:
//! the common edit, one page's text, renders only the pages it changes;
//! anything else asks for a full run.

use std::path::{Path, PathBuf};

use super::{Build, search_pages};
use crate::diagnostic::Diagnostics;
use crate::model::PageKind;
use crate::output::Sink;
use crate::parse::{NavMeta, reread_front_matter};
use crate::render::{self, Rerender};
use crate::source::SourceFile;

impl Build {
    /// Brings the pages of the edited Markdown files `paths` up to date and
    /// writes them (and the module overviews that show their reading time)
    /// to `sink`; returns how many pages were written. Only edits that leave
    /// every title, summary and order alone qualify: anything else (a new
    /// file, a changed title, any problem) returns `None`, and the caller
    /// runs the whole build again, which also reports errors properly. The
    /// search index is left alone (see [`Build::index_files`]).
    pub fn update_pages(&mut self, paths: &[PathBuf], sink: &dyn Sink) -> Option<usize> {
        let mut changed: Vec<usize> = Vec::new();
        for path in paths {
            let rel = course_relative(&self.course_dir, path)?;
            let &page = self.site.by_source.get(&rel)?;
            if !changed.contains(&page) {
                changed.push(page);
            }
        }
        if changed.is_empty() {
            return None;
        }
        let mut touched = changed.clone();
        for &page in &changed {
            let kind = self.site.pages[page].kind;
            let (old, _) = self.course.source_of(kind)?;
            let path = self.source_path(&old.rel);
            let file = SourceFile::read(&path, old.rel.clone(), old.display_path.clone()).ok()?;
            let (meta, body_offset) = reread_front_matter(&file, kind)?;
            if Some(meta) != NavMeta::current(&self.course, kind) {
                return None;
            }
            self.course.replace_source(kind, file, body_offset);
            if self
                .docs
                .rerender(&self.course, &self.site, self.ui, page)
                .has_errors()
            {
                return None;
            }
            // A lesson's reading time shows on its module overview.
            if let PageKind::Lesson(m, _) = kind
                && let Some(overview) = self.site.pages.iter().position(|p| p.kind == PageKind::Module(m))
                && !touched.contains(&overview)
            {
                touched.push(overview);
            }
        }
        if !self.docs.check_anchors(&self.course, &self.site).is_empty() {
            return None;
        }
        let mut diags = Diagnostics::default();
        let rerender = Rerender {
            course: &self.course,
            site: &self.site,
            docs: &self.docs,
            theme: &self.theme,
            ui: self.ui,
        };
        let mut pages = render::render_pages(&rerender, &touched, sink, &mut diags);
        // The decks of the modules edited show the same text.
        let mut modules: Vec<usize> = changed
            .iter()
            .filter_map(|&p| match self.site.pages[p].kind {
                PageKind::Lesson(m, _) | PageKind::Module(m) => Some(m),
                _ => None,
            })
            .collect();
        modules.dedup();
        if !self.course.config.slides {
            modules.clear();
        }
        for m in modules {
            pages += render::slides::write_deck(
                &self.course,
                &self.site,
                &self.theme,
                self.ui,
                m,
                sink,
                &mut diags,
            );
        }
        (!diags.has_errors()).then_some(pages)
    }

    /// The search index files of the pages as they are now (after
    /// [`Build::update_pages`], which leaves the index alone so that the page
    /// reloads at once). Needs the pages' HTML (`keep_pages`).
    pub fn index_files(&self) -> Vec<(String, Vec<u8>)> {
        crate::search::index_files(search_pages(&self.course, &self.site, self.docs.page_texts()))
    }

    fn source_path(&self, rel: &str) -> PathBuf {
        rel.split('/').fold(self.course_dir.clone(), |p, seg| p.join(seg))
    }
}

/// `path` as the site plan names sources (`01-concepts/02-x.md`), when it is
/// inside the course folder.
fn course_relative(course_dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(course_dir).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}
