use serde::Deserialize;

use super::parse;
use crate::parse::front_matter::{LessonMeta, ModuleMeta, PageMeta};

/// Every field shape the fast path may meet.
#[derive(Debug, PartialEq, Deserialize)]
struct AnyFields {
    title: Option<String>,
    summary: Option<String>,
    order: Option<u32>,
    objectives: Option<Vec<String>>,
    duration_minutes: Option<u32>,
    placement: Option<String>,
}

#[test]
fn reads_simple_front_matter() {
    let m: LessonMeta = parse("title: 什么是服务卓越\nsummary: 从场景切入，给出定义。\norder: 2\n").unwrap();
    assert_eq!(m.title, "什么是服务卓越");
    assert_eq!(m.summary.as_deref(), Some("从场景切入，给出定义。"));
    assert_eq!(m.order, Some(2));
    let m: LessonMeta = parse("title:   NPS 的计算  \r\n\r\n").unwrap();
    assert_eq!(m.title, "NPS 的计算");
}

#[test]
fn leaves_everything_else_to_serde_yaml() {
    for yaml in [
        "title: \"quoted\"",
        "title: 'quoted'",
        "title: x\nobjectives:\n  - a",
        "title: x # comment",
        "# comment\ntitle: x",
        "title: true",
        "title: Null",
        "title: 2024 年",
        "title: x\ntitle: y",
        "title: x\nunknown: y",
        "title: x\norder: 012",
        "title: x\norder: -1",
        "title: a: b",
        "title:",
        "title: |\n  block",
        "title: 《书名》",
        "  title: indented",
        "title:\tx",
        "{}",
    ] {
        assert!(parse::<LessonMeta>(yaml).is_none(), "{yaml:?}");
    }
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len())]
    }
}

/// Wherever the fast path gives an answer, serde_yaml gives the same one.
#[test]
fn agrees_with_serde_yaml_on_generated_documents() {
    const KEYS: &[&str] = &[
        "title",
        "title",
        "summary",
        "summary",
        "order",
        "objectives",
        "duration_minutes",
        "placement",
        "unknown",
        "Title",
        "ti tle",
        "title ",
    ];
    const SEPARATORS: &[&str] = &[": ", ": ", ": ", ":", ":  ", " : ", ":\t"];
    const PARTS: &[&str] = &[
        "服务",
        "第 1 课",
        "NPS",
        "before",
        "after",
        "true",
        "null",
        "~",
        "yes",
        "No",
        "on",
        "Off",
        "y",
        "n",
        "1",
        "01",
        "12",
        "0",
        "-3",
        "+4",
        "1.5",
        ".5",
        ".inf",
        "0x1F",
        "0o17",
        "1e3",
        "1_000",
        "a: b",
        "a #b",
        "a#b",
        "a:b",
        "\"q\"",
        "'q'",
        "x'y",
        "[1, 2]",
        "{a: 1}",
        "- x",
        "&a",
        "*a",
        "!t",
        "|",
        ">",
        "%",
        "@",
        "`",
        " ",
        "  ",
        "é",
        "Σ",
        "《书》",
        "“引”",
        "a,b",
        "[x",
        "x]",
        "\u{2028}",
        "\u{85}",
        "?",
        "? x",
        ": x",
        "x:",
        "#",
        "=",
        "<<",
        "\u{1}",
        "ü",
        "😀",
        "\\",
        "\\n",
        "2024-01-01",
        "12:30",
        "ｘ",
    ];
    // Parts the fast path takes, so that many documents reach the comparison.
    const CLEAN: &[&str] = &[
        "服务",
        "第 1 课",
        "NPS",
        "before",
        "after",
        "é",
        "Σ",
        "a#b",
        "a:b",
        "x'y",
        "a,b",
        "x]",
        "😀",
        "ü",
        "12",
        " ",
        "ｘ",
        "{a}",
        "|",
        "%",
    ];
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let (mut accepted, mut total) = (0, 0);
    for _ in 0..20_000 {
        let mut doc = String::new();
        for _ in 0..1 + rng.next(4) {
            match rng.next(12) {
                0 => doc.push('\n'),
                1 => doc.push_str("# note\n"),
                2 => doc.push_str("  - item\n"),
                3..=9 => {
                    doc.push_str(rng.pick(&KEYS[..7]));
                    doc.push_str(": ");
                    for _ in 0..1 + rng.next(3) {
                        doc.push_str(rng.pick(CLEAN));
                    }
                    doc.push('\n');
                }
                _ => {
                    doc.push_str(rng.pick(KEYS));
                    doc.push_str(rng.pick(SEPARATORS));
                    for _ in 0..1 + rng.next(3) {
                        doc.push_str(rng.pick(PARTS));
                    }
                    doc.push_str(if rng.next(5) == 0 { "\r\n" } else { "\n" });
                }
            }
        }
        total += 1;
        let answered = [
            check::<AnyFields>(&doc),
            check::<LessonMeta>(&doc),
            check::<ModuleMeta>(&doc),
            check::<PageMeta>(&doc),
        ];
        accepted += usize::from(answered.contains(&true));
    }
    // The comparison is only worth something if the fast path answers often.
    assert!(
        accepted * 10 > total,
        "fast path answered only {accepted} of {total}"
    );
}

/// Whether the fast path answered `yaml` as `T`; panics if its answer differs
/// from serde_yaml's.
fn check<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(yaml: &str) -> bool {
    let Some(fast) = parse::<T>(yaml) else {
        return false;
    };
    match serde_yaml::from_str::<T>(yaml) {
        Ok(slow) => assert_eq!(fast, slow, "{yaml:?}"),
        Err(e) => panic!("fast path accepted {yaml:?}, serde_yaml says {e}"),
    }
    true
}
