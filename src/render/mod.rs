//! Step 3 of the pipeline: Markdown bodies (see `documents`), view structs (see
//! `view`) and Tera templates (see `theme`) into finished HTML files.

pub mod documents;
pub mod print;
pub mod theme;
pub mod view;

pub use documents::{Documents, render_documents};
pub use theme::Theme;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::UiStrings;
use crate::model::Course;
use crate::quiz::view::QuizView;
use crate::site::{CALCULATOR_URL, PROGRESS_URL};
use crate::site::{PageKind, Site};
use crate::write::Sink;
use view::{PageBody, not_found_view, page_view, site_view, utility_view};

fn template_for(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "index.html",
        PageKind::Page(_) => "page.html",
        PageKind::Module(_) => "module.html",
        PageKind::Lesson(..) => "lesson.html",
        PageKind::Quiz(_) => "quiz.html",
    }
}

/// Renders every page and writes it, with the theme assets, to `sink`.
/// Returns the number of HTML pages written.
pub fn render_site(
    course: &Course,
    site: &Site,
    docs: &Documents,
    theme: &mut Theme,
    ui: &'static UiStrings,
    sink: &mut dyn Sink,
    diags: &mut Diagnostics,
) -> usize {
    {
        let globals = theme.tera.global_context();
        globals.insert("site", &site_view(course, site));
        globals.insert("t", ui);
        let strings = serde_json::to_value(&ui.quiz).unwrap_or_default();
        globals.insert("ui_json", &crate::quiz::view::script_safe_json(&strings));
        let calc = serde_json::to_value(&ui.calc).unwrap_or_default();
        globals.insert("calc_json", &crate::quiz::view::script_safe_json(&calc));
    }
    let all: Vec<usize> = (0..site.pages.len()).collect();
    let mut written = render_pages(course, site, docs, theme, &all, sink, diags);
    let not_found = not_found_view(course, ui.not_found_title);
    if write_page(theme, "404.html", "404.html", &not_found, None, sink, diags) {
        written += 1;
    }
    let mut progress = utility_view("progress", PROGRESS_URL, ui.progress);
    progress.breadcrumbs = vec![view::Link {
        title: course.config.title.clone(),
        url: "index.html".into(),
    }];
    progress.canonical = course
        .config
        .base_url
        .as_ref()
        .map(|b| format!("{b}{PROGRESS_URL}"));
    if write_page(theme, "progress.html", PROGRESS_URL, &progress, None, sink, diags) {
        written += 1;
    }
    let mut calculator = utility_view("calculator", CALCULATOR_URL, ui.calculator);
    calculator.breadcrumbs = progress.breadcrumbs.clone();
    calculator.canonical = course
        .config
        .base_url
        .as_ref()
        .map(|b| format!("{b}{CALCULATOR_URL}"));
    if write_page(
        theme,
        "calculator.html",
        CALCULATOR_URL,
        &calculator,
        None,
        sink,
        diags,
    ) {
        written += 1;
    }
    let base = course.config.base_url.as_deref();
    let mut hosting = vec![("robots.txt", crate::publish::robots(base))];
    if let Some(base) = base {
        hosting.push(("sitemap.xml", crate::publish::sitemap(course, site, base)));
    }
    for (path, text) in hosting {
        if let Err(e) = sink.write_file(path, text.as_bytes()) {
            diags.push(Diagnostic::error(format!("cannot write {path}: {e}")));
        }
    }
    for (path, bytes) in &theme.assets {
        if let Err(e) = sink.write_file(path, bytes) {
            diags.push(Diagnostic::error(format!("cannot write {path}: {e}")));
        }
    }
    written
}

/// Renders the site pages `indices` (in parallel, a chunk at a time so memory
/// stays bounded) and writes them in order. The theme's globals must be set.
pub fn render_pages(
    course: &Course,
    site: &Site,
    docs: &Documents,
    theme: &Theme,
    indices: &[usize],
    sink: &mut dyn Sink,
    diags: &mut Diagnostics,
) -> usize {
    let reading: Vec<u32> = docs
        .docs
        .iter()
        .map(|d| d.as_ref().map_or(0, |d| d.stats.reading_minutes()))
        .collect();
    let mut written = 0;
    for chunk in indices.chunks(RENDER_CHUNK) {
        let rendered: Vec<Result<String, Diagnostic>> = chunk
            .par_iter()
            .map(|&i| {
                let doc = docs.docs[i].as_ref();
                let body = PageBody {
                    content: doc.map(|d| d.html.clone()).unwrap_or_default(),
                    toc: doc.map_or(&[], |d| d.toc.as_slice()),
                    reading_minutes: reading[i],
                };
                let view = page_view(course, site, i, body, &reading);
                render_page(
                    theme,
                    template_for(site.pages[i].kind),
                    &view,
                    docs.quizzes[i].as_ref(),
                )
            })
            .collect();
        for (&i, html) in chunk.iter().zip(rendered) {
            if write_html(html, &site.pages[i].url, sink, diags) {
                written += 1;
            }
        }
    }
    written
}

/// Pages rendered in parallel before they are written.
const RENDER_CHUNK: usize = 256;

fn render_page(
    theme: &Theme,
    template: &str,
    view: &view::PageView,
    quiz: Option<&QuizView>,
) -> Result<String, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert("page", view);
    if let Some(q) = quiz {
        ctx.insert("quiz", q);
    }
    theme.tera.render(template, &ctx).map_err(|e| theme.error(&e))
}

fn write_html(
    html: Result<String, Diagnostic>,
    url: &str,
    sink: &mut dyn Sink,
    diags: &mut Diagnostics,
) -> bool {
    match html {
        Ok(html) => match sink.write_file(url, html.as_bytes()) {
            Ok(()) => true,
            Err(e) => {
                diags.push(Diagnostic::error(format!("cannot write {url}: {e}")));
                false
            }
        },
        Err(d) => {
            diags.push(d);
            false
        }
    }
}

fn write_page(
    theme: &Theme,
    template: &str,
    url: &str,
    view: &view::PageView,
    quiz: Option<&QuizView>,
    sink: &mut dyn Sink,
    diags: &mut Diagnostics,
) -> bool {
    write_html(render_page(theme, template, view, quiz), url, sink, diags)
}
