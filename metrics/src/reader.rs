//! Streaming survey-file reader: scores go straight into a [`Histogram`],
//! nothing is stored per row, and the line buffer is reused.
//!
//! Accepted input: UTF-8 (a leading BOM is skipped) or GB18030/GBK (see
//! the `encoding` module; [`read_scores_with`] chooses), `\n` or `\r\n`
//! line ends, comma-separated cells with RFC 4180 quoting (see the `csv`
//! module; a quoted cell may span lines), blank or whitespace-only lines
//! (skipped), and spaces around cells (trimmed). Scores may be typed with
//! full-width digits and signs (`９`, `－１`, `７．０`) and ideographic spaces.
//!
//! Column selection:
//! * `None`: one score per line, or a CSV with a header row and a single
//!   column. Every non-blank row must have exactly one cell
//!   (otherwise `AmbiguousColumns`).
//! * `Some(Column::Name(..))`: the first non-blank row is the header; the
//!   column whose trimmed name equals the given name (exactly, once).
//! * `Some(Column::Index(k))`: the k-th column, 1-based.
//!
//! Header detection for `None` and `Index`: the first non-blank row is a
//! header if and only if its selected cell is not a number (so `score` is
//! a header; `7`, `7.5` or `11` are data and are checked as scores).
//!
//! Errors name the 1-based line number (`row`; for a record spanning lines,
//! the line it starts on) and the 1-based `column`. Empty cells in the
//! selected column of a non-blank row are errors, never skipped.

use std::io::BufRead;

use serde::Serialize;

use super::csv::{CellError, RawCell, cells};
use super::encoding::{Decoder, Encoding};
use super::error::{Location, MetricsError};
use super::histogram::Histogram;
use super::scale::{Scale, ScoreIssue, parse_score_bytes, trim_ascii};

/// Which column holds the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column<'a> {
    /// Header name (matched after trimming surrounding spaces).
    Name(&'a str),
    /// 1-based column number.
    Index(usize),
}

impl<'a> From<&'a str> for Column<'a> {
    fn from(name: &'a str) -> Column<'a> {
        Column::Name(name)
    }
}

impl From<usize> for Column<'_> {
    fn from(index: usize) -> Self {
        Column::Index(index)
    }
}

/// Result of reading a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadSummary {
    /// Counts per score.
    pub histogram: Histogram,
    /// The header cell of the selected column, if the file has a header.
    pub header: Option<String>,
    /// 1-based selected column.
    pub column: usize,
    /// Data rows counted (= `histogram.total()`).
    pub rows: u64,
    /// Blank lines skipped.
    pub blank_lines: u64,
    /// Lines read in total.
    pub lines: usize,
    /// The encoding the file was read in (`utf-8` or `gb18030`, never `auto`).
    pub encoding: Encoding,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads one record (possibly several lines) into `buf`.
struct Records<R> {
    reader: R,
    line: usize,
    decoder: Decoder,
}

impl<R: BufRead> Records<R> {
    /// Read the next physical line, without its terminator, appending to
    /// `buf`. Returns false at end of input.
    fn read_line(&mut self, buf: &mut Vec<u8>) -> Result<bool, MetricsError> {
        let start = buf.len();
        let n = self.reader.read_until(b'\n', buf).map_err(|e| MetricsError::Io {
            row: self.line + 1,
            message: e.to_string(),
        })?;
        if n == 0 {
            return Ok(false);
        }
        self.line += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        if self.line == 1 && buf.get(start..start + 3) == Some(BOM) {
            buf.drain(start..start + 3);
        }
        Ok(true)
    }

    /// Next non-blank record: `Some(first_line_number)` or `None` at EOF.
    /// Continues over line ends inside quoted cells.
    fn next_record(&mut self, buf: &mut Vec<u8>, blanks: &mut u64) -> Result<Option<usize>, MetricsError> {
        loop {
            buf.clear();
            if !self.read_line(buf)? {
                return Ok(None);
            }
            if trim_ascii(buf).is_empty() {
                *blanks += 1;
                continue;
            }
            let row = self.line;
            loop {
                match cells(buf).find_map(|c| c.err()) {
                    Some(CellError::Open { cell }) => {
                        buf.push(b'\n');
                        if !self.read_line(buf)? {
                            return Err(MetricsError::UnterminatedQuote {
                                at: Location::cell(row, cell + 1),
                            });
                        }
                    }
                    Some(CellError::Malformed { cell }) => {
                        return Err(MetricsError::MalformedQuote {
                            at: Location::cell(row, cell + 1),
                        });
                    }
                    None => {
                        self.decoder.decode(buf, row)?;
                        return Ok(Some(row));
                    }
                }
            }
        }
    }
}

/// The selected cell (0-based `col`) and the record's cell count. The
/// record is known to be well-formed (checked by `next_record`).
fn pick(rec: &[u8], col: usize) -> (Option<RawCell<'_>>, usize) {
    let mut found = None;
    let mut count = 0;
    for (i, c) in cells(rec).enumerate() {
        if let Ok(c) = c
            && i == col
        {
            found = Some(c);
        }
        count = i + 1;
    }
    (found, count)
}

