//! Heading anchors, as GitHub makes them (so links written for a book on
//! GitHub, or for mdBook, keep working): readable, unique within a page, CJK
//! kept as is.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The id of a heading that has no letter, digit, `-`, `_` or space (GitHub
/// would give it an empty id, which no link can name).
pub const FALLBACK_ID: &str = "section";

/// GitHub's rule (github-slugger, mdBook's `normalize_id` alike): the text is
/// lower-cased; letters, combining marks, digits (of every script), `_` and `-`
/// are kept; each space becomes `-`, with no merging and no trimming; every
/// other character (punctuation, symbols, emoji, other whitespace) is dropped.
/// `Concatenating with `+` or `format!`` → `concatenating-with--or-format`,
/// `1. NPS 的计算` → `1-nps-的计算`. May be empty.
pub fn slugify(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if c == ' ' {
            out.push('-');
        } else if c == '-' || kept(c) {
            out.push(c);
        }
    }
    out
}

/// Letters, marks, decimal and letter numbers and connector punctuation
/// (`_`): what GitHub keeps. Other numbers (`²`, `①`) are dropped, as there.
fn kept(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    static KEPT: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
        use regex_syntax::hir::{Class, HirKind};
        match regex_syntax::parse(r"[\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}]").map(|h| h.into_kind()) {
            Ok(HirKind::Class(Class::Unicode(class))) => {
                class.ranges().iter().map(|r| (r.start(), r.end())).collect()
            }
            _ => Vec::new(),
        }
    });
    if KEPT.is_empty() {
        return c.is_alphanumeric();
    }
    let i = KEPT.partition_point(|&(_, end)| end < c);
    KEPT.get(i).is_some_and(|&(start, _)| start <= c)
}

/// Hands out ids for one page like GitHub: a repeated heading gets `-1`, `-2`,
/// …, skipping any id already taken (by a heading written `x-1`, or by `{#id}`).
#[derive(Debug, Default)]
pub struct IdAllocator {
    used: HashSet<String>,
    /// The last number given to each base id.
    counts: HashMap<String, usize>,
}

impl IdAllocator {
    /// Reserves an id the author wrote (`{#id}`); returns false when it was taken.
    pub fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    pub fn allocate(&mut self, text: &str) -> String {
        let mut base = slugify(text);
        if base.is_empty() {
            base.push_str(FALLBACK_ID);
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.counts.entry(base.clone()).or_insert(0);
        loop {
            *n += 1;
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_cases() {
        assert_eq!(
            slugify("Concatenating with `+` or `format!`"),
            "concatenating-with--or-format"
        );
        assert_eq!(slugify("foo_bar"), "foo_bar");
        assert_eq!(slugify("Foo Bar"), "foo-bar");
        assert_eq!(slugify("foo--bar"), "foo--bar");
        assert_eq!(slugify("-trimmed- no more-"), "-trimmed--no-more-");
        assert_eq!(slugify(" leading"), "-leading");
        assert_eq!(slugify("A & B"), "a--b");
        assert_eq!(slugify("What's new?"), "whats-new");
        assert_eq!(slugify("C++ / Rust"), "c--rust");
        assert_eq!(slugify("Emoji 🎉 party"), "emoji--party");
        assert_eq!(slugify("v1.2.3"), "v123");
        assert_eq!(slugify("Ünïcödé ÉTÉ"), "ünïcödé-été");
        assert_eq!(slugify("ΌΣΟΣ"), "όσος");
        assert_eq!(slugify("x² ①"), "x-");
        assert_eq!(slugify("tab\there"), "tabhere");
    }

    #[test]
    fn every_script_is_kept() {
        assert_eq!(slugify("NPS 的计算"), "nps-的计算");
        assert_eq!(slugify("1. NPS 的计算"), "1-nps-的计算");
        assert_eq!(slugify("计算方法"), "计算方法");
        assert_eq!(slugify("客户满意度（CSI）：定义"), "客户满意度csi定义");
        // Combining marks stay (Rust's is_alphanumeric would drop them).
        assert_eq!(slugify("हिन्दी"), "हिन्दी");
        assert_eq!(slugify("Ⅻ ٣"), "ⅻ-٣");
        assert_eq!(slugify("全角　空格"), "全角空格");
    }

    #[test]
    fn all_punctuation_falls_back() {
        assert_eq!(slugify("！？"), "");
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("！？"), "section");
        assert_eq!(ids.allocate("..."), "section-1");
        assert_eq!(ids.allocate("? ?"), "-");
    }

    #[test]
    fn duplicates_get_numbered() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("要点回顾"), "要点回顾");
        assert_eq!(ids.allocate("要点回顾"), "要点回顾-1");
        assert_eq!(ids.allocate("要点回顾"), "要点回顾-2");
        assert!(ids.claim("custom"));
        assert!(!ids.claim("custom"));
        assert_eq!(ids.allocate("Custom"), "custom-1");
    }

    #[test]
    fn a_numbered_id_never_takes_a_real_headings_id() {
        // GitHub: `x`, `x`, `x-1` → `x`, `x-1`, `x-1-1`.
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("x"), "x");
        assert_eq!(ids.allocate("x"), "x-1");
        assert_eq!(ids.allocate("x-1"), "x-1-1");
        // `x-1` first: the second `x` skips it.
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("x-1"), "x-1");
        assert_eq!(ids.allocate("x"), "x");
        assert_eq!(ids.allocate("x"), "x-2");
        assert_eq!(ids.allocate("x"), "x-3");
    }
}
