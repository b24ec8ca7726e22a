//! The dev server's site: a whole run kept in memory, and after an edit the
//! build owner's own update (`Build::update_pages`) when that is safe, else a
//! whole run again. Either way the new site is swapped in complete.

use std::path::PathBuf;
use std::sync::Arc;

use super::memory::{MemorySink, MemorySite};
use super::watch::{self, Action, Change};
use crate::build::{Build, BuildOptions, Output};
use crate::diagnostic::Diagnostic;
use crate::i18n::UiStrings;
use crate::output::Sink;

pub enum Outcome {
    Built {
        pages: usize,
        incremental: bool,
    },
    /// Rendered what could be, with errors (links that do not resolve are
    /// marked): that site is served, and the errors listed over it.
    Partial {
        pages: usize,
        diagnostics: Vec<Diagnostic>,
    },
    /// Nothing could be rendered (course.yaml or a template is unusable).
    Failed {
        diagnostics: Vec<Diagnostic>,
        /// Whether an earlier site is still served (else there is none).
        serving_last_good: bool,
    },
}

pub struct LiveBuild {
    opts: BuildOptions,
    /// The last successful run; `None` after a failure or a run with
    /// errors (whose pages are served, but are not updated in place: every
    /// edit then runs the whole build, which reports the errors again).
    build: Option<Box<Build>>,
    site: Arc<MemorySite>,
    /// The course's interface strings, as of the last run that read course.yaml.
    ui: &'static UiStrings,
}

impl LiveBuild {
    pub fn new(opts: BuildOptions) -> (LiveBuild, Outcome) {
        let mut live = LiveBuild {
            opts: BuildOptions {
                keep_pages: true,
                preview: true,
                ..opts
            },
            build: None,
            site: Arc::new(MemorySite::default()),
            ui: &crate::i18n::ZH_CN,
        };
        let outcome = live.full();
        (live, outcome)
    }

    /// The site to serve: the pages of one whole run.
    pub fn site(&self) -> Arc<MemorySite> {
        self.site.clone()
    }

    /// The interface strings of the course's language.
    pub fn ui(&self) -> &'static UiStrings {
        self.ui
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
                self.ui = report.build.ui;
                if report.errors.is_empty() {
                    self.build = Some(report.build);
                    return Outcome::Built {
                        pages: report.pages,
                        incremental: false,
                    };
                }
                self.build = None;
                let mut diagnostics = report.errors;
                diagnostics.extend(report.warnings);
                Outcome::Partial {
                    pages: report.pages,
                    diagnostics,
                }
            }
            Err(f) => {
                self.build = None;
                Outcome::Failed {
                    diagnostics: f.diagnostics,
                    serving_last_good: !self.site.is_empty(),
                }
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
