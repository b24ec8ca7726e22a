//! Moodle GIFT question bank: one category per module holding its quiz's
//! questions, and one inside it per quiz placed among the lessons. Prompts
//! keep their Markdown (`[markdown]`), explanations become general feedback. GIFT has no ordering type, so an ordering question becomes a
//! matching question that pairs each position with its item.

use crate::model::Course;
use crate::quiz::{Question, QuestionKind};

/// The whole course's questions as a GIFT text.
pub fn course_to_gift(course: &Course) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "// {} — exported by coursegen\n\n",
        one_line(&course.config.title)
    ));
    for m in &course.modules {
        for q in m.quizzes() {
            // The module quiz fills the module's category; a quiz among the
            // lessons has a category of its own inside it.
            let mut name = format!("{}/{}", category(&course.config.title), category(&m.title));
            if q.among_lessons() {
                name = format!("{name}/{}", category(&q.quiz.title));
            }
            out.push_str(&format!("$CATEGORY: $course$/{name}\n\n"));
            for question in &q.quiz.questions {
                out.push_str(&question_to_gift(question));
                out.push('\n');
            }
        }
    }
    out
}

pub fn question_to_gift(q: &Question) -> String {
    let body = match &q.kind {
        QuestionKind::Single { options } => options
            .iter()
            .map(|o| {
                let mark = if o.correct { '=' } else { '~' };
                format!("\t{mark}{}{}\n", escape(&o.text), feedback(o.feedback.as_deref()))
            })
            .collect::<String>(),
        QuestionKind::Multiple { options } => {
            let right = options.iter().filter(|o| o.correct).count().max(1);
            let wrong = (options.len() - right).max(1);
            options
                .iter()
                .map(|o| {
                    let weight = if o.correct {
                        100.0 / right as f64
                    } else {
                        -100.0 / wrong as f64
                    };
                    format!(
                        "\t~%{}%{}{}\n",
                        weight_text(weight),
                        escape(&o.text),
                        feedback(o.feedback.as_deref())
                    )
                })
                .collect()
        }
        QuestionKind::TrueFalse { answer, feedback: fb } => {
            let word = if *answer { "TRUE" } else { "FALSE" };
            match fb {
                Some(f) => format!("{word}#{}", escape(f)),
                None => word.to_string(),
            }
        }
        QuestionKind::FillIn { answers } => answers.iter().map(|a| format!("\t={}\n", escape(a))).collect(),
        QuestionKind::Numeric { answer, tolerance } => format!("#{answer}:{tolerance}"),
        QuestionKind::Ordering { items } => items
            .iter()
            .enumerate()
            .map(|(i, it)| format!("\t={} -> {}\n", i + 1, escape(it)))
            .collect(),
        QuestionKind::Matching { pairs } => pairs
            .iter()
            .map(|(l, r)| format!("\t={} -> {}\n", escape(l), escape(r)))
            .collect(),
    };
    let general = q
        .explanation
        .as_deref()
        .map(|e| format!("\t####{}\n", escape(e)))
        .unwrap_or_default();
    let inline = matches!(
        q.kind,
        QuestionKind::TrueFalse { .. } | QuestionKind::Numeric { .. }
    );
    let body = if inline {
        if general.is_empty() {
            body
        } else {
            format!("{body}\n{general}")
        }
    } else {
        format!("\n{body}{general}")
    };
    format!(
        "::{}::[markdown]{}{{{}}}\n",
        escape(&q.id),
        escape(&q.prompt),
        body
    )
}

fn feedback(f: Option<&str>) -> String {
    f.map(|f| format!("#{}", escape(f))).unwrap_or_default()
}

fn weight_text(w: f64) -> String {
    let s = format!("{w:.5}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// GIFT's special characters are escaped with a backslash; line breaks become `\n`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Category names separate levels with `/`, so a `/` inside a title is replaced.
fn category(s: &str) -> String {
    one_line(s).replace('/', "／")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::Choice;

    fn q(kind: QuestionKind) -> Question {
        Question {
            id: "q-1".into(),
            prompt: "提示: 问题?".into(),
            explanation: Some("见 {第一课}".into()),
            shuffle: None,
            kind,
        }
    }

    fn choice(text: &str, correct: bool, feedback: Option<&str>) -> Choice {
        Choice {
            text: text.into(),
            correct,
            feedback: feedback.map(String::from),
        }
    }

    #[test]
    fn single_choice_marks_the_right_answer_and_feedback() {
        let g = question_to_gift(&q(QuestionKind::Single {
            options: vec![choice("对=1", true, None), choice("错", false, Some("因为#2"))],
        }));
        assert_eq!(
            g,
            "::q-1::[markdown]提示\\: 问题?{\n\t=对\\=1\n\t~错#因为\\#2\n\t####见 \\{第一课\\}\n}\n"
        );
    }

    #[test]
    fn multiple_choice_weights_sum_to_100() {
        let g = question_to_gift(&q(QuestionKind::Multiple {
            options: vec![
                choice("a", true, None),
                choice("b", true, None),
                choice("c", true, None),
                choice("d", false, None),
            ],
        }));
        assert_eq!(g.matches("~%33.33333%").count(), 3, "{g}");
        assert!(g.contains("~%-100%d"), "{g}");
    }

    #[test]
    fn true_false_numeric_fill_in() {
        let tf = question_to_gift(&q(QuestionKind::TrueFalse {
            answer: true,
            feedback: Some("再想想".into()),
        }));
        assert!(tf.contains("{TRUE#再想想\n\t####"), "{tf}");
        let num = question_to_gift(&q(QuestionKind::Numeric {
            answer: 30.0,
            tolerance: 0.5,
        }));
        assert!(num.contains("{#30:0.5\n"), "{num}");
        let fill = question_to_gift(&q(QuestionKind::FillIn {
            answers: vec!["5".into(), "五".into()],
        }));
        assert!(fill.contains("{\n\t=5\n\t=五\n"), "{fill}");
    }

    #[test]
    fn ordering_and_matching_become_pairs() {
        let ord = question_to_gift(&q(QuestionKind::Ordering {
            items: vec!["甲".into(), "乙".into()],
        }));
        assert!(ord.contains("\t=1 -> 甲\n\t=2 -> 乙\n"), "{ord}");
        let m = question_to_gift(&q(QuestionKind::Matching {
            pairs: vec![("开场".into(), "首次接触".into()), ("结尾".into(), "告别".into())],
        }));
        assert!(m.contains("\t=开场 -> 首次接触\n\t=结尾 -> 告别\n"), "{m}");
    }
}
