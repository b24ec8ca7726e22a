//! Typed errors. Every error says what was wrong and, where it applies,
//! where: the 0-based `index` of a value in an input slice, or the 1-based
//! `row` (line number in the file) and 1-based `column` of a file cell.

use std::fmt;

use serde::Serialize;

use super::scale::Scale;

/// Where a bad value was found. Fields that do not apply are `None`
/// (serialised as `null`, so the JSON shape is stable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Location {
    /// 0-based position of the value in the input slice.
    pub index: Option<usize>,
    /// 1-based line number in the file (for a multi-line quoted record,
    /// the line where the record starts).
    pub row: Option<usize>,
    /// 1-based column in the file.
    pub column: Option<usize>,
}

impl Location {
    /// No position known.
    pub const NONE: Location = Location {
        index: None,
        row: None,
        column: None,
    };

    /// Position `index` (0-based) in an input slice.
    pub fn index(index: usize) -> Location {
        Location {
            index: Some(index),
            ..Location::NONE
        }
    }

    /// Cell at 1-based `row` and `column` of a file.
    pub fn cell(row: usize, column: usize) -> Location {
        Location {
            index: None,
            row: Some(row),
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(i) = self.index {
            parts.push(format!("index {i}"));
        }
        if let Some(r) = self.row {
            parts.push(format!("row {r}"));
        }
        if let Some(c) = self.column {
            parts.push(format!("column {c}"));
        }
        if parts.is_empty() {
            Ok(())
        } else {
            write!(f, " (at {})", parts.join(", "))
        }
    }
}

/// Everything that can go wrong. Serialised with a `code` tag in snake_case
/// (`out_of_range`, `not_a_number`, ...), which [`MetricsError::code`] also
/// returns; the codes are stable and used by the shared test vectors.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum MetricsError {
    /// No values at all (empty score set, no attributes, no data rows).
    Empty { what: &'static str },
    /// An integer score outside the scale.
    OutOfRange {
        value: String,
        min: i64,
        max: i64,
        at: Location,
    },
    /// Text that is not a number.
    NotANumber { text: String, at: Location },
    /// A finite number that is not a whole number (e.g. 7.5) on an integer scale.
    NotAnInteger { text: String, at: Location },
    /// NaN or ±infinity.
    NonFinite { text: String, at: Location },
    /// An empty cell in the selected column of a non-blank row.
    EmptyCell { at: Location },
    /// A negative weight or importance rating.
    NegativeWeight { value: f64, index: usize },
    /// Weights that sum to zero.
    AllZeroWeights,
    /// Two inputs that must have the same length do not.
    LengthMismatch {
        what: &'static str,
        expected: usize,
        found: usize,
    },
    /// Segment counts larger than the total.
    InconsistentCounts { promoters: u64, detractors: u64, n: u64 },
    /// A scale that cannot be parsed or is not usable.
    InvalidScale { text: String, reason: &'static str },
    /// A histogram on the wrong scale for the metric (NPS needs 0–10).
    WrongScale { expected: Scale, found: Scale },
    /// A count that does not fit in 64 bits.
    Overflow { at: Location },
    /// The named column is not in the header row.
    ColumnNotFound { name: String, available: Vec<String> },
    /// The named column occurs more than once in the header row.
    DuplicateColumn { name: String, columns: Vec<usize> },
    /// Column index 0 (indices are 1-based).
    InvalidColumnIndex { index: usize },
    /// A row with fewer cells than the selected column.
    MissingColumn { at: Location, cells: usize },
    /// No column was selected, but a row has several cells.
    AmbiguousColumns { row: usize, cells: usize },
    /// A quoted field still open at the end of the file.
    UnterminatedQuote { at: Location },
    /// Characters after the closing quote of a field.
    MalformedQuote { at: Location },
    /// Bytes that are not valid in the file's encoding (`UTF-8` or
    /// `GB18030`); `bytes` shows them in hex (at most four).
    InvalidEncoding {
        encoding: String,
        bytes: String,
        at: Location,
    },
    /// Reading failed.
    Io { row: usize, message: String },
}

/// Keep error texts short even if a whole huge line was bad.
pub(crate) fn clip(text: &str) -> String {
    const MAX: usize = 64;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

impl MetricsError {
    /// The stable snake_case code of the variant (same as the JSON `code`).
    pub fn code(&self) -> &'static str {
        match self {
            MetricsError::Empty { .. } => "empty",
            MetricsError::OutOfRange { .. } => "out_of_range",
            MetricsError::NotANumber { .. } => "not_a_number",
            MetricsError::NotAnInteger { .. } => "not_an_integer",
            MetricsError::NonFinite { .. } => "non_finite",
            MetricsError::EmptyCell { .. } => "empty_cell",
            MetricsError::NegativeWeight { .. } => "negative_weight",
            MetricsError::AllZeroWeights => "all_zero_weights",
            MetricsError::LengthMismatch { .. } => "length_mismatch",
            MetricsError::InconsistentCounts { .. } => "inconsistent_counts",
            MetricsError::InvalidScale { .. } => "invalid_scale",
            MetricsError::WrongScale { .. } => "wrong_scale",
            MetricsError::Overflow { .. } => "overflow",
            MetricsError::ColumnNotFound { .. } => "column_not_found",
            MetricsError::DuplicateColumn { .. } => "duplicate_column",
            MetricsError::InvalidColumnIndex { .. } => "invalid_column_index",
            MetricsError::MissingColumn { .. } => "missing_column",
            MetricsError::AmbiguousColumns { .. } => "ambiguous_columns",
            MetricsError::UnterminatedQuote { .. } => "unterminated_quote",
            MetricsError::MalformedQuote { .. } => "malformed_quote",
            MetricsError::InvalidEncoding { .. } => "invalid_encoding",
            MetricsError::Io { .. } => "io",
        }
    }

    /// The location carried by the error, if any. For errors that only know
    /// an index or a row, a `Location` with just that field is returned.
    pub fn location(&self) -> Option<Location> {
        match self {
            MetricsError::OutOfRange { at, .. }
            | MetricsError::NotANumber { at, .. }
            | MetricsError::NotAnInteger { at, .. }
            | MetricsError::NonFinite { at, .. }
            | MetricsError::EmptyCell { at }
            | MetricsError::Overflow { at }
            | MetricsError::MissingColumn { at, .. }
            | MetricsError::UnterminatedQuote { at }
            | MetricsError::MalformedQuote { at }
            | MetricsError::InvalidEncoding { at, .. } => Some(*at),
            MetricsError::NegativeWeight { index, .. } => Some(Location::index(*index)),
            MetricsError::AmbiguousColumns { row, .. } | MetricsError::Io { row, .. } => Some(Location {
                row: Some(*row),
                ..Location::NONE
            }),
            _ => None,
        }
    }

    /// Replace the location of a value error (no-op for other variants).
    pub fn at(mut self, loc: Location) -> MetricsError {
        match &mut self {
            MetricsError::OutOfRange { at, .. }
            | MetricsError::NotANumber { at, .. }
            | MetricsError::NotAnInteger { at, .. }
            | MetricsError::NonFinite { at, .. }
            | MetricsError::EmptyCell { at }
            | MetricsError::Overflow { at }
            | MetricsError::MissingColumn { at, .. }
            | MetricsError::UnterminatedQuote { at }
            | MetricsError::MalformedQuote { at }
            | MetricsError::InvalidEncoding { at, .. } => *at = loc,
            _ => {}
        }
        self
    }
}

impl fmt::Display for MetricsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetricsError::Empty { what } => write!(f, "no {what}: cannot compute a metric"),
            MetricsError::OutOfRange { value, min, max, at } => {
                write!(f, "score {value} is outside the scale {min}–{max}{at}")
            }
            MetricsError::NotANumber { text, at } => write!(f, "{text:?} is not a number{at}"),
            MetricsError::NotAnInteger { text, at } => {
                write!(f, "{text} is not a whole number (the scale is integer){at}")
            }
            MetricsError::NonFinite { text, at } => {
                write!(f, "{text} is not a finite number{at}")
            }
            MetricsError::EmptyCell { at } => write!(f, "empty cell{at}"),
            MetricsError::NegativeWeight { value, index } => {
                write!(f, "weight {value} at index {index} is negative")
            }
            MetricsError::AllZeroWeights => write!(f, "all weights are zero"),
            MetricsError::LengthMismatch {
                what,
                expected,
                found,
            } => write!(f, "{what}: expected {expected} values, found {found}"),
            MetricsError::InconsistentCounts {
                promoters,
                detractors,
                n,
            } => write!(
                f,
                "{promoters} promoters + {detractors} detractors exceed n = {n}"
            ),
            MetricsError::InvalidScale { text, reason } => {
                write!(f, "invalid scale {text:?}: {reason}")
            }
            MetricsError::WrongScale { expected, found } => {
                write!(f, "expected the {expected} scale, got {found}")
            }
            MetricsError::Overflow { at } => write!(f, "count overflows 64 bits{at}"),
            MetricsError::ColumnNotFound { name, available } => write!(
                f,
                "column {name:?} not in the header (columns: {})",
                available.join(", ")
            ),
            MetricsError::DuplicateColumn { name, columns } => {
                write!(f, "column {name:?} occurs more than once: {columns:?}")
            }
            MetricsError::InvalidColumnIndex { index } => {
                write!(f, "column index {index} is invalid (columns are numbered from 1)")
            }
            MetricsError::MissingColumn { at, cells } => {
                write!(f, "row has only {cells} cells{at}")
            }
            MetricsError::AmbiguousColumns { row, cells } => write!(
                f,
                "row {row} has {cells} cells: select a column by name or number"
            ),
            MetricsError::UnterminatedQuote { at } => write!(f, "unterminated quoted field{at}"),
            MetricsError::MalformedQuote { at } => {
                write!(f, "text after the closing quote{at}")
            }
            MetricsError::InvalidEncoding { encoding, bytes, at } => {
                let (noun, verb) = if bytes.contains(' ') {
                    ("bytes", "are")
                } else {
                    ("byte", "is")
                };
                write!(f, "{noun} {bytes} {verb} not valid {encoding}{at}")
            }
            MetricsError::Io { row, message } => write!(f, "read error at row {row}: {message}"),
        }
    }
}

impl std::error::Error for MetricsError {}
