//! The dev server's site: a whole run kept in memory, and after an edit the
//! build owner's own update (`Build::update_pages`) when that is safe, else a
//! whole run again. Either way the new site is swapped in complete.

use std::path::PathBuf;
use std::sync::Arc;

use super::memory::{MemorySink, MemorySite};
use super::watch::{self, Action, Change};
use crate::build::{Build, BuildOptions, Output};
use crate::diagnostic::Diagnostic;
use crate::output::Sink;

pub enum Outcome {
    Built { pages: usize, incremental: bool },
    Failed(Vec<Diagnostic>),
}

pub struct LiveBuild {
    opts: BuildOptions,
    /// The last successful run; `None` after a failure.
    build: Option<Box<Build>>,
    site: Arc<MemorySite>,
}

impl LiveBuild {
    pub fn new(opts: BuildOptions) -> (LiveBuild, Outcome) {
        let mut live = LiveBuild {
            opts: BuildOptions {
                keep_pages: true,
                ..opts
            },
            build: None,
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
        let Some(build) = &self.build else { return false };
        if self.opts.no_search {
            return false;
        }
        let site = MemorySink::new((*self.site).clone());
        for (path, bytes) in build.index_files() {
            if site.write_file(&path, &bytes).is_err() {
                return false;
            }
        }
        self.site = Arc::new(site.into_site());
        true
    }

    fn full(&mut self) -> Outcome {
        let site = MemorySink::default();
        match Build::run(&self.opts, Output::Sink(&site)) {
            Ok(report) => {
                self.site = Arc::new(site.into_site());
                self.build = Some(report.build);
                Outcome::Built {
                    pages: report.pages,
                    incremental: false,
                }
            }
            Err(f) => {
                self.build = None;
                Outcome::Failed(f.diagnostics)
            }
        }
    }

    /// Edited Markdown files only (editor swap files and the like are left
    /// out); `None` asks for a whole run.
    fn incremental(&mut self, paths: &[PathBuf]) -> Option<usize> {
        let build = self.build.as_mut()?;
        let edited: Vec<PathBuf> = paths
            .iter()
            .filter(|p| watch::plan(std::slice::from_ref(*p), &build.course_dir) != Action::Ignore)
            .cloned()
            .collect();
        let site = MemorySink::new((*self.site).clone());
        let pages = build.update_pages(&edited, &site)?;
        self.site = Arc::new(site.into_site());
        Some(pages)
    }
}
