//! The owner of a build, [`Build`]: the pipeline read top to bottom,
//!
//! 1. **load** — walk `course/` ([`load::load`] → [`SourceTree`]);
//! 2. **parse** — course.yaml, front matter, quizzes and templates into the
//!    model ([`parse_course`] → [`Course`], [`Theme::load`] → [`Theme`]);
//! 3. **plan** — every output page and URL ([`Site::plan`] → [`Site`]);
//! 4. **render** — Markdown and templates into pages, streamed into the output
//!    ([`render::render_site`] → [`Documents`]), the slide decks and the
//!    print editions;
//! 5. **index** — the search index from each page's text, on a thread of its
//!    own fed as pages render ([`search::write_index_alongside`]);
//! 6. **write** — theme assets, the course's files, robots.txt and the
//!    sitemap ([`publish`]), then the atomic swap of the output folder
//!    ([`Staging`]).
//!
//! Each stage takes its inputs explicitly and returns a value; no module
//! depends on a later stage (tests/testsuite/architecture.rs checks it). `build`,
//! `check`, the dev server and `export scorm` all go through [`Build::run`];
//! the dev server's updates after an edit are methods of the same owner
//! (`incremental.rs`).

mod incremental;
mod search_pages;

pub use search_pages::search_pages;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::{self, UiStrings};
use crate::load::{self, SourceTree};
use crate::model::Course;
use crate::output::{DiscardSink, Sink};
use crate::parse::{self, parse_course};
use crate::publish;
use crate::render::{self, Documents, Theme};
use crate::search;
use crate::site::Site;
use crate::write::Staging;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The project folder (holding `course/`) or the course folder itself.
    pub root: PathBuf,
    /// Output folder; `<project>/public` by default.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` of course.yaml.
    pub base_url: Option<String>,
    /// Warnings fail the build.
    pub strict: bool,
    /// Replace an output folder that coursegen did not create.
    pub force: bool,
    /// Also write the print editions (`print/handout.html`, `print/trainer.html`).
    pub print: bool,
    /// Leave out the search index (and so the search box's data).
    pub no_search: bool,
    /// Keep every page's HTML after the run (the dev server renders pages
    /// again from it after an edit); a one-off build drops each page's HTML
    /// once it is written.
    pub keep_pages: bool,
    /// Write what can be rendered even when there are errors (the dev
    /// server): links that do not resolve point at
    /// [`crate::links::BROKEN_LINK`]`…`, and the run succeeds with its
    /// errors in [`BuildReport::errors`]. Only with [`Output::Sink`]: a build
    /// into the output folder stays all or nothing.
    pub preview: bool,
}

/// Where a run puts the site.
pub enum Output<'a> {
    /// The output folder, swapped in atomically.
    Disk,
    /// Nowhere (`check`).
    Discard,
    /// A caller's sink (the dev server's memory, the SCORM package).
    Sink(&'a dyn Sink),
}

/// A course loaded, parsed and planned, and after the render stage every
/// page's record. [`Build::run`] makes one; the dev server keeps it to update
/// in place.
pub struct Build {
    pub opts: BuildOptions,
    pub course_dir: PathBuf,
    pub project_dir: PathBuf,
    pub tree: SourceTree,
    pub course: Course,
    pub site: Site,
    pub theme: Theme,
    pub ui: &'static UiStrings,
    /// Filled by the render stage.
    pub docs: Documents,
    /// Everything found so far; errors mean the output must be discarded.
    pub diags: Diagnostics,
    pub timings: Timings,
}

#[derive(Debug)]
pub struct BuildReport {
    /// Where the site was written (`None` unless [`Output::Disk`]).
    pub out_dir: Option<PathBuf>,
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    /// The errors of a preview run ([`BuildOptions::preview`]), which wrote
    /// its pages all the same; always empty otherwise (errors fail a run).
    pub errors: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// How long each step took, in order (`build --timings`).
    pub timings: Vec<(&'static str, Duration)>,
    /// What the build worked with (model, site plan, page records). Dropping
    /// it frees it; a command that exits right after may `std::mem::forget`
    /// it instead, as freeing tens of thousands of allocations one by one
    /// takes longer than the operating system takes to drop the whole process.
    pub build: Box<Build>,
}

impl std::fmt::Debug for Build {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Build")
            .field("course_dir", &self.course_dir)
            .field("pages", &self.site.pages.len())
            .finish_non_exhaustive()
    }
}

/// Every diagnostic of a failed run: at least one error, possibly warnings.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

/// A stopwatch that records the time of each build step.
#[derive(Debug)]
pub struct Timings {
    laps: Vec<(&'static str, Duration)>,
    last: Instant,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            laps: Vec::new(),
            last: Instant::now(),
        }
    }
}

