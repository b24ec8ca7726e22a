//! The build, top to bottom: load → parse → plan → render → index → write.
//! `check` runs the same steps and writes nothing.

mod search_pages;

pub use search_pages::search_pages;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n;
use crate::i18n::UiStrings;
use crate::load;
use crate::load::SourceTree;
use crate::model::Course;
use crate::parse::{self, parse_course};
use crate::render::{self, Documents, Theme};
use crate::search;
use crate::site::Site;
use crate::write::{DiscardSink, Sink, Staging};

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
}

#[derive(Debug)]
pub struct BuildReport {
    /// Where the site was written (`None` for `check`).
    pub out_dir: Option<PathBuf>,
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// How long each step took, in order (`build --timings`).
    pub timings: Vec<(&'static str, Duration)>,
    /// What the build worked with (model, site plan, page records). Dropping
    /// it frees it; a command that exits right after may `std::mem::forget`
    /// it instead, as freeing tens of thousands of allocations one by one
    /// takes longer than the operating system takes to drop the whole process.
    pub state: BuildState,
}

/// See [`BuildReport::state`].
pub struct BuildState(#[allow(dead_code)] Box<Prepared>);

impl std::fmt::Debug for BuildState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BuildState")
    }
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

/// Every diagnostic of a failed run: at least one error, possibly warnings.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
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

/// Where a run puts the site.
enum Output<'a> {
    /// The output folder, swapped in atomically.
    Disk,
    /// Nowhere (`check`).
    Discard,
    /// A caller's sink (the dev server keeps the site in memory).
    Sink(&'a dyn Sink),
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    run(opts, Output::Disk)
}

pub fn check(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    run(opts, Output::Discard)
}

/// Builds into `sink`; nothing is written to disk.
pub fn build_into(opts: &BuildOptions, sink: &dyn Sink) -> Result<BuildReport, BuildFailure> {
    run(opts, Output::Sink(sink))
}

/// Loads and parses the course only (for exports); errors as for `check`.
pub fn load_course(root: &Path) -> Result<crate::model::Course, BuildFailure> {
    let mut diags = Diagnostics::default();
    let (course_dir, _) = locate(root);
    let tree = load::load(&course_dir, &mut diags);
    match parse_course(&tree, &mut diags) {
        Some(course) if !diags.has_errors() => Ok(course),
        _ => Err(fail(diags, false)),
    }
}

/// A course loaded, parsed and planned; after [`emit`], also every page's
/// rendering. The dev server keeps one to update in place.
pub struct Prepared {
    pub tree: SourceTree,
    pub course: Course,
    pub site: Site,
    /// Filled by [`emit`].
    pub docs: Documents,
    /// Whether `docs` keeps every page's HTML (the dev server re-renders pages
    /// from it); a one-off build drops each page's HTML once it is written.
    pub keep_html: bool,
    pub theme: Theme,
    pub ui: &'static UiStrings,
    pub course_dir: PathBuf,
    pub project_dir: PathBuf,
    /// Warnings found so far (errors make `prepare` fail).
    /// Diagnostics so far; errors among them mean the output must be discarded.
    pub diags: Diagnostics,
    /// Whether `emit` writes the search index.
    pub search: bool,
    pub timings: Timings,
}

/// Load → parse → plan, with every check of those steps. Fails only when there
/// is no course to render; other errors are in `Prepared::diags`, and [`emit`]
/// still renders every page so that one run reports every problem.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared, BuildFailure> {
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
            Err(msg) => diags.push(Diagnostic::error(msg).with_hint("pass --base-url https://host/path/")),
        }
    }
    let ui = i18n::for_language(&course.config.language);
    let site = Site::plan(&course, &tree);
    timings.lap("plan");
    Ok(Prepared {
        tree,
        course,
        site,
        docs: Documents::with_capacity(0),
        keep_html: false,
        theme,
        ui,
        course_dir,
        project_dir,
        diags,
        search: !opts.no_search,
        timings,
    })
}

/// Prepares and renders the course, keeping every page's HTML in `docs`, and
/// writes nothing; fails on any error.
pub fn render_in_memory(opts: &BuildOptions) -> Result<Prepared, BuildFailure> {
    let mut p = prepare(opts)?;
    p.keep_html = true;
    let mut diags = std::mem::take(&mut p.diags);
    emit(&mut p, &DiscardSink::default(), &mut diags);
    if diags.has_errors() {
        return Err(fail(diags, opts.strict));
    }
    p.diags = diags;
    Ok(p)
}