fn header_names(rec: &[u8]) -> Vec<String> {
    let mut scratch = Vec::new();
    cells(rec)
        .flatten()
        .map(|c| String::from_utf8_lossy(trim_ascii(c.text(&mut scratch))).into_owned())
        .collect()
}

/// Stream the scores of UTF-8 `reader` into a histogram on `scale`.
/// See the module documentation for the accepted format and the column
/// rules. A file without any data row is an `Empty` error; bytes that are
/// not UTF-8 are an `InvalidEncoding` error at their row and column.
pub fn read_scores<R: BufRead>(
    reader: R,
    column: Option<Column<'_>>,
    scale: Scale,
) -> Result<ReadSummary, MetricsError> {
    read_scores_with(reader, column, scale, Encoding::Utf8)
}

/// [`read_scores`] in the given encoding. `Encoding::Auto` reads the whole
/// input into memory first to see whether it is valid UTF-8; for a large
/// file, resolve it with [`Encoding::detect`] in a first pass instead.
pub fn read_scores_with<R: BufRead>(
    mut reader: R,
    column: Option<Column<'_>>,
    scale: Scale,
    encoding: Encoding,
) -> Result<ReadSummary, MetricsError> {
    if encoding == Encoding::Auto {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(|e| MetricsError::Io {
            row: 1,
            message: e.to_string(),
        })?;
        let detected = Encoding::detect_bytes(&bytes);
        return read_scores_with(bytes.as_slice(), column, scale, detected);
    }
    let mut records = Records {
        reader,
        line: 0,
        decoder: Decoder::new(encoding),
    };
    let mut buf: Vec<u8> = Vec::with_capacity(256);
    let mut scratch: Vec<u8> = Vec::with_capacity(64);
    let mut hist = Histogram::new(scale);
    let mut blank_lines = 0;
    let mut header = None;

    let Some(first_row) = records.next_record(&mut buf, &mut blank_lines)? else {
        return Err(MetricsError::Empty { what: "data rows" });
    };
    // Resolve the column (0-based) and whether the first record is a header.
    let (col, first_is_header) = match column {
        Some(Column::Name(name)) => {
            let names = header_names(&buf);
            let wanted = name.trim();
            let hits: Vec<usize> = names
                .iter()
                .enumerate()
                .filter(|(_, n)| n.as_str() == wanted)
                .map(|(i, _)| i)
                .collect();
            match hits.as_slice() {
                [] => {
                    return Err(MetricsError::ColumnNotFound {
                        name: name.to_string(),
                        available: names,
                    });
                }
                [one] => (*one, true),
                many => {
                    return Err(MetricsError::DuplicateColumn {
                        name: name.to_string(),
                        columns: many.iter().map(|i| i + 1).collect(),
                    });
                }
            }
        }
        Some(Column::Index(0)) => return Err(MetricsError::InvalidColumnIndex { index: 0 }),
        Some(Column::Index(k)) => (k - 1, looks_like_header(&buf, k - 1, &mut scratch)),
        None => (0, looks_like_header(&buf, 0, &mut scratch)),
    };
    let single = column.is_none();
    let mut row = first_row;
    if first_is_header {
        let (cell, count) = pick(&buf, col);
        check_cells(single, row, col, count)?;
        header = cell.map(|c| String::from_utf8_lossy(trim_ascii(c.text(&mut scratch))).into_owned());
    }
    let mut pending = !first_is_header;
    loop {
        if !pending {
            match records.next_record(&mut buf, &mut blank_lines)? {
                Some(r) => row = r,
                None => break,
            }
        }
        pending = false;
        let (cell, count) = pick(&buf, col);
        check_cells(single, row, col, count)?;
        let at = Location::cell(row, col + 1);
        let Some(cell) = cell else {
            return Err(MetricsError::MissingColumn { at, cells: count });
        };
        let text = cell.text(&mut scratch);
        let score = parse_score_bytes(text, scale).map_err(|e| e.into_error(text, scale, at))?;
        hist.add(score).map_err(|e| e.at(at))?;
    }
    if hist.is_empty() {
        return Err(MetricsError::Empty { what: "data rows" });
    }
    Ok(ReadSummary {
        rows: hist.total(),
        histogram: hist,
        header,
        column: col + 1,
        blank_lines,
        lines: records.line,
        encoding,
    })
}

fn check_cells(single: bool, row: usize, col: usize, count: usize) -> Result<(), MetricsError> {
    if single && count != 1 {
        return Err(MetricsError::AmbiguousColumns { row, cells: count });
    }
    if count <= col {
        return Err(MetricsError::MissingColumn {
            at: Location::cell(row, col + 1),
            cells: count,
        });
    }
    Ok(())
}

/// The header rule: the selected cell exists and is not a number.
fn looks_like_header(rec: &[u8], col: usize, scratch: &mut Vec<u8>) -> bool {
    match pick(rec, col).0 {
        Some(c) => parse_score_bytes(c.text(scratch), Scale::NPS) == Err(ScoreIssue::NotANumber),
        None => false,
    }
}
