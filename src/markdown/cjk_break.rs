//! Where a line break in the source joins two lines without a space: between
//! two CJK characters, as CJK typesetting expects ("实用技巧、\n文化建设" reads
//! "实用技巧、文化建设"), but not between Latin words, nor in Korean, which
//! puts spaces between words. Used for soft breaks in Markdown and for the
//! folded lines of YAML texts.

/// A character that is written without spaces around it in Chinese and
/// Japanese: ideographs, kana, CJK punctuation and full-width forms.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'     // radicals
        | '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation (、。「」…)
        | '\u{3040}'..='\u{30FF}'   // kana
        | '\u{3100}'..='\u{312F}'   // bopomofo
        | '\u{3190}'..='\u{31FF}'   // kanbun, CJK strokes, kana extensions
        | '\u{3200}'..='\u{4DBF}'   // enclosed CJK, compatibility, extension A
        | '\u{4E00}'..='\u{9FFF}'   // unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'   // CJK compatibility forms
        | '\u{FF01}'..='\u{FF60}'   // full-width forms (，：！？（）)
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Punctuation that Chinese text shares with Latin text: quotation marks,
/// the dash and the ellipsis. It joins only next to a wide character.
fn is_shared_punct(c: char) -> bool {
    matches!(c, '‘' | '’' | '“' | '”' | '—' | '…')
}

/// Whether a break after `before` could join (cheap test before looking ahead).
pub fn may_join(before: char) -> bool {
    is_wide(before) || is_shared_punct(before)
}

/// Whether a line break between `before` and `after` is dropped, not shown as a space.
pub fn joins(before: char, after: char) -> bool {
    (is_wide(before) && (is_wide(after) || is_shared_punct(after)))
        || (is_shared_punct(before) && is_wide(after))
}

/// `text` with a space removed wherever it stands for a line break between
/// `a` and `b` that [`joins`], for each pair in `folds`.
pub fn unfold(text: &str, folds: &[(char, char)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' '
            && i > 0
            && let Some(&next) = chars.get(i + 1)
            && folds.contains(&(chars[i - 1], next))
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// The pairs (last character of a line, first character of the next line)
/// of `source` whose line break [`joins`]: a YAML parser folds such breaks
/// into spaces, which [`unfold`] takes out again.
pub fn folds(source: &str) -> Vec<(char, char)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for line in source.lines() {
        let line = line.trim();
        if let (Some(a), Some(b)) = (prev, line.chars().next())
            && joins(a, b)
            && !out.contains(&(a, b))
        {
            out.push((a, b));
        }
        prev = line.chars().next_back();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_cjk_but_not_latin_or_korean() {
        assert!(joins('、', '文'));
        assert!(joins('技', '巧'));
        assert!(joins('”', '然'));
        assert!(joins('说', '“'));
        assert!(!joins('，', 'N'));
        assert!(!joins('d', 'w'));
        assert!(!joins('”', '“'));
        assert!(!joins('다', '한'));
        assert!(!joins('9', '月'));
    }

    #[test]
    fn folded_yaml_lines_lose_the_space_latin_keeps_it() {
        let source =
            "description: >-\n  服务卓越的概念、实用技巧、\n  文化建设。\n  Plain English\n  words.\n";
        let folds = folds(source);
        assert_eq!(folds, [('、', '文')]);
        assert_eq!(
            unfold(
                "服务卓越的概念、实用技巧、 文化建设。 Plain English words.",
                &folds
            ),
            "服务卓越的概念、实用技巧、文化建设。 Plain English words."
        );
        // A space the author wrote between two CJK characters on one line stays.
        assert_eq!(unfold("第一部分 小测", &folds), "第一部分 小测");
    }
}