/// Renders every page of `p` and writes it, with the theme assets, copied files
/// and search index, to `sink`; returns the number of HTML pages.
///
/// The index stage reads each page's text as the render stage hands it over,
/// on a thread of its own ([`search::write_index_alongside`]), so that the
/// texts of a large site are never all in memory at once.
pub fn emit(p: &mut Prepared, sink: &dyn Sink, diags: &mut Diagnostics) -> usize {
    p.theme.tera.global_context().insert("search_enabled", &p.search);
    let keep_html = p.keep_html;
    let rendered = if p.search {
        let failed = Mutex::new(Vec::new());
        let write = |path: &str, bytes: &[u8]| {
            if let Err(e) = sink.write_file(path, bytes)
                && let Ok(mut failed) = failed.lock()
            {
                failed.push(Diagnostic::error(format!("cannot write {path}: {e}")));
            }
        };
        let (course, site) = (&p.course, &p.site);
        let rendered = search::write_index_alongside(&write, |index| {
            let mut texts = |texts| index.add(search_pages(course, site, texts));
            let to = render::RenderTo {
                sink,
                texts: Some(&mut texts),
                keep_html,
            };
            render::render_site(course, site, &mut p.theme, p.ui, to, diags)
        });
        diags.extend(failed.into_inner().unwrap_or_default());
        rendered
    } else {
        let to = render::RenderTo {
            sink,
            texts: None,
            keep_html,
        };
        render::render_site(&p.course, &p.site, &mut p.theme, p.ui, to, diags)
    };
    p.docs = rendered.docs;
    let pages = rendered.pages;
    p.timings.lap("pages");
    warn_unused_files(&p.tree, &p.docs, diags);
    for f in &p.tree.static_files {
        let dest = &p.site.statics[&f.rel];
        if let Err(e) = sink.copy_file(dest, &f.path) {
            diags.push(Diagnostic::error(format!("cannot copy: {e}")).in_file(&f.display_path));
        }
    }
    pages
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

fn run(opts: &BuildOptions, output: Output) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let mut prepared = prepare(opts)?;
    let mut diags = std::mem::take(&mut prepared.diags);
    // With errors already, nothing will be kept: render only to find the rest.
    let output = if diags.has_errors() {
        Output::Discard
    } else {
        output
    };
    let out = opts
        .out
        .clone()
        .unwrap_or_else(|| prepared.project_dir.join("public"));
    let mut staging = None;
    let discard = DiscardSink::default();
    let sink: &dyn Sink = match output {
        Output::Disk => match Staging::prepare(&out, &prepared.course_dir, opts.force) {
            Ok(s) => &*staging.insert(s),
            Err(e) => {
                diags.push(Diagnostic::error(e.to_string()));
                return Err(fail(diags, opts.strict));
            }
        },
        Output::Discard => &discard,
        Output::Sink(s) => s,
    };
    prepared.timings.lap("output folder");
    let pages = emit(&mut prepared, sink, &mut diags);
    if opts.print {
        let p = &prepared;
        render::print::write_editions(&p.course, &p.site, &p.theme, p.ui, sink, &mut diags);
        prepared.timings.lap("print editions");
    }
    if opts.strict {
        diags.make_strict();
    }
    if diags.has_errors() {
        // Dropping the staging folder removes it; the previous output stays.
        return Err(fail(diags, opts.strict));
    }
    let mut timings = std::mem::take(&mut prepared.timings);
    let (out_dir, files) = match staging {
        Some(s) => {
            let files = s.files_written();
            let committed = s.commit();
            timings.lap("swap output");
            match committed {
                Ok(dir) => (Some(dir), files),
                Err(e) => {
                    diags.push(Diagnostic::error(e.to_string()));
                    return Err(fail(diags, opts.strict));
                }
            }
        }
        None => (None, discard.files()),
    };
    Ok(BuildReport {
        out_dir,
        pages,
        files,
        warnings: diags.into_vec(),
        elapsed: started.elapsed(),
        timings: timings.into_vec(),
        state: BuildState(Box::new(prepared)),
    })
}

fn fail(mut diags: Diagnostics, strict: bool) -> BuildFailure {
    if strict {
        diags.make_strict();
    }
    BuildFailure {
        diagnostics: diags.into_vec(),
    }
}
