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
/// LaTeX that math-core does not read but that books write and KaTeX draws
/// (see [`plain_tex`]) is read again in the form math-core knows.
pub fn to_mathml(latex: &str, display: bool) -> Result<String, MathError> {
    let mode = if display {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    let convert = |latex: &str| CONVERTER.convert_with_local_state(latex, mode).map(|r| r.mathml);
    convert(latex).or_else(|e| {
        plain_tex(latex)
            .and_then(|again| convert(&again).ok())
            .ok_or_else(|| MathError {
                at: e.0.start.min(latex.len()),
                message: e.error_message(),
            })
    })
}

/// `latex` with what plain TeX and LaTeX text mode allow, and math-core 0.7
/// does not, written as math-core reads it (`None` when there is none):
/// `\mathop{\inf}\limits_{x}` as `\inf_{x}` (an operator whose limits go
/// below it in a displayed formula), `\mathop{ab}\limits` as
/// `\operatorname*{ab}`; the old font switches `\rm`, `\bf`, `\it`, `\sf`,
/// `\tt` left out (the text keeps its place); `\textcircled{3}` as ③ (1 to
/// 20, else `(x)`). Found converting the PumpkinBook (tools/).
pub fn plain_tex(latex: &str) -> Option<String> {
    let mut s = latex.to_string();
    let mut from = 0;
    while let Some(i) = s[from..].find("\\mathop{").map(|i| i + from) {
        let open = i + "\\mathop{".len();
        let Some(close) = s[open..].find('}').map(|j| j + open) else {
            break;
        };
        let rest = &s[close + 1..];
        if !rest.starts_with("\\limits") {
            from = close;
            continue;
        }
        let inner = s[open..close].trim().to_string();
        let is_command =
            inner.len() > 1 && inner.starts_with('\\') && inner[1..].chars().all(|c| c.is_ascii_alphabetic());
        let with = if is_command {
            inner
        } else {
            format!("\\operatorname*{{{inner}}}")
        };
        s.replace_range(i..close + 1 + "\\limits".len(), &with);
        from = i + with.len();
    }
    for switch in ["\\rm", "\\bf", "\\it", "\\sf", "\\tt"] {
        let mut from = 0;
        while let Some(i) = s[from..].find(switch).map(|i| i + from) {
            let end = i + switch.len();
            if s[end..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                from = end;
                continue;
            }
            let end = end + s[end..].len() - s[end..].trim_start().len();
            s.replace_range(i..end, "");
            from = i;
        }
    }
    while let Some(i) = s.find("\\textcircled{") {
        let open = i + "\\textcircled{".len();
        let Some(close) = s[open..].find('}').map(|j| j + open) else {
            break;
        };
        let inner = s[open..close].trim().to_string();
        let circled = inner
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=20).contains(n))
            .and_then(|n| char::from_u32(0x2460 + n - 1))
            .map_or_else(
                || format!("\\text{{(}}{inner}\\text{{)}}"),
                |c| format!("\\text{{{c}}}"),
            );
        s.replace_range(i..close + 1, &circled);
    }
    (s != latex).then_some(s)
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
    fn plain_tex_that_books_write_is_read() {
        // From the PumpkinBook: each failed before plain_tex.
        for (latex, shows) in [
            (r"a \le b \quad \textcircled{1}", "①"),
            (r"\mathop{\inf}\limits_{x\in D} f(x)", "inf"),
            (r"\mathop{arg\,min}\limits_{w} L", "arg"),
            (r"\text{ {\rm s.t.} } x \ge 0", "s.t."),
            (r"\textcircled{a}", "(</mtext><mi>a"),
        ] {
            let m = to_mathml(latex, true).unwrap_or_else(|e| panic!("{latex}: {e:?}"));
            assert!(m.contains(shows), "{latex}: {m}");
        }
        assert_eq!(plain_tex(r"\frac{a}{b}"), None);
        assert_eq!(plain_tex(r"\rmx \bf y").as_deref(), Some(r"\rmx y"));
        // Still an error where nothing helps, at the original place.
        let e = to_mathml(r"\rm x + \foo", false).unwrap_err();
        assert_eq!(e.at, 8);
    }

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
