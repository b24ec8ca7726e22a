//! Test texts for comparing the fast paths of the index build with plain
//! reference implementations: every script and edge the tokenizer and the
//! HTML-to-text pass distinguish, mixed at random.

/// Characters of every kind: Simplified and Traditional Han (inside the fast
/// path's block U+4E00..U+9FFF, at its edges and outside it: Extension A, B,
/// compatibility ideographs), kana, full-width ASCII, ideographic space and
/// punctuation, ASCII, other letters and digits (Latin, Greek, Cyrillic,
/// Hangul, Yi, Arabic-Indic digits), symbols and emoji, whitespace of every
/// kind, and what JSON and HTML escape.
const ALPHABET: &[&str] = &[
    "服", "务", "務", "客", "户", "戶", "满", "滿", "意", "度", "質", "质", "體", "一", "\u{4E00}",
    "\u{9FFF}", "\u{9FA5}", "\u{4DFF}", "\u{A000}", "㐀", "䶵", "𠀀", "𪚥", "豈", "か", "カ", "ー", "Ａ",
    "ｚ", "１", "！", "\u{3000}", "，", "。", "、", "「", "」", "a", "Z", "0", "9", " ", "-", "_", ".", "É",
    "é", "Σ", "ß", "İ", "д", "한", "٣", "ꀀ", "©", "™", "🙂", "👍🏽", "\u{200D}", "\t", "\n", "\u{b}", "\u{c}",
    "\r", "\u{a0}", "\u{85}", "\u{1680}", "\u{2003}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{FEFF}",
    "\u{1}", "\u{1f}", "\u{7f}", "\"", "\\", "＂", "＼", "<", ">", "&", "&amp;", "&lt;", "&#x3000;", "&#65;",
    "&nbsp;", "&bogus;", "&", "'", "</", "/>",
];

/// A small deterministic random number generator (xorshift).
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Random texts over [`ALPHABET`], runs of the same character (long words,
/// long CJK runs), and some fixed edge cases.
pub(crate) fn texts() -> Vec<String> {
    let mut out: Vec<String> = [
        "",
        "服",
        "服务",
        "客户满意度是服務質量的核心。",
        "NPS的计算：净推荐值（Net Promoter Score）＝ ６８",
        "ｓｅｒｖｉｃｅ服務　Ｑｕａｌｉｔｙ",
        "🙂服务🙂",
        "\u{4E00}\u{9FFF}\u{A000}\u{4DFF}\u{4E00}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    out.push("a".repeat(40) + "服务" + &"Ｂ".repeat(35));
    out.push("服务".repeat(700));
    out.push("務".repeat(1200) + "x");
    let mut rng = Rng::new(7);
    for n in 0..400 {
        let len = rng.below(if n % 10 == 0 { 400 } else { 40 });
        let mut s = String::new();
        for _ in 0..len {
            let piece = ALPHABET[rng.below(ALPHABET.len())];
            for _ in 0..[1, 1, 1, 2, 5, 40][rng.below(6)] {
                s.push_str(piece);
            }
        }
        out.push(s);
    }
    out
}
