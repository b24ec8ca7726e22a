//! Print editions: the whole course as one page, for classroom days. The
//! learner handout has quizzes as blank worksheets; the trainer edition adds
//! the answers, the option feedback and the explanations.

use serde::Serialize;
use tera::Context;

use super::Theme;
use super::documents::{PageData, render_for_print};
use crate::agenda::{self, Slot};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::UiStrings;
use crate::markdown::{BlockInfo, BlockKind, TRAINER_END, TRAINER_START};
use crate::model::Course;
use crate::output::Sink;
use crate::quiz::view::QuizView;
use crate::site::{PageKind, Site};

pub const HANDOUT_URL: &str = "print/handout.html";
pub const TRAINER_URL: &str = "print/trainer.html";
pub const FACILITATOR_URL: &str = "print/facilitator.html";

#[derive(Serialize)]
struct EditionView<'a> {
    title: &'a str,
    trainer: bool,
    sections: &'a [SectionView],
}

#[derive(Serialize, Clone)]
struct SectionView {
    id: String,
    /// `page`, `module`, `lesson`, `quiz` or `scenario`.
    kind: &'static str,
    title: String,
    objectives: Vec<String>,
    content: String,
    quiz: Option<QuizView>,
    scenario: Option<ScenarioPrint>,
}

/// A scenario in print: its situation for everyone, and in the trainer
/// edition the role-play cards pairs use in a workshop.
#[derive(Serialize, Clone)]
struct ScenarioPrint {
    intro_html: Option<String>,
    customer: CardView,
    employee: CardView,
    observer: Vec<String>,
    debrief_questions: Vec<String>,
}

/// One card: whose it is and its labelled lines, in order.
#[derive(Serialize, Clone)]
struct CardView {
    name: String,
    lines: Vec<CardLine>,
}

#[derive(Serialize, Clone)]
struct CardLine {
    label: &'static str,
    text: String,
}

fn scenario_print(
    s: &crate::model::ModuleScenario,
    intro_html: Option<String>,
    t: &crate::i18n::ScenarioStrings,
) -> ScenarioPrint {
    let sc = &s.scenario;
    let role = |you: bool| sc.roles.iter().find(|(k, _)| (k == "you") == you).map(|(_, r)| r);
    let lines = |pairs: Vec<(&'static str, Option<&String>)>| -> Vec<CardLine> {
        pairs
            .into_iter()
            .filter_map(|(label, v)| {
                v.filter(|t| !t.trim().is_empty()).map(|t| CardLine {
                    label,
                    text: t.clone(),
                })
            })
            .collect()
    };
    let c = sc.cards.customer.clone().unwrap_or_default();
    let e = sc.cards.employee.clone().unwrap_or_default();
    let customer = role(false);
    let employee = role(true);
    ScenarioPrint {
        intro_html,
        customer: CardView {
            name: customer.map(|r| r.name.clone()).unwrap_or_default(),
            lines: lines(vec![
                (
                    t.card_situation,
                    c.situation
                        .as_ref()
                        .or(customer.and_then(|r| r.description.as_ref())),
                ),
                (t.card_mood, c.mood.as_ref()),
                (t.card_wants, c.wants.as_ref()),
                (t.card_reacts_well, c.reacts_well.as_ref()),
                (t.card_reacts_poorly, c.reacts_poorly.as_ref()),
            ]),
        },
        employee: CardView {
            name: employee.map(|r| r.name.clone()).unwrap_or_default(),
            lines: lines(vec![
                (
                    t.card_situation,
                    e.situation
                        .as_ref()
                        .or(employee.and_then(|r| r.description.as_ref())),
                ),
                (t.card_goal, e.goal.as_ref()),
            ]),
        },
        observer: sc.cards.observer.clone(),
        debrief_questions: sc.cards.debrief_questions.clone(),
    }
}

/// Writes `print/handout.html`, `print/trainer.html` and
/// `print/facilitator.html`.
pub fn write_editions(
    course: &Course,
    site: &Site,
    theme: &Theme,
    ui: &UiStrings,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    let mut blocks: Vec<(usize, Vec<BlockInfo>)> = Vec::new();
    let sections: Vec<SectionView> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind != PageKind::Home)
        .map(|(i, p)| {
            let (doc, data) = render_for_print(course, site, ui, i);
            let (kind, objectives) = match p.kind {
                PageKind::Module(m) => ("module", course.modules[m].objectives.clone()),
                PageKind::Lesson(..) => ("lesson", Vec::new()),
                PageKind::Quiz(_) | PageKind::LessonQuiz(..) => ("quiz", Vec::new()),
                PageKind::Scenario(..) => ("scenario", Vec::new()),
                _ => ("page", Vec::new()),
            };
            let (quiz, scenario) = match data {
                Some(PageData::Quiz(q)) => (Some(q), None),
                Some(PageData::Scenario(v)) => (
                    None,
                    course
                        .scenario(p.kind)
                        .map(|s| scenario_print(s, v.intro_html, &ui.scenario)),
                ),
                None => (None, None),
            };
            let (content, page_blocks) = doc.map(|d| (d.html, d.blocks)).unwrap_or_default();
            if !page_blocks.is_empty() {
                blocks.push((i, page_blocks));
            }
            SectionView {
                id: format!("p{i}"),
                kind,
                title: p.title.clone(),
                objectives,
                content,
                quiz,
                scenario,
            }
        })
        .collect();
    // The handout is the learners': without the trainer's notes.
    let handout: Vec<SectionView> = sections
        .iter()
        .map(|s| SectionView {
            content: without_trainer_notes(&s.content),
            ..s.clone()
        })
        .collect();
    for (url, title, trainer, sections) in [
        (HANDOUT_URL, ui.print_handout, false, &handout),
        (TRAINER_URL, ui.print_trainer, true, &sections),
    ] {
        let mut ctx = Context::new();
        ctx.insert(
            "edition",
            &EditionView {
                title,
                trainer,
                sections,
            },
        );
        render_to(theme, "print.html", &ctx, url, sink, diags);
    }
    let mut ctx = Context::new();
    ctx.insert("guide", &guide_view(course, site, ui, &blocks));
    render_to(theme, "facilitator.html", &ctx, FACILITATOR_URL, sink, diags);
}

