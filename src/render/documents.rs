//! Renders the Markdown body of every page, rewriting links against the site
//! plan, then checks that every `#anchor` a link names exists on its target.

use std::collections::HashSet;

use crate::chart;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::UiStrings;
use crate::links::{self, LinkError, Target};
use crate::markdown::{self, Audience, CalloutKind, Label, LinkKind, RenderHooks, Rendered};
use crate::model::Course;
use crate::quiz::view::{QuizView, quiz_view};
use crate::scenario::view::{ScenarioView, scenario_view};

/// What a quiz or scenario page shows besides Markdown, rendered for its
/// template (`quiz` or `scenario` in its context).
#[derive(Debug, Clone)]
pub enum PageData {
    Quiz(QuizView),
    Scenario(ScenarioView),
}
use crate::site::{PageKind, Site};
use crate::source::SourceFile;
use crate::yaml::Locations;

/// A page's text, made beside its HTML for the search index (which render
/// knows nothing about): what a reader sees, whitespace collapsed, and where
/// its headings are. For a quiz, the question prompts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageText {
    /// The site page.
    pub page: usize,
    pub text: String,
    /// The h2 and h3 headings, in order.
    pub headings: Vec<TextHeading>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextHeading {
    pub level: u8,
    pub id: String,
    /// Where the heading starts in the text, and where its title ends.
    pub span: std::ops::Range<usize>,
}

/// The text of site page `page` from its rendering: taken out of it, or
/// copied when `keep` (the documents keep it).
pub fn page_text(page: usize, p: &mut PageDoc, keep: bool) -> PageText {
    let text = match &mut p.doc {
        Some(d) if keep => d.text.clone(),
        Some(d) => std::mem::take(&mut d.text),
        None => String::new(),
    };
    text_of(page, p.doc.as_ref(), p.data.as_ref(), text)
}

/// The text of a page, whose Markdown text is `text`.
fn text_of(page: usize, doc: Option<&Rendered>, data: Option<&PageData>, text: String) -> PageText {
    let parts: Vec<String> = match data {
        Some(PageData::Quiz(q)) => q
            .questions
            .iter()
            .map(|x| markdown::html_to_text(&x.prompt_html))
            .collect(),
        // The situation and what is said, not the feedback (which would
        // make every search for a technique land here).
        Some(PageData::Scenario(s)) => s
            .summary
            .iter()
            .cloned()
            .chain(s.intro_html.iter().map(|h| markdown::html_to_text(h)))
            .chain(s.nodes.iter().flat_map(|n| {
                std::iter::once(markdown::html_to_text(&n.text_html))
                    .chain(n.choices.iter().map(|c| markdown::html_to_text(&c.text_html)))
            }))
            .collect(),
        None => Vec::new(),
    };
    if data.is_some() {
        return PageText {
            page,
            text: parts.join(" "),
            headings: Vec::new(),
        };
    }
    let Some(d) = doc else {
        return PageText {
            page,
            ..PageText::default()
        };
    };
    let headings = d
        .toc
        .iter()
        .zip(&d.toc_text)
        .map(|(h, span)| TextHeading {
            level: h.level,
            id: h.id.clone(),
            span: span.clone(),
        })
        .collect();
    PageText { page, text, headings }
}

/// The rendered body of each site page (`None` for pages without a source file).
pub struct Documents {
    pub docs: Vec<Option<Rendered>>,
    /// The quiz or scenario of each such page, rendered for its template.
    pub data: Vec<Option<PageData>>,
    /// Course-relative paths of static files some page links to.
    pub used_statics: HashSet<String>,
    /// The `#anchor` links of each page, checked once every page is rendered.
    anchors: Vec<Vec<PendingAnchor>>,
    /// Pages rendered again keep their plain text (the index is on).
    pub plain_text: bool,
}

struct PendingAnchor {
    file: usize,
    offset: usize,
    target: usize,
    fragment: String,
    dest: String,
}

struct PageHooks<'a> {
    site: &'a Site,
    page: usize,
    source: &'a SourceFile,
    body_offset: usize,
    /// Quiz fields are not Markdown files: every problem points at the field.
    pinned_offset: Option<usize>,
    /// Charts rendered so far on this page (their ids must be unique).
    charts: usize,
    /// Rendering for a print edition: every page in one document, so ids get a
    /// per-page prefix and links between pages become in-document anchors.
    print: bool,
    /// Site, slides (ids prefixed like print, links as on the site) or the
    /// trainer's print edition.
    audience: Audience,
    /// Keep the page's plain text (for the search index).
    plain_text: bool,
    ui: &'a UiStrings,
    diags: &'a mut Diagnostics,
    anchors: &'a mut Vec<PendingAnchor>,
    used_statics: &'a mut HashSet<String>,
    /// course.yaml's `allowed_remote_hosts`.
    allowed_hosts: &'a [String],
}

