//! quiz.yaml → [`Quiz`]. The file is read as loosely typed fields first, then
//! every rule is checked and every problem reported with its line.

use std::collections::HashSet;

use serde::Deserialize;

use super::model::{
    Choice, DEFAULT_PASS_MARK, QUESTION_TYPES, Question, QuestionKind, Quiz, Reveal, fnv_hex,
};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::{self, Locations, Scalar};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    title: String,
    #[serde(default)]
    pass_mark: Option<f64>,
    #[serde(default)]
    shuffle: Option<bool>,
    #[serde(default)]
    reveal: Option<String>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    prompt: Option<String>,
    explanation: Option<String>,
    options: Option<Vec<RawChoice>>,
    answers: Option<Vec<Scalar>>,
    answer: Option<Scalar>,
    tolerance: Option<f64>,
    items: Option<Vec<Scalar>>,
    pairs: Option<Vec<Vec<Scalar>>>,
    feedback: Option<String>,
    shuffle: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: Scalar,
    #[serde(default)]
    correct: bool,
    feedback: Option<String>,
}

/// Which fields each question type uses (besides id, type, prompt, explanation).
fn fields_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "single" | "multiple" => &["options", "shuffle"],
        "true-false" => &["answer", "feedback"],
        "fill-in" => &["answers"],
        "numeric" => &["answer", "tolerance"],
        "ordering" => &["items", "shuffle"],
        "matching" => &["pairs", "shuffle"],
        _ => &[],
    }
}

/// Problems of one quiz reported in full; the rest are counted. Each report
/// finds its line in the whole file, so tens of thousands of them (a
/// generated quiz gone wrong) took minutes, and no one reads past the first.
const MAX_REPORTED: usize = 100;

struct Checker<'a> {
    file: &'a SourceFile,
    loc: Locations,
    errors: Vec<Diagnostic>,
    /// Every problem found, reported or not.
    problems: usize,
}

impl Checker<'_> {
    fn error(&mut self, path: &str, message: String, hint: Option<&str>) {
        self.problems += 1;
        if self.problems > MAX_REPORTED {
            return;
        }
        let offset = self.loc.offset(path).unwrap_or(0);
        let d = Diagnostic::error(message).at_offset(&self.file.display_path, &self.file.text, offset);
        self.errors.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }
}