fn render_to(
    theme: &Theme,
    template: &str,
    ctx: &Context,
    url: &str,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    match theme.tera.render(template, ctx) {
        Ok(html) => {
            if let Err(e) = sink.write_file(url, html.as_bytes()) {
                diags.push(Diagnostic::error(format!("cannot write {url}: {e}")));
            }
        }
        Err(e) => diags.push(theme.error(&e)),
    }
}

/// `html` without what lies between the trainer-note markers.
fn without_trainer_notes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(TRAINER_START) {
        out.push_str(&rest[..i]);
        rest = rest[i..]
            .find(TRAINER_END)
            .map_or("", |e| &rest[i + e + TRAINER_END.len()..]);
    }
    out.push_str(rest);
    out
}

#[derive(Serialize)]
struct GuideView {
    totals: Option<String>,
    overflow: Option<String>,
    days: Vec<DayView>,
    modules: Vec<GuideModule>,
}

#[derive(Serialize)]
struct DayView {
    title: String,
    rows: Vec<RowView>,
}

#[derive(Serialize)]
struct RowView {
    start: String,
    end: String,
    /// `lesson`, `quiz` or `pause`.
    kind: &'static str,
    module: String,
    title: String,
    minutes: u32,
}

#[derive(Serialize)]
struct GuideModule {
    id: String,
    title: String,
    objectives: Vec<String>,
    minutes: Option<u32>,
    exercises: Vec<GuideBlock>,
    notes: Vec<GuideBlock>,
}

#[derive(Serialize)]
struct GuideBlock {
    lesson: String,
    title: String,
    minutes: Option<u32>,
    materials: Option<String>,
    html: String,
}

fn guide_view(course: &Course, site: &Site, ui: &UiStrings, blocks: &[(usize, Vec<BlockInfo>)]) -> GuideView {
    let t = &ui.slides;
    let mut view = GuideView {
        totals: None,
        overflow: None,
        days: Vec::new(),
        modules: Vec::new(),
    };
    if let Some(schedule) = &course.config.schedule {
        let a = agenda::plan(&agenda::steps(course), schedule);
        view.totals = Some(
            t.plan_totals
                .replace("{needed}", &a.needed.to_string())
                .replace("{days}", &schedule.days.to_string())
                .replace("{available}", &a.available.to_string()),
        );
        if !a.fits(schedule) {
            view.overflow = Some(
                t.plan_overflow
                    .replace("{over}", &a.needed.saturating_sub(a.available).to_string()),
            );
        }
        for row in &a.rows {
            if view.days.len() < row.day as usize {
                view.days.push(DayView {
                    title: t.day.replace("{n}", &row.day.to_string()),
                    rows: Vec::new(),
                });
            }
            let (kind, module, title) = match row.slot {
                Slot::Lesson(m, l) => (
                    "lesson",
                    course.modules[m].title.clone(),
                    course.modules[m].lessons[l].title.clone(),
                ),
                Slot::LessonQuiz(m, q) => (
                    "quiz",
                    course.modules[m].title.clone(),
                    course.modules[m].lesson_quizzes[q].quiz.title.clone(),
                ),
                Slot::ModuleQuiz(m) => (
                    "quiz",
                    course.modules[m].title.clone(),
                    course.modules[m]
                        .quiz
                        .as_ref()
                        .map_or_else(|| t.quiz.to_string(), |q| q.quiz.title.clone()),
                ),
                Slot::Buffer => ("buffer", String::new(), t.buffer.to_string()),
                Slot::Pause(lunch) => (
                    "pause",
                    String::new(),
                    if lunch { t.lunch } else { t.break_ }.to_string(),
                ),
            };
            let title = if row.continued {
                format!("{title}{}", t.continued)
            } else {
                title
            };
            if let Some(day) = view.days.last_mut() {
                day.rows.push(RowView {
                    start: agenda::hhmm(row.start),
                    end: agenda::hhmm(row.end),
                    kind,
                    module,
                    title,
                    minutes: row.end - row.start,
                });
            }
        }
    }
    for (mi, m) in course.modules.iter().enumerate() {
        let mut g = GuideModule {
            id: format!("m{}", mi + 1),
            title: m.title.clone(),
            objectives: m.objectives.clone(),
            minutes: m.duration_minutes,
            exercises: Vec::new(),
            notes: Vec::new(),
        };
        for (page, page_blocks) in blocks {
            let lesson = match site.pages[*page].kind {
                PageKind::Lesson(pm, _) | PageKind::Module(pm) if pm == mi => site.pages[*page].title.clone(),
                _ => continue,
            };
            for b in page_blocks {
                let gb = GuideBlock {
                    lesson: lesson.clone(),
                    title: b.title.clone(),
                    minutes: b.minutes,
                    materials: b.materials.clone(),
                    html: b.html.clone(),
                };
                match b.kind {
                    BlockKind::Exercise => g.exercises.push(gb),
                    _ => g.notes.push(gb),
                }
            }
        }
        view.modules.push(g);
    }
    view
}
