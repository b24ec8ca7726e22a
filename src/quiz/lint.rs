//! Warnings about a quiz whose source order gives answers away.
//!
//! The quiz page shuffles options per attempt, but the print editions and the
//! page without JavaScript show them as written, and `shuffle: false` turns
//! shuffling off. So the written order must carry no signal either: when the
//! correct option sits in one position far more often than chance would put it
//! there, a learner who answers "always A" (or "the first ones") scores without
//! reading.
//!
//! A pattern is reported when it holds in more than half of the questions it
//! could hold in **and** chance alone would produce at least that many in fewer
//! than 1 in 20 quizzes (the exact tail of a Poisson-binomial distribution, as
//! questions have different numbers of options). Both conditions are needed: a
//! quiz with two single-choice questions whose answers are both "B" is not a
//! pattern (1 in 4 by chance), and one with 29 of 29 is.

use super::model::{QuestionKind, Quiz};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::Locations;

/// Below this chance probability a pattern is reported.
const CHANCE: f64 = 0.05;

/// One pattern: how many questions show it, out of how many that could, and
/// the chance of each question showing it if options were placed at random.
struct Pattern {
    hits: usize,
    chances: Vec<f64>,
}

impl Pattern {
    fn new() -> Pattern {
        Pattern {
            hits: 0,
            chances: Vec::new(),
        }
    }

    fn add(&mut self, hit: bool, chance: f64) {
        self.hits += usize::from(hit);
        self.chances.push(chance);
    }

    fn gives_away(&self) -> bool {
        let n = self.chances.len();
        n >= 2 && self.hits * 2 > n && tail(&self.chances, self.hits) < CHANCE
    }
}

/// P(X ≥ k) where X is the number of successes of independent trials with the
/// given success probabilities.
fn tail(p: &[f64], k: usize) -> f64 {
    // dist[j] = P(exactly j successes so far)
    let mut dist = vec![0.0; p.len() + 1];
    dist[0] = 1.0;
    for (i, &pi) in p.iter().enumerate() {
        for j in (0..=i + 1).rev() {
            let stay = dist[j] * (1.0 - pi);
            let from_below = if j > 0 { dist[j - 1] * pi } else { 0.0 };
            dist[j] = stay + from_below;
        }
    }
    dist[k.min(p.len())..].iter().sum()
}

fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

fn ordinal(i: usize) -> String {
    match i {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        4 => "fourth".into(),
        n => format!("{n}th"),
    }
}

const HINT: &str = "mix the order of the options: the print editions, the page without JavaScript \
                    and `shuffle: false` show them as written, so a learner who guesses by position \
                    scores without reading";

/// Warnings for `quiz` (already validated), pointing at its `questions:` line.
pub fn answer_position_warnings(quiz: &Quiz, file: &SourceFile) -> Vec<Diagnostic> {
    let widest = quiz
        .questions
        .iter()
        .filter_map(|q| match &q.kind {
            QuestionKind::Single { options } => Some(options.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    // Single choice: the correct option's position, counted from the start
    // (first, second…) and from the end (last).
    let mut from_start: Vec<Pattern> = (0..widest).map(|_| Pattern::new()).collect();
    let mut last = Pattern::new();
    // Multiple choice: every correct option before every wrong one, or after.
    let mut correct_first = Pattern::new();
    let mut correct_last = Pattern::new();
    for q in &quiz.questions {
        match &q.kind {
            QuestionKind::Single { options } => {
                let k = options.len();
                let Some(at) = options.iter().position(|o| o.correct) else {
                    continue;
                };
                for (j, p) in from_start.iter_mut().enumerate() {
                    let chance = if j < k { 1.0 / k as f64 } else { 0.0 };
                    p.add(at == j, chance);
                }
                last.add(at + 1 == k, 1.0 / k as f64);
            }
            QuestionKind::Multiple { options } => {
                let k = options.len();
                let c = options.iter().filter(|o| o.correct).count();
                if c == 0 || c == k {
                    continue;
                }
                let chance = 1.0 / binomial(k, c);
                correct_first.add(options[..c].iter().all(|o| o.correct), chance);
                correct_last.add(options[k - c..].iter().all(|o| o.correct), chance);
            }
            _ => {}
        }
    }
    let at = |d: Diagnostic| {
        let offset = Locations::index(&file.text).offset("questions").unwrap_or(0);
        d.at_offset(&file.display_path, &file.text, offset)
            .with_hint(HINT)
    };
    let mut out = Vec::new();
    let single = last.chances.len();
    if let Some((j, p)) = from_start.iter().enumerate().find(|(_, p)| p.gives_away()) {
        out.push(at(Diagnostic::warning(format!(
            "the correct option is the {} one in {} of {single} single-choice questions",
            ordinal(j + 1),
            p.hits
        ))));
    } else if last.gives_away() {
        out.push(at(Diagnostic::warning(format!(
            "the correct option is the last one in {} of {single} single-choice questions",
            last.hits
        ))));
    }
    let multiple = correct_first.chances.len();
    for (p, place) in [(&correct_first, "before"), (&correct_last, "after")] {
        if p.gives_away() {
            out.push(at(Diagnostic::warning(format!(
                "every correct option comes {place} every wrong one in {} of {multiple} \
                 multiple-choice questions",
                p.hits
            ))));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_matches_hand_computed_values() {
        // Three questions of four options, all first: (1/4)^3.
        assert!((tail(&[0.25; 3], 3) - 1.0 / 64.0).abs() < 1e-12);
        // Two of three: 3·(1/4)²·(3/4) + (1/4)³ = 10/64.
        assert!((tail(&[0.25; 3], 2) - 10.0 / 64.0).abs() < 1e-12);
        assert!((tail(&[0.5, 0.25], 0) - 1.0).abs() < 1e-12);
        assert!((binomial(5, 2) - 10.0).abs() < 1e-12);
    }
}