impl Timings {
    /// Ends the step `name`, which began at the previous lap.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }

    pub fn into_vec(self) -> Vec<(&'static str, Duration)> {
        self.laps
    }
}

/// `coursegen build`: the site into the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    Build::run(opts, Output::Disk)
}

/// `coursegen check`: everything `build` does, and nothing written.
pub fn check(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    Build::run(opts, Output::Discard)
}

/// The course folder and the project folder for `root`.
pub fn locate(root: &Path) -> (PathBuf, PathBuf) {
    if root.join(load::CONFIG_FILE).is_file() {
        let project = root
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        (root.to_path_buf(), project.to_path_buf())
    } else {
        (root.join("course"), root.to_path_buf())
    }
}

/// Loads and parses the course only (`export gift`); errors as for `check`.
pub fn load_course(root: &Path) -> Result<Course, BuildFailure> {
    let mut diags = Diagnostics::default();
    let (course_dir, _) = locate(root);
    let tree = load::load(&course_dir, &mut diags);
    match parse_course(&tree, &mut diags) {
        Some(course) if !diags.has_errors() => Ok(course),
        _ => Err(fail(diags, false)),
    }
}

impl Build {
    /// The one run path: every stage, into `output`. Fails, with every
    /// problem found, when the course has errors (warnings too with
    /// `--strict`); an output folder is then left as it was.
    pub fn run(opts: &BuildOptions, output: Output) -> Result<BuildReport, BuildFailure> {
        let started = Instant::now();
        let mut b = Build::plan(opts)?;
        let preview = opts.preview && matches!(output, Output::Sink(_));
        // With errors already, nothing will be kept: render only to find the
        // rest (a preview shows what it can).
        let output = if b.diags.has_errors() && !preview {
            Output::Discard
        } else {
            output
        };
        let mut staging = None;
        let discard = DiscardSink::default();
        let sink: &dyn Sink = match output {
            Output::Disk => {
                let out = opts.out.clone().unwrap_or_else(|| b.project_dir.join("public"));
                match Staging::prepare(&out, &b.course_dir, opts.force) {
                    Ok(s) => &*staging.insert(s),
                    Err(e) => {
                        b.diags.push(Diagnostic::error(e.to_string()));
                        return Err(fail(b.diags, opts.strict));
                    }
                }
            }
            Output::Discard => &discard,
            Output::Sink(s) => s,
        };
        b.timings.lap("output folder");
        let pages = b.render_and_index(sink);
        b.write_files(sink);
        if opts.strict {
            b.diags.make_strict();
        }
        if b.diags.has_errors() && !preview {
            // Dropping the staging folder removes it; the previous output stays.
            return Err(fail(std::mem::take(&mut b.diags), opts.strict));
        }
        let (out_dir, files) = match staging {
            Some(s) => {
                let files = s.files_written();
                let committed = s.commit();
                b.timings.lap("swap output");
                match committed {
                    Ok(dir) => (Some(dir), files),
                    Err(e) => {
                        b.diags.push(Diagnostic::error(e.to_string()));
                        return Err(fail(std::mem::take(&mut b.diags), opts.strict));
                    }
                }
            }
            None => (None, discard.files()),
        };
        let (errors, warnings) = b.diags.iter().cloned().partition(Diagnostic::is_error);
        let timings = std::mem::take(&mut b.timings).into_vec();
        Ok(BuildReport {
            out_dir,
            pages,
            files,
            warnings,
            errors,
            elapsed: started.elapsed(),
            timings,
            build: Box::new(b),
        })
    }

    /// Stages 1–3, load → parse → plan, with every check of those stages.
    /// Fails only when there is no course to render; other errors stay in
    /// `diags`, and the render stage still runs so that one run reports
    /// every problem.
    fn plan(opts: &BuildOptions) -> Result<Build, BuildFailure> {
        let mut diags = Diagnostics::default();
        let mut timings = Timings::default();
        let (course_dir, project_dir) = locate(&opts.root);

        let tree = load::load(&course_dir, &mut diags);
        timings.lap("load");
        let course = parse_course(&tree, &mut diags);
        timings.lap("parse");
        let theme = Theme::load(&tree.template_overrides, &mut diags);
        timings.lap("templates");
        let (Some(mut course), Some(theme)) = (course, theme) else {
            return Err(fail(diags, opts.strict));
        };
        if let Some(url) = &opts.base_url {
            match parse::normalize_base_url(url) {
                Ok(u) => course.config.base_url = Some(u),
                Err(msg) => {
                    diags.push(Diagnostic::error(msg).with_hint("pass --base-url https://host/path/"))
                }
            }
        }
        let ui = i18n::for_language(&course.config.language);
        let site = Site::plan(&course, &tree);
        timings.lap("plan");
        Ok(Build {
            opts: opts.clone(),
            course_dir,
            project_dir,
            tree,
            course,
            site,
            theme,
            ui,
            docs: Documents::with_capacity(0),
            diags,
            timings,
        })
    }

