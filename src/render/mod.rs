//! The render stage: Markdown bodies (see `documents`), view structs (see
//! `view`) and Tera templates (see `theme`) into finished HTML pages, streamed
//! into the output sink as they are made, and, when asked, each page's text
//! beside its HTML ([`PageText`], which the index stage reads). The print
//! editions (`print`) are pages of their own. Inputs: the course model, the
//! site plan, the theme and the interface strings; output: the pages and a
//! record of each ([`Documents`]).

pub mod documents;
pub mod nav;
pub mod print;
pub mod slides;
pub mod theme;
pub mod view;

pub use documents::{Documents, PageData, PageText, TextHeading};
pub use theme::Theme;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::UiStrings;
use crate::markdown::Rendered;
use crate::model::Course;
use crate::output::Sink;
use crate::site::{CALCULATOR_URL, PROGRESS_URL};
use crate::site::{PageKind, Site};
use view::{PageBody, not_found_view, page_view, site_view, utility_view};

fn template_for(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "index.html",
        PageKind::Page(_) => "page.html",
        PageKind::Module(_) => "module.html",
        PageKind::Lesson(..) => "lesson.html",
        PageKind::Quiz(_) | PageKind::LessonQuiz(..) => "quiz.html",
        PageKind::Scenario(..) => "scenario.html",
    }
}

/// What [`render_site`] produced besides the files.
pub struct RenderedSite {
    /// HTML pages written.
    pub pages: usize,
    /// Every page's rendering: ids, headings and statistics always; the HTML
    /// only when asked to keep it (the dev server re-renders pages from it).
    pub docs: Documents,
}

/// Where [`render_site`] sends what it makes.
pub struct RenderTo<'a> {
    pub sink: &'a dyn Sink,
    /// Receives every page's text, a chunk of pages at a time in page order,
    /// as soon as they are rendered (the text is then dropped).
    pub texts: Option<&'a mut dyn FnMut(Vec<PageText>)>,
    /// Keep every page's HTML (and text) in the returned documents.
    pub keep_html: bool,
}

/// Renders every page (Markdown, then its template) and writes it to the
/// sink. Pages go a chunk at a time, in parallel: each is
/// rendered and written on a worker thread, and its HTML dropped once written
/// unless `keep_html`. Module overviews and the home page show their lessons'
/// reading times, so they are written last.
pub fn render_site(
    course: &Course,
    site: &Site,
    theme: &mut Theme,
    ui: &'static UiStrings,
    to: RenderTo,
    diags: &mut Diagnostics,
) -> RenderedSite {
    let RenderTo {
        sink,
        mut texts,
        keep_html,
    } = to;
    let site_view = site_view(course, site);
    {
        let globals = theme.tera.global_context();
        globals.insert("site", &site_view);
        globals.insert("t", ui);
        let strings = serde_json::to_value(&ui.quiz).unwrap_or_default();
        globals.insert("ui_json", &crate::quiz::view::script_safe_json(&strings));
        let calc = serde_json::to_value(&ui.calc).unwrap_or_default();
        globals.insert("calc_json", &crate::quiz::view::script_safe_json(&calc));
        let scenario = serde_json::to_value(&ui.scenario).unwrap_or_default();
        globals.insert(
            "scenario_ui_json",
            &crate::quiz::view::script_safe_json(&scenario),
        );
    }
    let theme = &*theme;
    let sidebar = nav::SidebarParts::new(site, &site_view.nav, ui);
    let chrome = Chrome {
        theme,
        nav: &site_view.nav,
        ui,
        sidebar: &sidebar,
    };
    let needs_others = |i: usize| matches!(site.pages[i].kind, PageKind::Home | PageKind::Module(_));
    let all: Vec<usize> = (0..site.pages.len()).collect();
    let mut docs = Documents::with_capacity(all.len());
    let mut written = 0;
    let want_text = texts.is_some();
    docs.plain_text = want_text;
    // Small courses go in smaller chunks, so that their texts go out sooner.
    let chunk_len = (all.len() / 8).clamp(16, RENDER_CHUNK);
    for chunk in all.chunks(chunk_len) {
        let done: Vec<PageOutcome> = chunk
            .par_iter()
            .map(|&i| {
                let doc = documents::render_markdown(course, site, ui, i, want_text);
                // Written also with errors: a preview (`serve`) shows what
                // renders; a build with errors keeps nothing.
                let page = (!needs_others(i)).then(|| {
                    let reading = doc.doc.as_ref().map_or(0, |d| d.stats.reading_minutes());
                    let html = render_one(
                        course,
                        site,
                        &chrome,
                        i,
                        doc.doc.as_ref(),
                        doc.data.as_ref(),
                        &|_| reading,
                    );
                    write_html(html, &site.pages[i].url, sink)
                });
                (doc, page)
            })
            .collect();
        let mut chunk_texts = Vec::new();
        for (&i, (mut doc, page)) in chunk.iter().zip(done) {
            if want_text {
                chunk_texts.push(documents::page_text(i, &mut doc, keep_html));
            }
            diags.extend(docs.push(doc, keep_html || needs_others(i)).into_vec());
            match page {
                Some(Ok(())) => written += 1,
                Some(Err(d)) => diags.push(d),
                None => {}
            }
        }
        if let Some(texts) = texts.as_mut() {
            texts(chunk_texts);
        }
    }
    diags.extend(docs.check_anchors(course, site));
    let later: Vec<usize> = all.into_iter().filter(|&i| needs_others(i)).collect();
    written += render_chunked(course, site, &docs, &chrome, &later, sink, diags)
        + write_utility_pages(course, site, &chrome, sink, diags);
    if !keep_html {
        for &i in &later {
            if let Some(d) = &mut docs.docs[i] {
                d.html = String::new();
            }
        }
    }
    RenderedSite { pages: written, docs }
}

