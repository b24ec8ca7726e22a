//! A page's entries: each [`Section`] of a [`Page`] is one result, with its
//! file (`e<n>.js`: URL, title, module and text, for the result list) and the
//! count code of each of its terms (title, heading and text counts, for the
//! postings).

use std::collections::HashMap;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;

use super::postings::code;
use super::tokenize::{each_token, normalize};
use super::{DIR, Page, Section, script};

/// The number of parts the index keeps its terms in ([`part`]): it adds a
/// batch of entries part by part, the parts in parallel, and each part's
/// terms are few enough for their postings to stay in the cache meanwhile.
pub const PARTS: usize = 16;

/// The part of term `t`, in `0..PARTS`.
pub fn part(t: &str) -> usize {
    (FixedState::default().hash_one(t) >> 60) as usize
}

/// The distinct terms of one entry, each with its count code, grouped by
/// part: the terms one after another in `text`, where each ends and its
/// code in `ends` (one string for all of them rather than one each), and
/// those of part `p` at `ends[parts[p]..parts[p + 1]]`.
#[derive(Debug, Default)]
pub struct Terms {
    text: String,
    ends: Vec<(u32, u32)>,
    parts: [u32; PARTS + 1],
}

impl Terms {
    /// The terms of part `p`, with their count codes.
    pub fn part(&self, p: usize) -> impl Iterator<Item = (&str, u32)> {
        let (from, to) = (self.parts[p] as usize, self.parts[p + 1] as usize);
        let mut start = from.checked_sub(1).map_or(0, |i| self.ends[i].0 as usize);
        self.ends[from..to].iter().map(move |&(end, code)| {
            let term = &self.text[start..end as usize];
            start = end as usize;
            (term, code)
        })
    }
}

/// The entries of `page`, numbered from `first`: writes each entry's file
/// with `write` and returns its terms.
pub fn page_entries(page: Page, first: u32, write: &super::WriteFile<'_>) -> Vec<Terms> {
    let Page {
        url,
        title,
        module,
        sections,
    } = page;
    let mut out = Vec::with_capacity(sections.len());
    for (n, section) in (first..).zip(sections) {
        let terms = count(&section);
        let (url, module) = match &section.anchor {
            Some(anchor) => (format!("{url}#{anchor}"), Some(title.as_str())),
            None => (url.clone(), module.as_deref()),
        };
        let record = (url, section.title, module, section.text);
        // Serialising strings cannot fail.
        let json = serde_json::to_vec(&record).unwrap_or_default();
        write(&format!("{DIR}/e{n}.js"), &script("e", n as usize, &json));
        out.push(terms);
    }
    out
}

/// The term counts of a section: title, headings, then the text.
fn count(section: &Section) -> Terms {
    let title = normalize(&section.title);
    let headings: Vec<String> = section.headings.iter().map(|h| normalize(h)).collect();
    let text = normalize(&section.text);
    // At most a term per character, most of them three bytes (CJK).
    let mut counts: HashMap<&str, [u32; 3], FixedState> =
        HashMap::with_capacity_and_hasher(text.len() / 3, FixedState::default());
    each_token(&title, true, |t, _| counts.entry(t).or_default()[0] += 1);
    for h in &headings {
        each_token(h, true, |t, _| counts.entry(t).or_default()[1] += 1);
    }
    each_token(&text, true, |t, _| counts.entry(t).or_default()[2] += 1);
    let mut list: Vec<(usize, &str, u32)> = counts.into_iter().map(|(t, c)| (part(t), t, code(c))).collect();
    list.sort_unstable_by_key(|&(p, _, _)| p);
    let mut terms = Terms {
        text: String::with_capacity(list.iter().map(|(_, t, _)| t.len()).sum()),
        ends: Vec::with_capacity(list.len()),
        parts: [0; PARTS + 1],
    };
    for (p, t, code) in list {
        terms.text.push_str(t);
        terms.ends.push((terms.text.len() as u32, code));
        terms.parts[p + 1] = terms.ends.len() as u32;
    }
    // Parts without terms start where the one before ends.
    for p in 0..PARTS {
        terms.parts[p + 1] = terms.parts[p + 1].max(terms.parts[p]);
    }
    terms
}
