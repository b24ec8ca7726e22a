//! Reading time that is fair to Chinese text: CJK characters are counted one by
//! one, other scripts by words.

/// Characters per minute for CJK text and words per minute for other scripts.
pub const CJK_CHARS_PER_MINUTE: usize = 300;
pub const WORDS_PER_MINUTE: usize = 200;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TextStats {
    pub cjk_chars: usize,
    pub words: usize,
}

impl TextStats {
    pub fn add(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            // The common cases first: unified ideographs, then ASCII.
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                self.cjk_chars += 1;
                in_word = false;
            } else if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    self.words += usize::from(!in_word);
                    in_word = true;
                } else {
                    in_word = in_word && c == '\'';
                }
            } else if is_cjk(c) {
                self.cjk_chars += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                self.words += usize::from(!in_word);
                in_word = true;
            } else {
                in_word = in_word && c == '’';
            }
        }
    }

    /// Whole minutes, rounded up; 0 only for a page without text.
    pub fn reading_minutes(&self) -> u32 {
        let per_minute =
            self.cjk_chars as f64 / CJK_CHARS_PER_MINUTE as f64 + self.words as f64 / WORDS_PER_MINUTE as f64;
        per_minute.ceil() as u32
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // kana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{2FA1F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(text: &str) -> u32 {
        let mut s = TextStats::default();
        s.add(text);
        s.reading_minutes()
    }

    #[test]
    fn counts_cjk_characters_not_spaces() {
        let mut s = TextStats::default();
        s.add("净推荐值 NPS 是 2003 年提出的");
        assert_eq!(
            s,
            TextStats {
                cjk_chars: 9,
                words: 2
            }
        );
    }

    #[test]
    fn counts_every_utf8_length() {
        let mut s = TextStats::default();
        // 1-, 2-, 3- and 4-byte characters: ASCII, Greek, CJK (two blocks), an
        // extension-B ideograph, full-width punctuation and a curly apostrophe.
        s.add("word λόγος 服务 㐀 𠀀，don’t it's");
        assert_eq!(
            s,
            TextStats {
                cjk_chars: 4,
                words: 4
            }
        );
    }

    #[test]
    fn minutes_round_up() {
        assert_eq!(minutes(""), 0);
        assert_eq!(minutes("服"), 1);
        assert_eq!(minutes(&"服".repeat(300)), 1);
        assert_eq!(minutes(&"服".repeat(301)), 2);
        // 1,500 characters with no spaces at all is five minutes, not "one word".
        assert_eq!(minutes(&"务".repeat(1500)), 5);
        assert_eq!(minutes(&"word ".repeat(400)), 2);
    }
}