impl RenderHooks for PageHooks<'_> {
    fn rewrite_link(&mut self, dest: &str, kind: LinkKind, offset: usize) -> String {
        let from_url = if self.print {
            PRINT_URL
        } else {
            &self.site.pages[self.page].url
        };
        if self.audience == Audience::Slides
            && let Ok(Target::SamePage { fragment }) =
                links::resolve(dest, self.source.rel_dir(), from_url, self.site)
        {
            return format!("#p{}-{fragment}", self.page);
        }
        if self.print {
            match links::resolve(dest, self.source.rel_dir(), from_url, self.site) {
                Ok(Target::SamePage { fragment }) => return format!("#p{}-{fragment}", self.page),
                Ok(Target::Page {
                    page,
                    fragment: Some(f),
                    ..
                }) => return format!("#p{page}-{f}"),
                Ok(Target::Page { page, .. }) => return format!("#p{page}"),
                Ok(Target::Static { href }) => return href,
                _ => {}
            }
        }
        match links::resolve(dest, self.source.rel_dir(), from_url, self.site) {
            Ok(Target::External) => {
                if kind.is_resource() {
                    self.check_remote(dest, offset);
                }
                dest.to_string()
            }
            Ok(Target::SamePage { fragment }) => {
                self.pending(offset, self.page, fragment, dest);
                dest.to_string()
            }
            Ok(Target::Page { page, href, fragment }) => {
                if let Some(f) = fragment {
                    self.pending(offset, page, f, dest);
                }
                href
            }
            Ok(Target::Static { href }) => {
                let rel = links::normalize(&format!(
                    "{}/{}",
                    self.source.rel_dir(),
                    links::percent_decode(dest)
                ))
                .unwrap_or_default();
                self.used_statics
                    .insert(rel.split(['#', '?']).next().unwrap_or("").to_string());
                href
            }
            Err(e) => {
                let message = match (kind, &e) {
                    (LinkKind::Image, LinkError::Missing(path)) => {
                        format!("image `{dest}` not found (looked for `{path}`)")
                    }
                    (
                        LinkKind::RawHtml {
                            element,
                            attribute,
                            resource: true,
                        },
                        LinkError::Missing(path),
                    ) => format!("`<{element} {attribute}>` file `{dest}` not found (looked for `{path}`)"),
                    _ => e.message(dest),
                };
                let hint = match (kind, &e) {
                    (LinkKind::RawHtml { resource: true, .. }, LinkError::Missing(_)) => {
                        "the path is relative to this Markdown file: put the file there, or under assets/ and write ../assets/…"
                    }
                    _ => e.hint(),
                };
                self.diags.push(
                    Diagnostic::error(message)
                        .at_offset(
                            &self.source.display_path,
                            &self.source.text,
                            self.pinned_offset.unwrap_or(self.body_offset + offset),
                        )
                        .with_hint(hint),
                );
                // Seen only in a preview (a build with errors writes nothing).
                format!("{}{dest}", links::BROKEN_LINK)
            }
        }
    }

    fn render_fence(&mut self, lang: &str, body: &str, offset: usize) -> Option<String> {
        if lang != "chart" {
            return None;
        }
        self.charts += 1;
        match chart::parse_chart(body) {
            Ok(c) => Some(chart::render_svg(
                &c,
                &format!("{}chart-{}", self.id_prefix(), self.charts),
                self.ui.chart_data,
            )),
            Err(e) => {
                // The YAML starts on the line after the opening fence.
                let fence = self.body_offset + offset;
                let yaml_start = self.source.text[fence..]
                    .find('\n')
                    .map_or(fence, |i| fence + i + 1);
                let at = self.pinned_offset.unwrap_or(yaml_start + e.offset.unwrap_or(0));
                self.diags.push(
                    Diagnostic::error(format!("invalid chart: {}", e.message))
                        .at_offset(&self.source.display_path, &self.source.text, at)
                        .with_hint("a chart needs type (bar, line or stacked-bar), title, x and series with one value per x"),
                );
                Some(String::new())
            }
        }
    }

    fn callout_label(&self, kind: CalloutKind) -> &str {
        self.ui.callout(kind)
    }

    fn label(&self, label: Label) -> &str {
        self.ui.markdown_label(label)
    }

    fn bad_math(&mut self, offset: usize, message: &str) {
        self.diags.push(
            Diagnostic::error(format!("invalid maths: {message}"))
                .at_offset(
                    &self.source.display_path,
                    &self.source.text,
                    self.pinned_offset.unwrap_or(self.body_offset + offset),
                )
                .with_hint("write LaTeX maths between `$…$` (inline) or `$$…$$` (displayed); write `\\$` for a dollar sign"),
        );
    }

    fn reader_links(&self) -> bool {
        self.audience == Audience::Site
    }

    fn audience(&self) -> Audience {
        self.audience
    }

    fn plain_text(&self) -> bool {
        self.plain_text
    }

    fn id_prefix(&self) -> String {
        if self.print || self.audience == Audience::Slides {
            format!("p{}-", self.page)
        } else {
            String::new()
        }
    }
}

