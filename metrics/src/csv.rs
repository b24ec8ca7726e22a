//! Minimal allocation-free RFC 4180 cell scanner for one record.
//!
//! Cells are separated by `,`. A cell may be quoted with `"`; inside quotes
//! `""` is a literal quote and commas/newlines are literal. Spaces or tabs
//! are allowed before an opening and after a closing quote (surrounding
//! spaces of unquoted cells are kept here and trimmed by the caller). Any
//! other text after a closing quote is malformed. A `"` inside an unquoted
//! cell is kept literally.

/// Why a record could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellError {
    /// A quoted cell is still open at the end of the record: the record
    /// continues on the next line (or the file is malformed if none).
    Open { cell: usize },
    /// Text after the closing quote of cell `cell` (0-based).
    Malformed { cell: usize },
}

/// One cell as it appears in the record (quotes removed, `""` not yet
/// unescaped).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawCell<'a> {
    bytes: &'a [u8],
    escaped: bool,
    /// Offset in the record just after the cell's text (its closing quote,
    /// separating comma or the record's end).
    end: usize,
}

impl<'a> RawCell<'a> {
    /// Offset in the record just after the cell's text.
    pub(crate) fn end(&self) -> usize {
        self.end
    }

    /// The cell's text: borrowed when possible, otherwise unescaped into
    /// `scratch` (which is reused, so no allocation in steady state).
    pub(crate) fn text<'b>(&self, scratch: &'b mut Vec<u8>) -> &'b [u8]
    where
        'a: 'b,
    {
        if !self.escaped {
            return self.bytes;
        }
        scratch.clear();
        let mut prev_quote = false;
        for &b in self.bytes {
            if b == b'"' && prev_quote {
                prev_quote = false;
                continue;
            }
            prev_quote = b == b'"';
            scratch.push(b);
        }
        scratch
    }
}

/// Iterator over the cells of one record (without its line terminator).
pub(crate) struct Cells<'a> {
    rec: &'a [u8],
    pos: usize,
    index: usize,
    done: bool,
}

pub(crate) fn cells(rec: &[u8]) -> Cells<'_> {
    Cells {
        rec,
        pos: 0,
        index: 0,
        done: false,
    }
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

impl<'a> Iterator for Cells<'a> {
    type Item = Result<RawCell<'a>, CellError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let rec = self.rec;
        let cell = self.index;
        self.index += 1;
        let rest = rec.get(self.pos..).unwrap_or(&[]);
        let lead = rest.iter().position(|&b| !is_blank(b)).unwrap_or(rest.len());
        if rest.get(lead) == Some(&b'"') {
            let open = self.pos + lead + 1;
            let mut i = open;
            let mut escaped = false;
            let close = loop {
                let Some(off) = rec.get(i..).and_then(|r| r.iter().position(|&b| b == b'"')) else {
                    self.done = true;
                    return Some(Err(CellError::Open { cell }));
                };
                let q = i + off;
                if rec.get(q + 1) == Some(&b'"') {
                    escaped = true;
                    i = q + 2;
                } else {
                    break q;
                }
            };
            let bytes = rec.get(open..close).unwrap_or(&[]);
            let after = rec.get(close + 1..).unwrap_or(&[]);
            let gap = after.iter().position(|&b| !is_blank(b)).unwrap_or(after.len());
            match after.get(gap) {
                None => self.done = true,
                Some(b',') => self.pos = close + 1 + gap + 1,
                Some(_) => {
                    self.done = true;
                    return Some(Err(CellError::Malformed { cell }));
                }
            }
            Some(Ok(RawCell {
                bytes,
                escaped,
                end: close,
            }))
        } else {
            let start = self.pos;
            let bytes = match rest.iter().position(|&b| b == b',') {
                Some(c) => {
                    self.pos += c + 1;
                    rest.get(..c).unwrap_or(&[])
                }
                None => {
                    self.done = true;
                    rest
                }
            };
            Some(Ok(RawCell {
                bytes,
                escaped: false,
                end: start + bytes.len(),
            }))
        }
    }
}
