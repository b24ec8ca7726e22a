//! Built-in quizzes: `quiz.yaml` in a module folder becomes a self-grading quiz page.

mod model;
mod parse;
pub mod view;

pub use model::{Choice, DEFAULT_PASS_MARK, QUESTION_TYPES, Question, QuestionKind, Quiz, normalize_answer};
pub use parse::parse_quiz;

#[cfg(test)]
mod tests;