/// Parses and validates a quiz file; returns every problem found.
pub fn parse_quiz(file: &SourceFile) -> Result<Quiz, Vec<Diagnostic>> {
    let raw: RawQuiz = yaml::parse(file, &file.text, 0).map_err(|d| vec![d])?;
    let mut c = Checker {
        file,
        loc: Locations::index(&file.text),
        errors: Vec::new(),
        problems: 0,
    };
    let pass_mark = match raw.pass_mark {
        None => DEFAULT_PASS_MARK,
        Some(p) if (0.0..=100.0).contains(&p) && p.fract() == 0.0 => p as u8,
        Some(p) => {
            c.error(
                "pass_mark",
                format!("pass_mark {p} is not a whole number from 0 to 100"),
                None,
            );
            DEFAULT_PASS_MARK
        }
    };
    if raw.title.trim().is_empty() {
        c.error("title", "quiz title is empty".into(), None);
    }
    let reveal = match raw.reveal.as_deref() {
        None => Reveal::default(),
        Some(name) => Reveal::from_name(name.trim()).unwrap_or_else(|| {
            c.error(
                "reveal",
                format!("unknown reveal setting `{name}`"),
                Some(&format!("reveal is one of: {}", Reveal::NAMES.join(", "))),
            );
            Reveal::default()
        }),
    };
    if raw.questions.is_empty() {
        c.error(
            "questions",
            "quiz has no questions".into(),
            Some("add a `questions:` list"),
        );
    }
    let mut ids = HashSet::new();
    let mut questions = Vec::new();
    for (i, q) in raw.questions.into_iter().enumerate() {
        let path = format!("questions.{i}");
        if let Some(id) = &q.id
            && !ids.insert(id.clone())
        {
            c.error(
                &format!("{path}.id"),
                format!("duplicate question id `{id}`"),
                Some("ids must be unique in the quiz"),
            );
        }
        if let Some(question) = check_question(&mut c, &path, q) {
            questions.push(question);
        }
    }
    if c.problems > MAX_REPORTED {
        let offset = c.loc.offset("questions").unwrap_or(0);
        c.errors.push(
            Diagnostic::error(format!(
                "{} more problems in this quiz are not shown",
                c.problems - MAX_REPORTED
            ))
            .at_offset(&file.display_path, &file.text, offset)
            .with_hint("fix the problems above and build again"),
        );
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    let version = version_of(&questions);
    Ok(Quiz {
        title: raw.title,
        pass_mark,
        shuffle: raw.shuffle.unwrap_or(true),
        reveal,
        questions,
        version,
    })
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

fn check_question(c: &mut Checker, path: &str, q: RawQuestion) -> Option<Question> {
    let before = c.problems;
    let id = q.id.clone().unwrap_or_default();
    if q.id.is_none() {
        c.error(
            path,
            "question has no `id`".into(),
            Some("add `id: a-kebab-case-name`"),
        );
    } else if !is_kebab(&id) {
        c.error(
            &format!("{path}.id"),
            format!("id `{id}` is not kebab-case"),
            Some("use lower-case letters, digits and `-`"),
        );
    }
    let prompt = q.prompt.clone().unwrap_or_default();
    if prompt.trim().is_empty() {
        c.error(path, "question has no `prompt`".into(), None);
    }
    let Some(kind) = q.kind.clone() else {
        c.error(path, "question has no `type`".into(), Some(&type_hint()));
        return None;
    };
    if !QUESTION_TYPES.contains(&kind.as_str()) {
        c.error(
            &format!("{path}.type"),
            format!("unknown question type `{kind}`"),
            Some(&type_hint()),
        );
        return None;
    }
    let present = [
        ("options", q.options.is_some()),
        ("answers", q.answers.is_some()),
        ("answer", q.answer.is_some()),
        ("tolerance", q.tolerance.is_some()),
        ("items", q.items.is_some()),
        ("pairs", q.pairs.is_some()),
        ("feedback", q.feedback.is_some()),
        ("shuffle", q.shuffle.is_some()),
    ];
    for (field, is_set) in present {
        if is_set && !fields_of(&kind).contains(&field) {
            c.error(
                &format!("{path}.{field}"),
                format!("`{field}` is not used by {kind} questions"),
                Some(&format!("{kind} questions use: {}", fields_of(&kind).join(", "))),
            );
        }
    }
    let explanation = q.explanation.clone();
    let shuffle = q.shuffle;
    if explanation.as_deref().is_some_and(|e| e.trim().is_empty()) {
        c.error(
            &format!("{path}.explanation"),
            "explanation is empty".into(),
            None,
        );
    }
    let kind = check_kind(c, path, &kind, q)?;
    (c.problems == before).then_some(Question {
        id,
        prompt,
        explanation,
        shuffle,
        kind,
    })
}

fn type_hint() -> String {
    format!("type is one of: {}", QUESTION_TYPES.join(", "))
}

fn check_kind(c: &mut Checker, path: &str, kind: &str, q: RawQuestion) -> Option<QuestionKind> {
    let kind = match kind {
        "single" | "multiple" => {
            let Some(raw) = q.options else {
                c.error(path, format!("{kind} question has no `options`"), None);
                return None;
            };
            if raw.len() < 2 {
                c.error(
                    &format!("{path}.options"),
                    "a question needs at least 2 options".into(),
                    None,
                );
            }
            let options: Vec<Choice> = raw
                .into_iter()
                .map(|o| Choice {
                    text: o.text.text(),
                    correct: o.correct,
                    feedback: o.feedback,
                })
                .collect();
            let correct = options.iter().filter(|o| o.correct).count();
            if kind == "single" && correct != 1 {
                c.error(
                    &format!("{path}.options"),
                    format!("single-choice question has {correct} correct options; it needs exactly 1"),
                    Some("mark one option `correct: true`, or use `type: multiple`"),
                );
            }
            if kind == "multiple" && correct == 0 {
                c.error(
                    &format!("{path}.options"),
                    "multiple-choice question has no correct option".into(),
                    None,
                );
            }
            unique(
                c,
                &format!("{path}.options"),
                options.iter().map(|o| o.text.clone()),
                "option",
            );
            if kind == "single" {
                QuestionKind::Single { options }
            } else {
                QuestionKind::Multiple { options }
            }
        }
        "true-false" => match q.answer {
            Some(Scalar::Bool(answer)) => QuestionKind::TrueFalse {
                answer,
                feedback: q.feedback,
            },
            _ => {
                c.error(
                    &format!("{path}.answer"),
                    "true-false question needs `answer: true` or `answer: false`".into(),
                    None,
                );
                return None;
            }
        },
        "fill-in" => {
            let answers: Vec<String> = q.answers.unwrap_or_default().iter().map(Scalar::text).collect();
            if answers.iter().all(|a| a.trim().is_empty()) {
                c.error(
                    path,
                    "fill-in question has no `answers`".into(),
                    Some("list the accepted answers: answers: [\"5\", \"五\"]"),
                );
            }
            QuestionKind::FillIn { answers }
        }
        "numeric" => {
            let answer = match q.answer {
                Some(Scalar::Int(i)) => i as f64,
                Some(Scalar::Float(f)) if f.is_finite() => f,
                Some(other) => {
                    c.error(
                        &format!("{path}.answer"),
                        format!("numeric answer `{}` is not a number", other.text()),
                        None,
                    );
                    return None;
                }
                None => {
                    c.error(path, "numeric question has no `answer`".into(), None);
                    return None;
                }
            };
            let tolerance = q.tolerance.unwrap_or(0.0);
            if !(tolerance >= 0.0 && tolerance.is_finite()) {
                c.error(
                    &format!("{path}.tolerance"),
                    "tolerance must be a number ≥ 0".into(),
                    None,
                );
            }
            QuestionKind::Numeric { answer, tolerance }
        }
        "ordering" => {
            let items: Vec<String> = q.items.unwrap_or_default().iter().map(Scalar::text).collect();
            if items.len() < 2 {
                c.error(
                    &format!("{path}.items"),
                    "ordering question needs at least 2 items".into(),
                    None,
                );
            }
            unique(c, &format!("{path}.items"), items.iter().cloned(), "item");
            QuestionKind::Ordering { items }
        }
        "matching" => {
            let mut pairs = Vec::new();
            for (i, p) in q.pairs.unwrap_or_default().into_iter().enumerate() {
                match p.as_slice() {
                    [l, r] => pairs.push((l.text(), r.text())),
                    _ => c.error(
                        &format!("{path}.pairs.{i}"),
                        "a pair must have exactly 2 entries: [left, right]".into(),
                        None,
                    ),
                }
            }
            if pairs.len() < 2 {
                c.error(
                    &format!("{path}.pairs"),
                    "matching question needs at least 2 pairs".into(),
                    None,
                );
            }
            unique(
                c,
                &format!("{path}.pairs"),
                pairs.iter().map(|p| p.0.clone()),
                "left side",
            );
            unique(
                c,
                &format!("{path}.pairs"),
                pairs.iter().map(|p| p.1.clone()),
                "right side",
            );
            QuestionKind::Matching { pairs }
        }
        _ => return None,
    };
    Some(kind)
}

fn unique(c: &mut Checker, path: &str, values: impl Iterator<Item = String>, what: &str) {
    let mut seen = HashSet::new();
    for v in values {
        if !seen.insert(v.clone()) {
            c.error(path, format!("{what} `{v}` appears twice"), None);
        }
    }
}

/// FNV-1a over the canonical JSON of the questions: stable across builds.
fn version_of(questions: &[Question]) -> String {
    fnv_hex(&serde_json::to_string(questions).unwrap_or_default())
}
