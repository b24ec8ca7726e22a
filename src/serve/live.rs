//! The dev server's build: a full build kept in memory, and an update path for
//! the common edit — one lesson's text — that renders only the pages it changes.

use std::path::PathBuf;
use std::sync::Arc;

use super::memory::{MemorySink, MemorySite};
use super::watch::{self, Action, Change};
use crate::build::{BuildFailure, BuildOptions, Prepared, emit, prepare};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parse::{NavMeta, reread_front_matter};
use crate::render::render_pages;
use crate::site::PageKind;
use crate::source::SourceFile;

pub enum Outcome {
    Built { pages: usize, incremental: bool },
    Failed(Vec<Diagnostic>),
}

pub struct LiveBuild {
    opts: BuildOptions,
    /// The last successful build's state; `None` after a failure.
    state: Option<Prepared>,
    site: Arc<MemorySite>,
}

impl LiveBuild {
    pub fn new(opts: BuildOptions) -> (LiveBuild, Outcome) {
        let mut live = LiveBuild {
            opts,
            state: None,
            site: Arc::new(MemorySite::default()),
        };
        let outcome = live.full();
        (live, outcome)
    }

    /// The site to serve: always a complete build.
    pub fn site(&self) -> Arc<MemorySite> {
        self.site.clone()
    }

    /// Brings the site up to date with `paths`, incrementally when that is safe.
    pub fn update(&mut self, paths: &[PathBuf], changes: &[Change]) -> Outcome {
        if changes == [Change::Content]
            && let Some(pages) = self.incremental(paths)
        {
            return Outcome::Built {
                pages,
                incremental: true,
            };
        }
        self.full()
    }

    /// Rebuilds the search index after an incremental update (which leaves it
    /// alone so the page reloads at once); returns whether the site changed.
    pub fn refresh_search(&mut self) -> bool {
        let Some(state) = &self.state else { return false };
        let site = MemorySink::new((*self.site).clone());
        let pages = crate::build::search_pages(&state.course, &state.site, state.docs.page_texts());
        for (path, bytes) in crate::search::index_files(pages) {
            if crate::write::Sink::write_file(&site, &path, &bytes).is_err() {
                return false;
            }
        }
        self.site = Arc::new(site.into_site());
        true
    }

    fn full(&mut self) -> Outcome {
        let failed = |f: BuildFailure| Outcome::Failed(f.diagnostics);
        let mut state = match prepare(&self.opts) {
            Ok(s) => s,
            Err(f) => {
                self.state = None;
                return failed(f);
            }
        };
        let site = MemorySink::default();
        let mut diags = std::mem::take(&mut state.diags);
        state.keep_html = true;
        let pages = emit(&mut state, &site, &mut diags);
        if diags.has_errors() {
            self.state = None;
            return Outcome::Failed(diags.into_vec());
        }
        state.diags = diags;
        self.site = Arc::new(site.into_site());
        self.state = Some(state);
        Outcome::Built {
            pages,
            incremental: false,
        }
    }

    /// Only edits of existing Markdown files that leave every title, summary
    /// and order alone qualify; anything else (or any problem) returns `None`
    /// and the caller rebuilds everything, which also reports errors properly.
    fn incremental(&mut self, paths: &[PathBuf]) -> Option<usize> {
        let state = self.state.as_mut()?;
        let mut changed: Vec<usize> = Vec::new();
        for path in paths {
            if watch::plan(std::slice::from_ref(path), &state.course_dir) == Action::Ignore {
                continue;
            }
            let rel = path.strip_prefix(&state.course_dir).ok()?;
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let rel = rel.join("/");
            let &page = state.site.by_source.get(&rel)?;
            if !changed.contains(&page) {
                changed.push(page);
            }
        }
        if changed.is_empty() {
            return None;
        }
        let mut touched = changed.clone();
        for &page in &changed {
            let kind = state.site.pages[page].kind;
            let old = source_of(&state.course, kind)?;
            let file = SourceFile::read(
                &path_of(state, &old.rel),
                old.rel.clone(),
                old.display_path.clone(),
            )
            .ok()?;
            let (meta, body_offset) = reread_front_matter(&file, kind)?;
            if Some(meta) != NavMeta::current(&state.course, kind) {
                return None;
            }
            replace_source(&mut state.course, kind, file, body_offset);
            if state
                .docs
                .rerender(&state.course, &state.site, state.ui, page)
                .has_errors()
            {
                return None;
            }
            // A lesson's reading time shows on its module overview.
            if let PageKind::Lesson(m, _) = kind
                && let Some(overview) = state
                    .site
                    .pages
                    .iter()
                    .position(|p| p.kind == PageKind::Module(m))
                && !touched.contains(&overview)
            {
                touched.push(overview);
            }
        }
        if !state.docs.check_anchors(&state.course, &state.site).is_empty() {
            return None;
        }
        let site = MemorySink::new((*self.site).clone());
        let mut diags = Diagnostics::default();
        let pages = render_pages(state, &touched, &site, &mut diags);
        if diags.has_errors() {
            return None;
        }
        self.site = Arc::new(site.into_site());
        Some(pages)
    }
}

fn path_of(state: &Prepared, rel: &str) -> PathBuf {
    rel.split('/')
        .fold(state.course_dir.clone(), |p, seg| p.join(seg))
}

fn source_of(course: &crate::model::Course, kind: PageKind) -> Option<SourceFile> {
    crate::render::documents::page_source(course, kind).map(|(s, _)| s.clone())
}

fn replace_source(course: &mut crate::model::Course, kind: PageKind, file: SourceFile, body_offset: usize) {
    match kind {
        PageKind::Lesson(m, l) => {
            let lesson = &mut course.modules[m].lessons[l];
            lesson.source = file;
            lesson.body_offset = body_offset;
        }
        PageKind::Module(m) => {
            course.modules[m].source = file;
            course.modules[m].body_offset = body_offset;
        }
        PageKind::Page(p) => {
            course.pages[p].source = file;
            course.pages[p].body_offset = body_offset;
        }
        PageKind::Home | PageKind::Quiz(_) => {}
    }
}