    /// Stages 4 and 5: every page rendered into `sink`, and the search index
    /// beside it (unless `--no-search`): the index stage reads each page's
    /// text as the render stage hands it over, on a thread of its own, so
    /// that the texts of a large site are never all in memory at once (at
    /// 10,000 pages of real text: 150 MiB at the peak, against 306 MiB when
    /// indexing after rendering). Returns the number of HTML pages.
    fn render_and_index(&mut self, sink: &dyn Sink) -> usize {
        let search = !self.opts.no_search;
        let keep_html = self.opts.keep_pages;
        self.theme.tera.global_context().insert("search_enabled", &search);
        let (course, site, ui, diags) = (&self.course, &self.site, self.ui, &mut self.diags);
        let theme = &mut self.theme;
        let rendered = if search {
            let failed = Mutex::new(Vec::new());
            let write = |path: &str, bytes: &[u8]| {
                if let Err(e) = sink.write_file(path, bytes)
                    && let Ok(mut failed) = failed.lock()
                {
                    failed.push(Diagnostic::error(format!("cannot write {path}: {e}")));
                }
            };
            let rendered = search::write_index_alongside(&write, |index| {
                let mut texts = |texts| index.add(search_pages(course, site, texts));
                let to = render::RenderTo {
                    sink,
                    texts: Some(&mut texts),
                    keep_html,
                };
                render::render_site(course, site, theme, ui, to, diags)
            });
            diags.extend(failed.into_inner().unwrap_or_default());
            rendered
        } else {
            let to = render::RenderTo {
                sink,
                texts: None,
                keep_html,
            };
            render::render_site(course, site, theme, ui, to, diags)
        };
        self.docs = rendered.docs;
        self.timings.lap("pages");
        render::slides::write_decks(
            &self.course,
            &self.site,
            &self.theme,
            self.ui,
            sink,
            &mut self.diags,
        );
        self.timings.lap("slides");
        if self.opts.print {
            render::print::write_editions(
                &self.course,
                &self.site,
                &self.theme,
                self.ui,
                sink,
                &mut self.diags,
            );
            self.timings.lap("print editions");
        }
        rendered.pages
    }

    /// Stage 6's files: the theme assets, the course's own files (copied as
    /// they are), robots.txt and, with a base URL, the sitemap; and a warning
    /// for each course file that no page uses.
    fn write_files(&mut self, sink: &dyn Sink) {
        warn_unused_files(&self.tree, &self.docs, &mut self.diags);
        let generated = publish::files(&self.course, &self.site);
        let calculator = self.course.config.calculator;
        let assets = self
            .theme
            .assets
            .iter()
            .filter(|(p, _)| calculator || !render::theme::CALCULATOR_ASSETS.contains(&p.as_str()))
            .map(|(p, b)| (p.as_str(), b.as_slice()));
        for (path, bytes) in generated
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .chain(assets)
        {
            if let Err(e) = sink.write_file(path, bytes) {
                self.diags
                    .push(Diagnostic::error(format!("cannot write {path}: {e}")));
            }
        }
        for f in &self.tree.static_files {
            let dest = &self.site.statics[&f.rel];
            if let Err(e) = sink.copy_file(dest, &f.path) {
                self.diags
                    .push(Diagnostic::error(format!("cannot copy: {e}")).in_file(&f.display_path));
            }
        }
        self.timings.lap("files");
    }
}

/// A copied file that no page links to (nor a template override names) is
/// probably a leftover.
fn warn_unused_files(tree: &SourceTree, docs: &Documents, diags: &mut Diagnostics) {
    for f in &tree.static_files {
        let named_by_template = tree
            .template_overrides
            .iter()
            .any(|t| std::fs::read_to_string(&t.path).is_ok_and(|text| text.contains(&f.rel)));
        if !docs.used_statics.contains(&f.rel) && !named_by_template {
            diags.push(
                Diagnostic::warning("file is not used by any page")
                    .in_file(&f.display_path)
                    .with_hint("link to it from a lesson, or delete it"),
            );
        }
    }
}

fn fail(mut diags: Diagnostics, strict: bool) -> BuildFailure {
    if strict {
        diags.make_strict();
    }
    BuildFailure {
        diagnostics: diags.into_vec(),
    }
}
