//! Integer rating scales (0–10, 1–5, 1–7, 1–10, ...) and score parsing.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::error::{Location, MetricsError, clip};

/// An inclusive integer scale `min..=max` with `min < max`.
/// At most [`Scale::MAX_POINTS`] points, so a histogram stays small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Scale {
    min: i64,
    max: i64,
}

impl Scale {
    /// Largest number of points a scale may have.
    pub const MAX_POINTS: usize = 1001;
    /// The NPS "likelihood to recommend" scale, 0–10.
    pub const NPS: Scale = Scale { min: 0, max: 10 };
    /// 1–5 (five-point Likert).
    pub const ONE_TO_FIVE: Scale = Scale { min: 1, max: 5 };
    /// 1–7.
    pub const ONE_TO_SEVEN: Scale = Scale { min: 1, max: 7 };
    /// 1–10.
    pub const ONE_TO_TEN: Scale = Scale { min: 1, max: 10 };

    /// A scale from `min` to `max` inclusive.
    pub fn new(min: i64, max: i64) -> Result<Scale, MetricsError> {
        let text = || format!("{min}-{max}");
        if min >= max {
            return Err(MetricsError::InvalidScale {
                text: text(),
                reason: "min must be below max",
            });
        }
        let points = i128::from(max) - i128::from(min) + 1;
        if points > Scale::MAX_POINTS as i128 {
            return Err(MetricsError::InvalidScale {
                text: text(),
                reason: "too many points (at most 1001)",
            });
        }
        Ok(Scale { min, max })
    }

    /// Lowest score.
    pub fn min(&self) -> i64 {
        self.min
    }

    /// Highest score.
    pub fn max(&self) -> i64 {
        self.max
    }

    /// Number of points (`max - min + 1`).
    pub fn points(&self) -> usize {
        // In range by construction (at most MAX_POINTS).
        (self.max - self.min) as usize + 1
    }

    /// Whether `score` lies on the scale.
    pub fn contains(&self, score: i64) -> bool {
        (self.min..=self.max).contains(&score)
    }

    /// Parse one score (see [`parse_score`]).
    pub fn parse_score(&self, text: &str) -> Result<i64, MetricsError> {
        parse_score(text, *self)
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.min, self.max)
    }
}

/// Parses `"1-5"`, `"1–5"` (en dash), `"1—5"`, `"1..5"`, `"1 to 5"`,
/// with optional spaces. Negative bounds need the `..` form (`"-2..2"`).
impl FromStr for Scale {
    type Err = MetricsError;

    fn from_str(s: &str) -> Result<Scale, MetricsError> {
        let bad = |reason| MetricsError::InvalidScale {
            text: clip(s),
            reason,
        };
        let t = s.trim();
        let (a, b) = if let Some(pair) = t.split_once("..") {
            pair
        } else if let Some(pair) = t.split_once(" to ") {
            pair
        } else if let Some(pair) = t.split_once(['–', '—']) {
            pair
        } else if let Some(pair) = t.split_once('-') {
            pair
        } else {
            return Err(bad("expected MIN-MAX, e.g. 1-5"));
        };
        let lo: i64 = a.trim().parse().map_err(|_| bad("bounds must be integers"))?;
        let hi: i64 = b.trim().parse().map_err(|_| bad("bounds must be integers"))?;
        Scale::new(lo, hi).map_err(|_| bad("min must be below max, at most 1001 points"))
    }
}

/// Why a single cell is not a score (internal, allocation-free).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScoreIssue {
    Empty,
    NotANumber,
    NotAnInteger,
    NonFinite,
    OutOfRange,
}