impl PageHooks<'_> {
    /// Warns about a file the page loads from another host (offline it is
    /// missing), unless course.yaml allows that host.
    fn check_remote(&mut self, dest: &str, offset: usize) {
        let Some(host) = links::remote_host(dest) else {
            return;
        };
        if links::host_allowed(&host, self.allowed_hosts) {
            return;
        }
        self.diags.push(
            Diagnostic::warning(format!(
                "`{dest}` is loaded from another host, `{host}`: offline the page shows nothing in its place"
            ))
            .at_offset(
                &self.source.display_path,
                &self.source.text,
                self.pinned_offset.unwrap_or(self.body_offset + offset),
            )
            .with_hint(format!(
                "keep the file in the course: save it under assets/ and link it relatively (../assets/…); or, if the course accepts this host, add it to course.yaml: `allowed_remote_hosts: [{host}]`"
            )),
        );
    }

    fn pending(&mut self, offset: usize, target: usize, fragment: String, dest: &str) {
        self.anchors.push(PendingAnchor {
            file: self.page,
            offset: self.pinned_offset.unwrap_or(self.body_offset + offset),
            target,
            fragment,
            dest: dest.to_string(),
        });
    }
}

/// A lesson's Markdown rendered for its module's slide deck (ids prefixed
/// with the page's number; problems are the site's to report, so none are
/// kept).
pub fn render_for_slides(course: &Course, site: &Site, ui: &UiStrings, page: usize) -> Option<Rendered> {
    render_source(course, site, ui, page, Audience::Slides, false).doc
}

/// Where print editions are written; links in them are relative to it.
pub const PRINT_URL: &str = "print/edition.html";

/// A page's Markdown (or quiz) rendered for a print edition (see `PageHooks::print`).
pub fn render_for_print(
    course: &Course,
    site: &Site,
    ui: &UiStrings,
    page: usize,
) -> (Option<Rendered>, Option<PageData>) {
    let p = render_source(course, site, ui, page, Audience::Trainer, false);
    (p.doc, p.data)
}

/// What rendering one page's source produced.
#[derive(Default)]
pub struct PageDoc {
    pub doc: Option<Rendered>,
    pub data: Option<PageData>,
    pub diags: Diagnostics,
    anchors: Vec<PendingAnchor>,
    used_statics: HashSet<String>,
}

/// Renders the Markdown (or quiz) of site page `page`, with its plain text
/// when `plain_text` (for the search index); independent of every other
/// page, so pages render in parallel.
pub fn render_markdown(
    course: &Course,
    site: &Site,
    ui: &UiStrings,
    page: usize,
    plain_text: bool,
) -> PageDoc {
    render_source(course, site, ui, page, Audience::Site, plain_text)
}

