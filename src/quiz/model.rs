//! A validated quiz: what the quiz page, the GIFT export and the schema agree on.

use serde::Serialize;

pub const DEFAULT_PASS_MARK: u8 = 70;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quiz {
    pub title: String,
    /// Percent of questions answered correctly needed to pass.
    pub pass_mark: u8,
    pub shuffle: bool,
    pub questions: Vec<Question>,
    /// Changes whenever the questions change, so saved answers of an older
    /// version are never loaded into different questions.
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Unique in the quiz, kebab-case.
    pub id: String,
    /// Inline Markdown.
    pub prompt: String,
    /// Markdown shown once the answer is checked.
    pub explanation: Option<String>,
    pub kind: QuestionKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum QuestionKind {
    /// Exactly one option is correct.
    Single {
        options: Vec<Choice>,
    },
    /// One or more options are correct; all of them must be chosen.
    Multiple {
        options: Vec<Choice>,
    },
    TrueFalse {
        answer: bool,
        /// Shown when the learner picks the wrong value.
        feedback: Option<String>,
    },
    /// Accepted answers; matching ignores case, surrounding space and
    /// full-width/half-width differences.
    FillIn {
        answers: Vec<String>,
    },
    Numeric {
        answer: f64,
        tolerance: f64,
    },
    /// Items in the correct order.
    Ordering {
        items: Vec<String>,
    },
    /// (left, right) pairs that belong together.
    Matching {
        pairs: Vec<(String, String)>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// Inline Markdown.
    pub text: String,
    pub correct: bool,
    /// Markdown shown when this option was chosen.
    pub feedback: Option<String>,
}

impl QuestionKind {
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multiple { .. } => "multiple",
            QuestionKind::TrueFalse { .. } => "true-false",
            QuestionKind::FillIn { .. } => "fill-in",
            QuestionKind::Numeric { .. } => "numeric",
            QuestionKind::Ordering { .. } => "ordering",
            QuestionKind::Matching { .. } => "matching",
        }
    }
}

pub const QUESTION_TYPES: &[&str] = &[
    "single",
    "multiple",
    "true-false",
    "fill-in",
    "numeric",
    "ordering",
    "matching",
];

/// Normalises a typed answer for comparison: full-width ASCII forms become
/// half-width, the ideographic space becomes a space, case is folded and
/// surrounding/repeated spaces are dropped. The quiz script applies the same rule.
pub fn normalize_answer(s: &str) -> String {
    let half: String = s
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    half.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_normalise_width_case_and_space() {
        assert_eq!(normalize_answer("  ＳＥＲＶＱＵＡＬ　模型 "), "servqual 模型");
        assert_eq!(normalize_answer("５"), "5");
        assert_eq!(normalize_answer("Net  Promoter"), "net promoter");
    }
}
