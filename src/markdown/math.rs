//! `$…$` and `$$…$$` to MathML Core at build time, with math-core: browsers
//! draw it natively, so the site needs no script and no web font for maths.

use std::ops::Range;
use std::sync::LazyLock;

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};

static CONVERTER: LazyLock<LatexToMathML> = LazyLock::new(|| {
    LatexToMathML::new(MathCoreConfig::default()).expect("the default configuration has no macros to fail")
});

/// A formula that is not valid LaTeX (for math-core).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MathError {
    /// Byte offset of the problem in the formula.
    pub at: usize,
    pub message: String,
}

/// The MathML of `latex`, an inline formula or (when `display`) a displayed one.
pub fn to_mathml(latex: &str, display: bool) -> Result<String, MathError> {
    let mode = if display {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    CONVERTER
        .convert_with_local_state(latex, mode)
        .map(|r| r.mathml)
        .map_err(|e| MathError {
            at: e.0.start.min(latex.len()),
            message: e.error_message(),
        })
}

/// Where byte `at` of formula `latex` is in `body`, the formula (with its
/// `$` delimiters) being at `range` of it. The parser hands a formula over
/// as written, except inside quotes and lists, where it takes the `>` and
/// indentation off each line: there the line is found again in the source.
pub fn source_offset(body: &str, range: Range<usize>, latex: &str, at: usize) -> usize {
    let Some(written) = body.get(range.clone()) else {
        return range.start;
    };
    if let Some(start) = written.find(latex) {
        return range.start + start + at;
    }
    let at = at.min(latex.len());
    let line_start = latex[..at].rfind('\n').map_or(0, |i| i + 1);
    let (line_no, col) = (latex[..line_start].matches('\n').count(), at - line_start);
    let mut cursor = 0;
    for (n, line) in latex.split('\n').enumerate() {
        match written[cursor..].find(line) {
            Some(i) if n == line_no => return range.start + cursor + i + col,
            Some(i) => cursor += i + line.len(),
            None => break,
        }
    }
    range.start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_and_invalid_formulas() {
        let m = to_mathml(r"\frac{a}{b}", false).unwrap();
        assert!(m.starts_with("<math>") && m.contains("<mfrac>"), "{m}");
        let m = to_mathml("x", true).unwrap();
        assert!(m.starts_with("<math display=\"block\">"), "{m}");
        // Text in a formula is escaped.
        let m = to_mathml(r"\text{<b>} \lt", false).unwrap();
        assert!(m.contains("&lt;b&gt;") && !m.contains("<b>"), "{m}");
        let e = to_mathml(r"x + \foo", false).unwrap_err();
        assert_eq!(e.at, 4);
        assert!(e.message.contains(r"\foo"), "{}", e.message);
        assert!(to_mathml(r"\frac{a}{", true).is_err());
    }

    #[test]
    fn offsets_in_the_source() {
        let body = "a $x + \\foo$ b";
        assert_eq!(source_offset(body, 2..12, "x + \\foo", 4), 7);
        // In a quote the `> ` of each line is not part of the formula.
        let body = "> $$\n> a\n> b + \\foo\n> $$";
        let at = source_offset(body, 2..body.len(), "\na\nb + \\foo\n", 7);
        assert_eq!(&body[at..at + 4], "\\foo");
        assert_eq!(source_offset(body, 2..body.len(), "nowhere", 3), 2);
    }
}