fn render_source(
    course: &Course,
    site: &Site,
    ui: &UiStrings,
    page: usize,
    audience: Audience,
    plain_text: bool,
) -> PageDoc {
    let print = audience == Audience::Trainer;
    let mut out = PageDoc::default();
    let p = &site.pages[page];
    let Some((source, body_offset)) = course.source_of(p.kind) else {
        return out;
    };
    if let PageKind::Quiz(_) | PageKind::LessonQuiz(..) | PageKind::Scenario(..) = p.kind {
        let locations = Locations::index(&source.text);
        let mut render_field = |text: &str, inline: bool, path: &str| {
            let mut hooks = PageHooks {
                site,
                page,
                source,
                body_offset: 0,
                pinned_offset: Some(locations.offset(path).unwrap_or(0)),
                charts: 0,
                print,
                audience,
                plain_text: false,
                ui,
                diags: &mut out.diags,
                anchors: &mut out.anchors,
                used_statics: &mut out.used_statics,
                allowed_hosts: &course.config.allowed_remote_hosts,
            };
            let html = markdown::render(text, &mut hooks).html;
            if inline { unwrap_paragraph(&html) } else { html }
        };
        let (data, ids) = if let Some(q) = course.quiz(p.kind) {
            let view = quiz_view(
                &q.quiz,
                &mut render_field,
                ui.quiz.true_label,
                ui.quiz.false_label,
            );
            let ids = view.questions.iter().map(|q| format!("q-{}", q.id)).collect();
            (PageData::Quiz(view), ids)
        } else if let Some(s) = course.scenario(p.kind) {
            let view = scenario_view(&s.scenario, &mut render_field, &ui.scenario);
            let ids = view
                .nodes
                .iter()
                .map(|n| format!("n-{}", n.id))
                .chain(view.endings.iter().map(|e| format!("e-{}", e.id)))
                .collect();
            (PageData::Scenario(view), ids)
        } else {
            return out;
        };
        out.doc = Some(Rendered {
            ids,
            ..Rendered::default()
        });
        out.data = Some(data);
        return out;
    }
    let mut hooks = PageHooks {
        site,
        page,
        source,
        body_offset,
        pinned_offset: None,
        charts: 0,
        print,
        audience,
        plain_text,
        ui,
        diags: &mut out.diags,
        anchors: &mut out.anchors,
        used_statics: &mut out.used_statics,
        allowed_hosts: &course.config.allowed_remote_hosts,
    };
    let rendered = markdown::render(&source.text[body_offset..], &mut hooks);
    for (offset, id) in &rendered.duplicate_ids {
        out.diags.push(
            Diagnostic::error(format!("heading id `{id}` is used twice on this page"))
                .at_offset(&source.display_path, &source.text, body_offset + offset)
                .with_hint("give each `{#id}` a different name"),
        );
    }
    if matches!(p.kind, PageKind::Lesson(..)) && rendered.stats == Default::default() {
        out.diags.push(
            Diagnostic::warning("lesson has no text")
                .at_offset(&source.display_path, &source.text, body_offset)
                .with_hint("write the lesson, or remove the file until it is ready"),
        );
    }
    out.doc = Some(rendered);
    out
}

impl Documents {
    pub fn with_capacity(pages: usize) -> Documents {
        Documents {
            docs: Vec::with_capacity(pages),
            data: Vec::with_capacity(pages),
            used_statics: HashSet::new(),
            anchors: Vec::with_capacity(pages),
            plain_text: false,
        }
    }

    /// Adds the next page's rendering (pages come in site order). Without
    /// `keep_html` only what other pages need is kept (ids, headings, text
    /// statistics); returns the page's diagnostics.
    pub fn push(&mut self, mut p: PageDoc, keep_html: bool) -> Diagnostics {
        if !keep_html && let Some(d) = &mut p.doc {
            d.html = String::new();
            d.text = String::new();
        }
        self.used_statics.extend(p.used_statics);
        self.docs.push(p.doc);
        self.data.push(p.data);
        self.anchors.push(p.anchors);
        p.diags
    }

    /// Every page's text, from documents that kept it (the dev server's).
    pub fn page_texts(&self) -> Vec<PageText> {
        let pages = self.docs.iter().zip(&self.data).enumerate();
        pages
            .map(|(i, (d, q))| {
                let text = d.as_ref().map_or(String::new(), |d| d.text.clone());
                text_of(i, d.as_ref(), q.as_ref(), text)
            })
            .collect()
    }

    /// Renders page `page` again from its (changed) source; returns its
    /// diagnostics. Anchors must be checked again afterwards.
    pub fn rerender(&mut self, course: &Course, site: &Site, ui: &UiStrings, page: usize) -> Diagnostics {
        let p = render_source(course, site, ui, page, Audience::Site, self.plain_text);
        self.used_statics.extend(p.used_statics);
        self.docs[page] = p.doc;
        self.data[page] = p.data;
        self.anchors[page] = p.anchors;
        p.diags
    }

    /// Every link's `#anchor` must name an id on its target page.
    pub fn check_anchors(&self, course: &Course, site: &Site) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for a in self.anchors.iter().flatten() {
            let ids = self.docs[a.target]
                .as_ref()
                .map(|d| d.ids.as_slice())
                .unwrap_or(&[]);
            if ids.iter().any(|id| id == &a.fragment) {
                continue;
            }
            let Some((source, _)) = course.source_of(site.pages[a.file].kind) else {
                continue;
            };
            let known: Vec<String> = ids.iter().take(8).map(|i| format!("#{i}")).collect();
            let hint = if known.is_empty() {
                "the target page has no headings or HTML ids to link to".to_string()
            } else {
                format!("anchors on that page include: {}", known.join(", "))
            };
            out.push(
                Diagnostic::error(format!(
                    "link `{}`: no heading or HTML element with id `{}` on `{}`",
                    a.dest, a.fragment, site.pages[a.target].title
                ))
                .at_offset(&source.display_path, &source.text, a.offset)
                .with_hint(hint),
            );
        }
        out
    }
}

/// `<p>text</p>\n` → `text` for a single paragraph; anything else unchanged.
fn unwrap_paragraph(html: &str) -> String {
    let t = html.trim_end();
    match t.strip_prefix("<p>").and_then(|r| r.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html.to_string(),
    }
}