impl ScoreIssue {
    /// Build the public error, copying the offending text only now.
    pub(crate) fn into_error(self, text: &[u8], scale: Scale, at: Location) -> MetricsError {
        let text = clip(String::from_utf8_lossy(trim_ascii(text)).as_ref());
        match self {
            ScoreIssue::Empty => MetricsError::EmptyCell { at },
            ScoreIssue::NotANumber => MetricsError::NotANumber { text, at },
            ScoreIssue::NotAnInteger => MetricsError::NotAnInteger { text, at },
            ScoreIssue::NonFinite => MetricsError::NonFinite { text, at },
            ScoreIssue::OutOfRange => MetricsError::OutOfRange {
                value: text,
                min: scale.min,
                max: scale.max,
                at,
            },
        }
    }
}

pub(crate) fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    b.get(start..end).unwrap_or(&[])
}

/// Full-width forms (U+FF01–U+FF5E: `０`–`９`, `＋`, `－`, `．`, `，`, …) as
/// their ASCII counterparts and the ideographic space U+3000 as a space, the
/// way a Chinese input method types them (`９` → `9`, `７．０` → `7.0`).
/// `None` when `text` has none of them (or is not UTF-8): nothing to change.
pub(crate) fn fold_width(text: &[u8]) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let s = std::str::from_utf8(text).ok()?;
    let wide = |c: char| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}');
    if !s.chars().any(wide) {
        return None;
    }
    Some(
        s.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                // In range: U+FF01..=U+FF5E minus 0xFEE0 is U+0021..=U+007E.
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
    )
}

/// Parse a cell as a score on `scale`. Full-width digits and signs count as
/// their ASCII forms (see [`fold_width`]). Fast path for plain integers;
/// other text goes through `f64` parsing so `7.0` and `1e1` are accepted as
/// the whole numbers they are, while `7.5` is `NotAnInteger`, `NaN`/`inf`
/// are `NonFinite` and anything else is `NotANumber`.
pub(crate) fn parse_score_bytes(cell: &[u8], scale: Scale) -> Result<i64, ScoreIssue> {
    match fold_width(cell) {
        Some(folded) => parse_ascii_score(folded.as_bytes(), scale),
        None => parse_ascii_score(cell, scale),
    }
}

fn parse_ascii_score(cell: &[u8], scale: Scale) -> Result<i64, ScoreIssue> {
    let t = trim_ascii(cell);
    if t.is_empty() {
        return Err(ScoreIssue::Empty);
    }
    let (neg, digits) = match t {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, t),
    };
    if !digits.is_empty() && digits.len() <= 18 && digits.iter().all(u8::is_ascii_digit) {
        let mut v: i64 = 0;
        for d in digits {
            v = v * 10 + i64::from(d - b'0');
        }
        let v = if neg { -v } else { v };
        return if scale.contains(v) {
            Ok(v)
        } else {
            Err(ScoreIssue::OutOfRange)
        };
    }
    let s = std::str::from_utf8(t).map_err(|_| ScoreIssue::NotANumber)?;
    let x: f64 = s.parse().map_err(|_| ScoreIssue::NotANumber)?;
    score_from_f64(x, scale)
}

pub(crate) fn score_from_f64(x: f64, scale: Scale) -> Result<i64, ScoreIssue> {
    if !x.is_finite() {
        return Err(ScoreIssue::NonFinite);
    }
    if x.fract() != 0.0 {
        return Err(ScoreIssue::NotAnInteger);
    }
    // Compare as f64 first so the cast below is exact and in range.
    if x < scale.min as f64 || x > scale.max as f64 {
        return Err(ScoreIssue::OutOfRange);
    }
    Ok(x as i64)
}

/// Parse one textual score on `scale` (surrounding whitespace allowed).
/// Errors carry no location; use [`MetricsError::at`] to add one.
pub fn parse_score(text: &str, scale: Scale) -> Result<i64, MetricsError> {
    parse_score_bytes(text.as_bytes(), scale)
        .map_err(|e| e.into_error(text.as_bytes(), scale, Location::NONE))
}

/// Check a numeric score: must be finite, whole and on the scale.
pub fn score_from_number(x: f64, scale: Scale) -> Result<i64, MetricsError> {
    score_from_f64(x, scale).map_err(|e| e.into_error(format!("{x}").as_bytes(), scale, Location::NONE))
}
