//! Slide decks: one per module, `<module>/slides.html`, made from the same
//! Markdown as its pages (rendered for [`Audience::Slides`]): a title slide
//! for the module, then for each lesson a title slide and a slide per `##`
//! section, a `---` starting another. `> [!TRAINER]` notes are taken off the
//! slides into the presenter view, `<module>/presenter.html`, which shows the
//! current and next slide, the notes and the time. Neither page is in the
//! learner's navigation or search index.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Theme;
use super::documents::render_for_slides;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::html_escape::escape_html;
use crate::i18n::UiStrings;
use crate::markdown::SLIDE_BREAK;
use crate::model::{Course, ModuleItem};
use crate::output::Sink;
use crate::site::Site;

pub const DECK_FILE: &str = "slides.html";
pub const PRESENTER_FILE: &str = "presenter.html";

/// How many lines (as [`estimate_lines`] counts them) fit the 16:9 frame at
/// the deck's type sizes. Calibrated on the bundled course against the
/// browser test (tests/browser/slides.rs): every slide estimated at 21
/// lines or fewer fitted, the two estimated at 23 and 25 did not.
const FRAME_LINES: f32 = 22.0;
/// CJK characters in a line of body text across the frame (Latin letters count half).
const LINE_CHARS: f32 = 44.0;

#[derive(Debug, Serialize)]
struct SlideView {
    /// `module`, `lesson` or `content`.
    kind: &'static str,
    title: String,
    html: String,
    /// The trainer's notes (presenter view only).
    notes: String,
    /// Index into the deck's `lessons` (none for the module's title slide).
    lesson: Option<usize>,
}

#[derive(Debug, Serialize)]
struct LessonView {
    title: String,
    minutes: Option<u32>,
    /// The lesson's page, relative to the deck.
    url: String,
}

#[derive(Debug, Serialize)]
struct DeckView {
    title: String,
    summary: Option<String>,
    objectives: Vec<String>,
    minutes: Option<u32>,
    slides: Vec<SlideView>,
    lessons: Vec<LessonView>,
    /// Names the channel that keeps the deck and its presenter view in step.
    channel: String,
    /// The deck's slides and their lessons for the presenter's script (JSON).
    meta_json: String,
}

