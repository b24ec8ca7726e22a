//! The quiz as the quiz page template sees it: Markdown already rendered,
//! items and matches in a scrambled display order, plus the answer key the
//! quiz script reads (JSON, never HTML).

use serde::Serialize;
use serde_json::json;

use super::model::{QuestionKind, Quiz, normalize_answer};

#[derive(Debug, Clone, Serialize)]
pub struct QuizView {
    pub title: String,
    pub pass_mark: u8,
    pub shuffle: bool,
    /// `after-submit`, `after-pass` or `never`.
    pub reveal: &'static str,
    pub version: String,
    pub questions: Vec<QuestionView>,
    /// Answer key for the quiz script, safe to embed in a `<script type="application/json">`.
    pub key_json: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub number: usize,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub prompt_html: String,
    pub explanation_html: Option<String>,
    /// single / multiple
    pub options: Vec<ItemView>,
    /// true-false: feedback shown when the wrong value is chosen.
    pub feedback_html: Option<String>,
    /// ordering: items in display order; matching: right-hand sides in display order.
    pub items: Vec<ItemView>,
    /// matching: left-hand sides in the authored order.
    pub lefts: Vec<String>,
    /// The correct answer, for the answer box shown without JavaScript.
    pub answer_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    /// Index in the authored order (what the answer key refers to).
    pub index: usize,
    pub html: String,
    pub correct: bool,
    pub feedback_html: Option<String>,
}

/// Renders Markdown for a quiz field: (text, inline, field path for messages).
pub type RenderMarkdown<'a> = dyn FnMut(&str, bool, &str) -> String + 'a;

