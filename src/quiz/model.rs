//! A validated quiz: what the quiz page, the GIFT export and the schema agree on.

use serde::Serialize;

pub const DEFAULT_PASS_MARK: u8 = 70;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quiz {
    pub title: String,
    /// Percent of questions answered correctly needed to pass.
    pub pass_mark: u8,
    /// Shuffle option order on each attempt (default); a question may opt out.
    pub shuffle: bool,
    /// When the learner is shown the correct answers.
    pub reveal: Reveal,
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
    /// Overrides the quiz's `shuffle` for this question. Not part of the
    /// question's fingerprint: it changes no answer.
    #[serde(skip)]
    pub shuffle: Option<bool>,
    pub kind: QuestionKind,
}

impl Question {
    /// Changes whenever the question changes (its text, options, answers or
    /// type), so a saved answer is only restored into the question it was
    /// given to. 16 hex digits of FNV-1a over the question's JSON.
    pub fn fingerprint(&self) -> String {
        fnv_hex(&serde_json::to_string(self).unwrap_or_default())
    }

    /// Whether this question's options (or matching choices) are shuffled
    /// per attempt. Ordering items never start in the correct order either way.
    pub fn shuffled(&self, quiz_default: bool) -> bool {
        self.shuffle.unwrap_or(quiz_default)
    }
}

/// When a quiz shows the learner the correct answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reveal {
    /// After each submission, beside the learner's answers (default).
    #[default]
    AfterSubmit,
    /// Only after a submission that passes.
    AfterPass,
    /// Never: for tests that are reused.
    Never,
}

impl Reveal {
    pub const NAMES: &'static [&'static str] = &["after-submit", "after-pass", "never"];

    pub fn name(self) -> &'static str {
        match self {
            Reveal::AfterSubmit => "after-submit",
            Reveal::AfterPass => "after-pass",
            Reveal::Never => "never",
        }
    }

    pub fn from_name(name: &str) -> Option<Reveal> {
        match name {
            "after-submit" => Some(Reveal::AfterSubmit),
            "after-pass" => Some(Reveal::AfterPass),
            "never" => Some(Reveal::Never),
            _ => None,
        }
    }
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

/// FNV-1a (64 bit) of `text` as 16 hex digits: stable across builds and platforms.
pub fn fnv_hex(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

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
