//! Text encodings of survey files: UTF-8 (with or without a BOM) and
//! GB18030, the superset of GBK and GB2312 that Excel on Chinese Windows
//! saves "CSV" in. `Auto` reads a file as UTF-8 when all of it is valid
//! UTF-8, else as GB18030 (the page does the same with `TextDecoder`).
//!
//! GB18030 is ASCII-compatible where CSV structure lives: its trail bytes
//! are 0x30–0x39 and 0x40–0xFE, so `\n`, `\r`, `,`, `"`, spaces and tabs
//! only ever stand for themselves. The reader therefore splits records on
//! the raw bytes and decodes each complete record to UTF-8 (see
//! [`Decoder`]), which keeps the reading streaming and lets a decoding
//! error name its row and column.

use std::fmt;
use std::io::{self, Read};
use std::str::FromStr;

use serde::Serialize;

use super::csv::cells;
use super::error::{Location, MetricsError};

/// The text encoding of a survey file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8 when the whole input is valid UTF-8, else GB18030.
    #[default]
    Auto,
    /// UTF-8; a leading byte-order mark is skipped.
    #[serde(rename = "utf-8")]
    Utf8,
    /// GB18030 (which includes GBK and GB2312).
    Gb18030,
}

impl Encoding {
    /// The name used on the command line and in JSON: `auto`, `utf-8`, `gb18030`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "utf-8",
            Encoding::Gb18030 => "gb18030",
        }
    }

    /// `Utf8` if `bytes` are valid UTF-8, else `Gb18030`.
    pub fn detect_bytes(bytes: &[u8]) -> Encoding {
        if std::str::from_utf8(bytes).is_ok() {
            Encoding::Utf8
        } else {
            Encoding::Gb18030
        }
    }

    /// Reads `reader` to the end and says how `Auto` reads it: `Utf8` if it
    /// is valid UTF-8 throughout, else `Gb18030`. Memory stays constant
    /// (64 KiB chunks), so a large file can be checked in a first pass and
    /// read in a second.
    pub fn detect<R: Read>(mut reader: R) -> io::Result<Encoding> {
        let mut buf = vec![0u8; 1 << 16];
        // Bytes of a character cut by the chunk boundary, moved to the front.
        let mut carried = 0;
        loop {
            let n = match reader.read(buf.get_mut(carried..).unwrap_or_default()) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let end = carried + n;
            let chunk = buf.get(..end).unwrap_or_default();
            if n == 0 {
                // At the end a cut character is an invalid one.
                return Ok(if carried == 0 {
                    Encoding::Utf8
                } else {
                    Encoding::Gb18030
                });
            }
            match std::str::from_utf8(chunk) {
                Ok(_) => carried = 0,
                // Incomplete at the end of the chunk: wait for its rest.
                Err(e) if e.error_len().is_none() => {
                    let from = e.valid_up_to();
                    buf.copy_within(from..end, 0);
                    carried = end - from;
                }
                Err(_) => return Ok(Encoding::Gb18030),
            }
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        })
    }
}

/// `auto`, `utf-8` (or `utf8`), `gb18030` (or `gbk`, `gb2312`, its subsets);
/// any case.
impl FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Encoding, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" => Ok(Encoding::Gb18030),
            _ => Err(format!("unknown encoding {s:?}: expected auto, utf-8 or gb18030")),
        }
    }
}

/// Turns complete records of the file's bytes into UTF-8, in place.
pub(crate) struct Decoder {
    encoding: Encoding,
    out: Vec<u8>,
}

impl Decoder {
    /// `encoding` must be resolved (`Utf8` or `Gb18030`); `Auto` is read as UTF-8.
    pub(crate) fn new(encoding: Encoding) -> Decoder {
        Decoder {
            encoding,
            out: Vec::new(),
        }
    }

    /// Checks (UTF-8) or converts (GB18030) the record in `rec`, which starts
    /// on line `row`. A byte sequence that is not valid in the encoding is an
    /// `InvalidEncoding` error at its line and CSV column.
    pub(crate) fn decode(&mut self, rec: &mut Vec<u8>, row: usize) -> Result<(), MetricsError> {
        match self.encoding {
            Encoding::Gb18030 => {
                if rec.is_ascii() {
                    return Ok(());
                }
                let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
                let cap = decoder
                    .max_utf8_buffer_length_without_replacement(rec.len())
                    .unwrap_or(rec.len().saturating_mul(3).saturating_add(16));
                self.out.clear();
                self.out.resize(cap, 0);
                let (result, read, written) =
                    decoder.decode_to_utf8_without_replacement(rec, &mut self.out, true);
                match result {
                    encoding_rs::DecoderResult::InputEmpty => {
                        self.out.truncate(written);
                        std::mem::swap(rec, &mut self.out);
                        // A GB18030 byte-order mark (84 31 95 33) decodes to U+FEFF.
                        if row == 1 && rec.starts_with("\u{feff}".as_bytes()) {
                            rec.drain(..3);
                        }
                        Ok(())
                    }
                    encoding_rs::DecoderResult::Malformed(bad, after) => {
                        let end = read.saturating_sub(usize::from(after));
                        let start = end.saturating_sub(usize::from(bad));
                        Err(invalid(rec, row, start, end, Encoding::Gb18030))
                    }
                    // The buffer has the decoder's own worst-case size.
                    encoding_rs::DecoderResult::OutputFull => Err(MetricsError::Io {
                        row,
                        message: "GB18030 decoding ran out of buffer".into(),
                    }),
                }
            }
            Encoding::Utf8 | Encoding::Auto => {
                if std::str::from_utf8(rec).is_ok() {
                    return Ok(());
                }
                let Err(e) = std::str::from_utf8(rec) else {
                    return Ok(());
                };
                let start = e.valid_up_to();
                let end = start + e.error_len().unwrap_or(rec.len() - start);
                Err(invalid(rec, row, start, end, Encoding::Utf8))
            }
        }
    }
}

/// The error for the bad bytes `rec[start..end]` of a record starting on line `row`.
fn invalid(rec: &[u8], row: usize, start: usize, end: usize, encoding: Encoding) -> MetricsError {
    let before = rec.get(..start).unwrap_or_default();
    let line = row + before.iter().filter(|&&b| b == b'\n').count();
    // The CSV column holding the bad byte: cells end at their separating
    // comma, which lies outside quotes (ASCII-safe in both encodings).
    let mut column = 1;
    for (i, cell) in cells(rec).enumerate() {
        column = i + 1;
        match cell {
            Ok(c) if c.end() <= start => continue,
            _ => break,
        }
    }
    let shown: Vec<String> = rec
        .get(start..end.min(start + 4))
        .unwrap_or_default()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    MetricsError::InvalidEncoding {
        encoding: encoding.to_string(),
        bytes: shown.join(" "),
        at: Location::cell(line, column),
    }
}
