//! Built-in quizzes: `quiz.yaml` in a module folder becomes a self-grading quiz page.

mod lint;
mod model;
mod parse;
pub mod view;

pub use lint::answer_position_warnings;
pub use model::{
    Choice, DEFAULT_PASS_MARK, QUESTION_TYPES, Question, QuestionKind, Quiz, Reveal, fnv_hex,
    normalize_answer,
};
pub use parse::parse_quiz;

#[cfg(test)]
mod tests;
