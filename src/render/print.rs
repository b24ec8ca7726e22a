//! Print editions: the whole course as one page, for classroom days. The
//! learner handout has quizzes as blank worksheets; the trainer edition adds
//! the answers, the option feedback and the explanations.

use serde::Serialize;
use tera::Context;

use super::Theme;
use super::documents::render_for_print;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::UiStrings;
use crate::model::Course;
use crate::output::Sink;
use crate::quiz::view::QuizView;
use crate::site::{PageKind, Site};

pub const HANDOUT_URL: &str = "print/handout.html";
pub const TRAINER_URL: &str = "print/trainer.html";

#[derive(Serialize)]
struct EditionView<'a> {
    title: &'a str,
    trainer: bool,
    sections: &'a [SectionView],
}

#[derive(Serialize)]
struct SectionView {
    id: String,
    /// `page`, `module`, `lesson` or `quiz`.
    kind: &'static str,
    title: String,
    objectives: Vec<String>,
    content: String,
    quiz: Option<QuizView>,
}

/// Writes `print/handout.html` and `print/trainer.html`.
pub fn write_editions(
    course: &Course,
    site: &Site,
    theme: &Theme,
    ui: &UiStrings,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    let sections: Vec<SectionView> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind != PageKind::Home)
        .map(|(i, p)| {
            let (doc, quiz) = render_for_print(course, site, ui, i);
            let (kind, objectives) = match p.kind {
                PageKind::Module(m) => ("module", course.modules[m].objectives.clone()),
                PageKind::Lesson(..) => ("lesson", Vec::new()),
                PageKind::Quiz(_) | PageKind::LessonQuiz(..) => ("quiz", Vec::new()),
                _ => ("page", Vec::new()),
            };
            SectionView {
                id: format!("p{i}"),
                kind,
                title: p.title.clone(),
                objectives,
                content: doc.map(|d| d.html).unwrap_or_default(),
                quiz,
            }
        })
        .collect();
    for (url, title, trainer) in [
        (HANDOUT_URL, ui.print_handout, false),
        (TRAINER_URL, ui.print_trainer, true),
    ] {
        let mut ctx = Context::new();
        ctx.insert(
            "edition",
            &EditionView {
                title,
                trainer,
                sections: &sections,
            },
        );
        match theme.tera.render("print.html", &ctx) {
            Ok(html) => {
                if let Err(e) = sink.write_file(url, html.as_bytes()) {
                    diags.push(Diagnostic::error(format!("cannot write {url}: {e}")));
                }
            }
            Err(e) => diags.push(theme.error(&e)),
        }
    }
}