pub fn quiz_view(quiz: &Quiz, md: &mut RenderMarkdown, true_label: &str, false_label: &str) -> QuizView {
    let mut questions = Vec::new();
    let mut key = Vec::new();
    for (qi, q) in quiz.questions.iter().enumerate() {
        let path = format!("questions.{qi}");
        let mut view = QuestionView {
            id: q.id.clone(),
            number: qi + 1,
            kind: q.kind.name(),
            prompt_html: md(&q.prompt, true, &format!("{path}.prompt")),
            explanation_html: q
                .explanation
                .as_ref()
                .map(|e| md(e, false, &format!("{path}.explanation"))),
            options: Vec::new(),
            feedback_html: None,
            items: Vec::new(),
            lefts: Vec::new(),
            answer_html: String::new(),
        };
        let mut entry = match &q.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                view.options = options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| ItemView {
                        index: i,
                        html: md(&o.text, true, &format!("{path}.options.{i}.text")),
                        correct: o.correct,
                        feedback_html: o
                            .feedback
                            .as_ref()
                            .map(|f| md(f, false, &format!("{path}.options.{i}.feedback"))),
                    })
                    .collect();
                view.answer_html = view
                    .options
                    .iter()
                    .filter(|o| o.correct)
                    .map(|o| o.html.clone())
                    .collect::<Vec<_>>()
                    .join("；");
                let correct: Vec<usize> = options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| i)
                    .collect();
                json!({ "id": q.id, "type": q.kind.name(), "correct": correct, "count": options.len() })
            }
            QuestionKind::TrueFalse { answer, feedback } => {
                view.feedback_html = feedback
                    .as_ref()
                    .map(|f| md(f, false, &format!("{path}.feedback")));
                view.answer_html = if *answer { true_label } else { false_label }.to_string();
                json!({ "id": q.id, "type": "true-false", "answer": answer })
            }
            QuestionKind::FillIn { answers } => {
                view.answer_html = answers
                    .iter()
                    .map(|a| crate::html_escape::escape_html(a))
                    .collect::<Vec<_>>()
                    .join(" / ");
                let normalized: Vec<String> = answers.iter().map(|a| normalize_answer(a)).collect();
                json!({ "id": q.id, "type": "fill-in", "answers": normalized })
            }
            QuestionKind::Numeric { answer, tolerance } => {
                view.answer_html = if *tolerance > 0.0 {
                    format!("{}（±{}）", number(*answer), number(*tolerance))
                } else {
                    number(*answer)
                };
                json!({ "id": q.id, "type": "numeric", "answer": answer, "tolerance": tolerance })
            }
            QuestionKind::Ordering { items } => {
                let html: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| md(t, true, &format!("{path}.items.{i}")))
                    .collect();
                view.answer_html = html.iter().map(|h| format!("<li>{h}</li>")).collect::<String>();
                view.items = scrambled(items.len(), &q.id)
                    .into_iter()
                    .map(|i| ItemView {
                        index: i,
                        html: html[i].clone(),
                        correct: false,
                        feedback_html: None,
                    })
                    .collect();
                json!({ "id": q.id, "type": "ordering", "count": items.len() })
            }
            QuestionKind::Matching { pairs } => {
                view.lefts = pairs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| md(&p.0, true, &format!("{path}.pairs.{i}")))
                    .collect();
                let rights: Vec<String> = pairs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| md(&p.1, true, &format!("{path}.pairs.{i}")))
                    .collect();
                view.answer_html = view
                    .lefts
                    .iter()
                    .zip(&rights)
                    .map(|(l, r)| format!("<li>{l} → {r}</li>"))
                    .collect::<String>();
                view.items = scrambled(pairs.len(), &q.id)
                    .into_iter()
                    .map(|i| ItemView {
                        index: i,
                        html: rights[i].clone(),
                        correct: false,
                        feedback_html: None,
                    })
                    .collect();
                json!({ "id": q.id, "type": "matching", "count": pairs.len() })
            }
        };
        entry["fp"] = q.fingerprint().into();
        entry["shuffle"] = q.shuffled(quiz.shuffle).into();
        key.push(entry);
        questions.push(view);
    }
    let key = json!({
        "version": quiz.version,
        "passMark": quiz.pass_mark,
        "reveal": quiz.reveal.name(),
        "questions": key,
    });
    QuizView {
        title: quiz.title.clone(),
        pass_mark: quiz.pass_mark,
        shuffle: quiz.shuffle,
        reveal: quiz.reveal.name(),
        version: quiz.version.clone(),
        questions,
        key_json: script_safe_json(&key),
    }
}

/// What the progress page needs to know of a quiz to read its saved record:
/// the same fields as the quiz page's key, without the answers.
pub fn quiz_meta(quiz: &Quiz) -> serde_json::Value {
    let questions: serde_json::Map<String, serde_json::Value> = quiz
        .questions
        .iter()
        .map(|q| (q.id.clone(), q.fingerprint().into()))
        .collect();
    json!({
        "version": quiz.version,
        "passMark": quiz.pass_mark,
        "questions": questions,
    })
}

/// JSON that cannot close the `<script>` element it is embedded in.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A deterministic order of `0..n` that is never the identity (for n ≥ 2), so a
/// printed page never shows the answer and every build is identical.
pub fn scrambled(n: usize, seed: &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed.bytes().fold(0x9E37_79B9_7F4A_7C15u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if n >= 2 && order.iter().enumerate().all(|(i, &v)| i == v) {
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrambled_is_a_permutation_and_never_identity() {
        for n in 2..8 {
            for seed in ["a", "b", "steps", "moments", "排序"] {
                let o = scrambled(n, seed);
                let mut sorted = o.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                assert!(o.iter().enumerate().any(|(i, &v)| i != v), "{n} {seed}");
                assert_eq!(o, scrambled(n, seed), "deterministic");
            }
        }
    }

    #[test]
    fn json_cannot_break_out_of_a_script_element() {
        let s = script_safe_json(&json!({"a": "</script><b>&"}));
        assert!(!s.contains('<') && !s.contains('>'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["a"], "</script><b>&");
    }
}
