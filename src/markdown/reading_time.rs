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
            } else if let Some(alnum) = cjk_punctuation_is_alphanumeric(c) {
                // Chinese text is full of ，。、“” and （）： answered from a
                // table, not the general Unicode lookup.
                if alnum {
                    self.words += usize::from(!in_word);
                }
                in_word = alnum;
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

/// Which characters of U+3000..U+303F (CJK symbols and punctuation) are
/// alphanumeric (`〇`, `々`, Suzhou numerals…); a test checks it against std.
const CJK_SYMBOLS_ALNUM: u64 = 0x1f3e_03fe_0000_00e0;

/// `c.is_alphanumeric()` for CJK punctuation (U+3000..U+303F) and full-width
/// forms (U+FF00..U+FF5F); `None` for other characters.
#[inline]
fn cjk_punctuation_is_alphanumeric(c: char) -> Option<bool> {
    let u = c as u32;
    match u {
        0x3000..=0x303F => Some(CJK_SYMBOLS_ALNUM >> (u - 0x3000) & 1 == 1),
        0xFF00..=0xFF5F => Some(matches!(u, 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)),
        _ => None,
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
    fn punctuation_table_matches_std() {
        for u in (0x3000..=0x303F).chain(0xFF00..=0xFF5F) {
            let c = char::from_u32(u).unwrap();
            assert_eq!(
                cjk_punctuation_is_alphanumeric(c),
                Some(c.is_alphanumeric()),
                "U+{u:04X} (mask {:#x})",
                (0x3000..=0x303Fu32)
                    .filter(|&v| char::from_u32(v).unwrap().is_alphanumeric())
                    .fold(0u64, |m, v| m | 1 << (v - 0x3000))
            );
        }
        assert_eq!(cjk_punctuation_is_alphanumeric('a'), None);
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