/// The 404, progress and calculator pages; returns the number written.
fn write_utility_pages(
    course: &Course,
    site: &Site,
    chrome: &Chrome,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> usize {
    let ui = chrome.ui;
    let mut written = 0;
    let mut page = |template: &str, url: &str, mut view: view::PageView| match write_html(
        render_page(chrome, template, &mut view, None),
        url,
        sink,
    ) {
        Ok(()) => written += 1,
        Err(d) => diags.push(d),
    };
    let mut not_found = not_found_view(course, site, ui.not_found_title);
    not_found.description = Some(ui.not_found_body.into());
    page("404.html", "404.html", not_found);
    let mut progress = utility_view("progress", PROGRESS_URL, ui.progress);
    progress.description = Some(ui.progress_description.into());
    progress.breadcrumbs = vec![view::Link {
        title: &course.config.title,
        url: "index.html",
        page: usize::MAX,
    }];
    progress.canonical = course
        .config
        .base_url
        .as_ref()
        .map(|b| format!("{b}{PROGRESS_URL}"));
    progress.progress = Some(view::progress_view(course, site));
    let breadcrumbs = progress.breadcrumbs.clone();
    page("progress.html", PROGRESS_URL, progress);
    if !course.config.calculator {
        return written;
    }
    let mut calculator = utility_view("calculator", CALCULATOR_URL, ui.calculator);
    calculator.description = Some(ui.calc.intro.into());
    calculator.breadcrumbs = breadcrumbs;
    calculator.canonical = course
        .config
        .base_url
        .as_ref()
        .map(|b| format!("{b}{CALCULATOR_URL}"));
    page("calculator.html", CALCULATOR_URL, calculator);
    written
}

/// What every page is rendered with besides its own view.
struct Chrome<'a> {
    theme: &'a Theme,
    nav: &'a view::NavView<'a>,
    ui: &'a UiStrings,
    /// The sidebar's parts shared by many pages.
    sidebar: &'a nav::SidebarParts,
}

/// What re-rendering pages needs: the rendered documents of a whole run
/// (holding their HTML) and what they were rendered with.
pub struct Rerender<'a> {
    pub course: &'a Course,
    pub site: &'a Site,
    pub docs: &'a Documents,
    /// With its globals set by the run's [`render_site`].
    pub theme: &'a Theme,
    pub ui: &'a UiStrings,
}

