//! Heading anchors: readable, stable and unique within a page, CJK kept as is.

use std::collections::HashSet;

/// `## 1. NPS 的计算` → `1-nps-的计算`. Letters and digits of every script are kept
/// (lower-cased), spaces, `-` and `_` become `-`, other punctuation is dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// Hands out ids for one page: a repeated heading gets `-1`, `-2`, … like GitHub.
#[derive(Debug, Default)]
pub struct IdAllocator {
    used: HashSet<String>,
}

impl IdAllocator {
    /// Reserves an id the author wrote (`{#id}`); returns false when it was taken.
    pub fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    pub fn allocate(&mut self, text: &str) -> String {
        let base = slugify(text);
        if self.used.insert(base.clone()) {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_headings_keep_their_characters() {
        assert_eq!(slugify("计算方法"), "计算方法");
        assert_eq!(slugify("1. NPS 的计算"), "1-nps-的计算");
        assert_eq!(slugify("客户满意度（CSI）：定义"), "客户满意度csi定义");
        assert_eq!(slugify("  What's   new?  "), "whats-new");
        assert_eq!(slugify("！？"), "section");
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
}