/// Writes every module's deck and presenter view; returns how many files.
pub fn write_decks(
    course: &Course,
    site: &Site,
    theme: &Theme,
    ui: &UiStrings,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> usize {
    if !course.config.slides {
        return 0;
    }
    // Modules in parallel (a deck renders its lessons' Markdown again); the
    // problems are reported in module order.
    let done: Vec<(usize, Diagnostics)> = (0..course.modules.len())
        .into_par_iter()
        .map(|mi| {
            let mut d = Diagnostics::default();
            (write_deck(course, site, theme, ui, mi, sink, &mut d), d)
        })
        .collect();
    let mut written = 0;
    for (n, d) in done {
        written += n;
        diags.extend(d.into_vec());
    }
    written
}

/// Writes module `mi`'s deck and presenter view; returns how many files.
pub fn write_deck(
    course: &Course,
    site: &Site,
    theme: &Theme,
    ui: &UiStrings,
    mi: usize,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> usize {
    let deck = deck_view(course, site, ui, mi, diags);
    let m = &course.modules[mi];
    let mut written = 0;
    for (file, template) in [(DECK_FILE, "slides.html"), (PRESENTER_FILE, "presenter.html")] {
        let mut ctx = Context::new();
        ctx.insert("deck", &deck);
        let url = format!("{}/{file}", m.slug);
        match theme.tera.render(template, &ctx) {
            Ok(html) => match sink.write_file(&url, html.as_bytes()) {
                Ok(()) => written += 1,
                Err(e) => diags.push(Diagnostic::error(format!("cannot write {url}: {e}"))),
            },
            Err(e) => diags.push(theme.error(&e)),
        }
    }
    written
}

fn deck_view(course: &Course, site: &Site, ui: &UiStrings, mi: usize, diags: &mut Diagnostics) -> DeckView {
    let m = &course.modules[mi];
    let mut slides = vec![SlideView {
        kind: "module",
        title: m.title.clone(),
        html: String::new(),
        notes: String::new(),
        lesson: None,
    }];
    // The overview's own notes go with the module's title slide.
    // (Pages are found by their source file: a search of the whole plan for
    // each lesson was quadratic in a large course.)
    if let Some(&page) = site.by_source.get(&m.source.rel)
        && let Some(doc) = render_for_slides(course, site, ui, page)
    {
        slides[0].notes = take_notes(&doc.html.replace(SLIDE_BREAK, "")).1;
    }
    let mut lessons = Vec::new();
    for item in &m.items {
        let ModuleItem::Lesson(li) = *item else { continue };
        let l = &m.lessons[li];
        if !l.slides {
            continue;
        }
        let Some(&page) = site.by_source.get(&l.source.rel) else {
            continue;
        };
        let n = lessons.len();
        lessons.push(LessonView {
            title: l.title.clone(),
            minutes: l.duration_minutes,
            url: site.pages[page]
                .url
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string(),
        });
        let mut title_slide = SlideView {
            kind: "lesson",
            title: l.title.clone(),
            html: l
                .summary
                .as_deref()
                .map(|s| format!("<p class=\"slide-summary\">{}</p>\n", escape_html(s)))
                .unwrap_or_default(),
            notes: String::new(),
            lesson: Some(n),
        };
        let Some(doc) = render_for_slides(course, site, ui, page) else {
            slides.push(title_slide);
            continue;
        };
        let mut parts = doc.html.split(SLIDE_BREAK);
        // What comes before the first section goes on the title slide.
        let (lead, notes) = take_notes(parts.next().unwrap_or_default());
        title_slide.html.push_str(&lead);
        title_slide.notes = notes;
        slides.push(title_slide);
        // The section a `---` continues, named on its next slides.
        let mut section = String::new();
        for part in parts {
            let (mut html, notes) = take_notes(part);
            if html.trim().is_empty() && notes.is_empty() {
                continue;
            }
            let title = match heading_text(&html) {
                Some(t) => {
                    section = t.clone();
                    t
                }
                None if !section.is_empty() => {
                    html.insert_str(
                        0,
                        &format!(
                            "<p class=\"slide-kicker\">{}{}</p>\n",
                            escape_html(&section),
                            escape_html(ui.slides.continued)
                        ),
                    );
                    section.clone()
                }
                None => String::new(),
            };
            let lines = estimate_lines(&html);
            if lines > FRAME_LINES {
                let title = if heading_text(&html).is_none() && !title.is_empty() {
                    format!("{title}{}", ui.slides.continued)
                } else {
                    title.clone()
                };
                let at = section_offset(&l.source.text, l.body_offset, &title);
                diags.push(
                    Diagnostic::warning(format!(
                        "slide {} (`{}`) of lesson `{}` may not fit its 16:9 frame (about {lines:.0} lines of {FRAME_LINES:.0})",
                        slides.len() + 1,
                        if title.is_empty() { "…" } else { &title },
                        l.title
                    ))
                    .at_offset(&l.source.display_path, &l.source.text, at)
                    .with_hint(
                        "split the section with a line `---`, or keep the long text for the site in `> [!SITE]` and give the slide a short `> [!SLIDES]` summary",
                    ),
                );
            }
            slides.push(SlideView {
                kind: "content",
                title,
                html,
                notes,
                lesson: Some(n),
            });
        }
    }
    let meta = serde_json::json!({
        "slides": slides.iter().map(|s| serde_json::json!({"lesson": s.lesson, "title": s.title})).collect::<Vec<_>>(),
        "lessons": lessons.iter().map(|l| serde_json::json!({"title": l.title, "minutes": l.minutes})).collect::<Vec<_>>(),
    });
    DeckView {
        title: m.title.clone(),
        summary: m.summary.clone(),
        objectives: m.objectives.clone(),
        minutes: m.duration_minutes,
        slides,
        lessons,
        channel: format!(
            "coursegen:{}:slides:{}",
            super::view::progress_key(&course.config),
            m.slug
        ),
        meta_json: crate::quiz::view::script_safe_json(&meta),
    }
}

const NOTES_OPEN: &str = "<aside class=\"slide-notes\">\n";
const NOTES_CLOSE: &str = "</aside>\n";

/// A slide's HTML without its notes, and the notes' HTML.
fn take_notes(part: &str) -> (String, String) {
    let mut html = String::with_capacity(part.len());
    let mut notes = String::new();
    let mut rest = part;
    while let Some(i) = rest.find(NOTES_OPEN) {
        html.push_str(&rest[..i]);
        let after = &rest[i + NOTES_OPEN.len()..];
        let end = after.find(NOTES_CLOSE).unwrap_or(after.len());
        notes.push_str(&after[..end]);
        rest = after.get(end + NOTES_CLOSE.len()..).unwrap_or("");
    }
    html.push_str(rest);
    (html, notes)
}

/// The text of the slide's `<h2>`, if it starts with one.
fn heading_text(html: &str) -> Option<String> {
    let start = html.trim_start();
    if !start.starts_with("<h2") {
        return None;
    }
    let end = start.find("</h2>")?;
    Some(crate::markdown::html_to_text(&start[..end]).trim().to_string())
}

/// Where section `title` starts in the lesson's file (its `##` line), else
/// the body's start.
fn section_offset(text: &str, body_offset: usize, title: &str) -> usize {
    if title.is_empty() {
        return body_offset;
    }
    let mut at = body_offset;
    for line in text[body_offset..].split_inclusive('\n') {
        if let Some(h) = line.strip_prefix("## ")
            && crate::markdown::html_to_text(h)
                .trim_start()
                .starts_with(title.split_whitespace().next().unwrap_or(title))
        {
            return at;
        }
        at += line.len();
    }
    body_offset
}

/// About how many lines of body text a slide's HTML fills: paragraphs and
/// list items by their length, table rows, code lines, and a figure as a
/// block of lines (the deck's CSS gives each its size).
pub fn estimate_lines(html: &str) -> f32 {
    let mut lines = 0.0;
    let text_lines = |text: &str| -> f32 {
        let width: f32 = text
            .chars()
            .map(|c| if crate::markdown::is_cjk(c) { 1.0 } else { 0.55 })
            .sum();
        (width / LINE_CHARS).ceil().max(1.0)
    };
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let tag_end = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[1..tag_end];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let block_end = |close: &str| rest.find(close).map_or(rest.len(), |e| e + close.len());
        match name.as_str() {
            "h2" => {
                lines += 1.6;
                rest = &rest[block_end("</h2>")..];
            }
            "h3" | "h4" => {
                lines += 1.3;
                rest = &rest[block_end("</h3>").min(block_end("</h4>"))..];
            }
            "p" | "li" | "dt" | "dd" => {
                let close = format!("</{name}>");
                let end = block_end(&close);
                let inner = &rest[tag_end + 1..end.saturating_sub(close.len()).max(tag_end + 1)];
                // A list item's nested list is counted by its own items, and
                // the paragraphs of a loose list's item by theirs.
                let inner = inner
                    .split("<ul")
                    .next()
                    .unwrap_or(inner)
                    .split("<ol")
                    .next()
                    .unwrap_or(inner);
                if !(name == "li" && inner.trim_start().starts_with("<p")) {
                    lines += text_lines(&crate::markdown::html_to_text(inner)) + 0.3;
                }
                rest = &rest[tag_end + 1..];
            }
            "tr" => {
                lines += 1.25;
                rest = &rest[tag_end + 1..];
            }
            "pre" => {
                let end = block_end("</pre>");
                lines += rest[..end].matches('\n').count() as f32 * 0.8 + 0.6;
                rest = &rest[end..];
            }
            "figcaption" => {
                lines += 1.0;
                rest = &rest[tag_end + 1..];
            }
            "svg" | "img" | "video" | "iframe" => {
                lines += 9.5;
                rest = &rest[block_end(if name == "svg" { "</svg>" } else { ">" })..];
            }
            _ => rest = &rest[tag_end + 1..],
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_taken_off_the_slide() {
        let (html, notes) = take_notes(
            "<h2 id=\"a\">A</h2>\n<p>x</p>\n<aside class=\"slide-notes\">\n<p>note</p>\n</aside>\n<p>y</p>\n",
        );
        assert_eq!(html, "<h2 id=\"a\">A</h2>\n<p>x</p>\n<p>y</p>\n");
        assert_eq!(notes, "<p>note</p>\n");
        assert_eq!(heading_text(&html).as_deref(), Some("A"));
    }

    #[test]
    fn long_text_and_many_rows_are_more_lines_than_a_frame() {
        let short = "<h2>T</h2>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n";
        assert!(estimate_lines(short) < 5.0, "{}", estimate_lines(short));
        let long = format!("<h2>T</h2>\n<p>{}</p>\n", "字".repeat(1000));
        assert!(estimate_lines(&long) > FRAME_LINES, "{}", estimate_lines(&long));
        let rows = format!("<table>{}</table>", "<tr><td>a</td></tr>".repeat(20));
        assert!(estimate_lines(&rows) > FRAME_LINES);
        let chart =
            "<h2>T</h2>\n<figure><svg viewBox=\"0 0 10 10\"><text>x</text></svg></figure>\n<p>说明</p>\n";
        assert!(estimate_lines(chart) < FRAME_LINES);
    }
}