/// Renders the site pages `indices` again from the documents, in parallel,
/// and writes them (the dev server, after an edit).
pub fn render_pages(r: &Rerender, indices: &[usize], sink: &dyn Sink, diags: &mut Diagnostics) -> usize {
    let site_view = site_view(r.course, r.site);
    // Making the shared parts costs about one page per site page: worth it
    // only when many pages are rendered again.
    let sidebar = if 4 * indices.len() >= r.site.pages.len() {
        nav::SidebarParts::new(r.site, &site_view.nav, r.ui)
    } else {
        nav::SidebarParts::none()
    };
    let chrome = Chrome {
        theme: r.theme,
        nav: &site_view.nav,
        ui: r.ui,
        sidebar: &sidebar,
    };
    render_chunked(r.course, r.site, r.docs, &chrome, indices, sink, diags)
}

fn render_chunked(
    course: &Course,
    site: &Site,
    docs: &Documents,
    chrome: &Chrome,
    indices: &[usize],
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> usize {
    let reading: Vec<u32> = docs
        .docs
        .iter()
        .map(|d| d.as_ref().map_or(0, |d| d.stats.reading_minutes()))
        .collect();
    let mut written = 0;
    for chunk in indices.chunks(RENDER_CHUNK) {
        let results: Vec<Result<(), Diagnostic>> = chunk
            .par_iter()
            .map(|&i| {
                let html = render_one(
                    course,
                    site,
                    chrome,
                    i,
                    docs.docs[i].as_ref(),
                    docs.data[i].as_ref(),
                    &|j| reading[j],
                );
                write_html(html, &site.pages[i].url, sink)
            })
            .collect();
        for r in results {
            match r {
                Ok(()) => written += 1,
                Err(d) => diags.push(d),
            }
        }
    }
    written
}

/// Site page `i` through its template; `reading(j)` is page `j`'s reading time.
fn render_one(
    course: &Course,
    site: &Site,
    chrome: &Chrome,
    i: usize,
    doc: Option<&Rendered>,
    data: Option<&PageData>,
    reading: &dyn Fn(usize) -> u32,
) -> Result<Vec<u8>, Diagnostic> {
    let body = PageBody {
        content: doc.map_or("", |d| d.html.as_str()),
        toc: doc.map_or(&[], |d| d.toc.as_slice()),
        reading_minutes: reading(i),
        first_paragraph: doc.map_or("", |d| d.first_paragraph.as_str()),
        has_code: doc.is_some_and(|d| d.has_code),
    };
    let mut view = page_view(course, site, i, body, reading, chrome.ui.quiz_description);
    render_page(chrome, template_for(site.pages[i].kind), &mut view, data)
}

/// One page from a worker: its rendering, and whether it was written (`None`
/// when it waits for the others or has errors).
type PageOutcome = (documents::PageDoc, Option<Result<(), Diagnostic>>);

/// Pages rendered in parallel before they are written.
const RENDER_CHUNK: usize = 256;

fn render_page(
    chrome: &Chrome,
    template: &str,
    view: &mut view::PageView,
    data: Option<&PageData>,
) -> Result<Vec<u8>, Diagnostic> {
    let theme = chrome.theme;
    view.sidebar = nav::sidebar_html(chrome.nav, view, chrome.ui, chrome.sidebar);
    let mut ctx = Context::new();
    ctx.insert("page", view);
    match data {
        Some(PageData::Quiz(q)) => ctx.insert("quiz", q),
        Some(PageData::Scenario(s)) => ctx.insert("scenario", s),
        None => {}
    }
    // Bytes, not a String: the templates and values are UTF-8 already, and
    // checking the output again cost 8% of a build.
    let mut html = Vec::with_capacity(view.content.len() + 16 * 1024);
    theme
        .tera
        .render_to(template, &ctx, &mut html)
        .map_err(|e| theme.error(&e))?;
    Ok(html)
}

fn write_html(html: Result<Vec<u8>, Diagnostic>, url: &str, sink: &dyn Sink) -> Result<(), Diagnostic> {
    sink.write_file(url, &html?)
        .map_err(|e| Diagnostic::error(format!("cannot write {url}: {e}")))
}
