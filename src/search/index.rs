//! The search index in memory, for ranking in Rust (the same rules as
//! templates/search.js): entries and postings per term with title / heading /
//! body counts, decoded from what [`IndexWriter`] writes.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::terms::count_page;
use super::tokenize::{Mode, is_prefix_term, tokenize};
use super::writer::IndexWriter;

/// One searchable unit: a page, or a section of a root page (a glossary entry).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// Site-relative URL, possibly with `#anchor`.
    pub url: String,
    pub title: String,
    /// The module (or root page) the entry belongs to, for display.
    pub module: Option<String>,
    pub headings: Vec<String>,
    /// Plain text of the body (headings included), for body hits and snippets.
    pub text: String,
}

/// How often a term occurs in one entry's title, headings and body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub title: u32,
    pub heading: u32,
    pub body: u32,
}

impl Posting {
    /// The counts as one number: `body + 1000·heading + 100000·title`, capped.
    pub fn code(&self) -> u32 {
        self.body.min(999) + 1000 * self.heading.min(99) + 100_000 * self.title.min(99)
    }
}

/// A result: the entry and the ranking keys, best first by
/// (title terms, heading terms, total term frequency).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: usize,
    pub title_terms: usize,
    pub heading_terms: usize,
    pub tf: u32,
}

#[derive(Debug, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    pub terms: BTreeMap<String, Vec<Posting>>,
}

impl Index {
    /// The index of `entries`, each counted as a page of its own, with the
    /// postings decoded from the [`IndexWriter`] that writes the files.
    pub fn build(entries: Vec<Entry>) -> Index {
        let terms = writer_of(&entries).terms();
        Index { entries, terms }
    }

    /// The postings of every term `q` matches (itself, or the terms it is a
    /// prefix of), summed per entry.
    fn matches(&self, q: &str) -> BTreeMap<u32, Posting> {
        let mut out: BTreeMap<u32, Posting> = BTreeMap::new();
        let mut add = |ps: &Vec<Posting>| {
            for p in ps {
                let s = out.entry(p.doc).or_default();
                s.doc = p.doc;
                // The counts the browser sees (capped as in `code`).
                s.title += p.title.min(99);
                s.heading += p.heading.min(99);
                s.body += p.body.min(999);
            }
        };
        if is_prefix_term(q) {
            for (_, ps) in self
                .terms
                .range(q.to_string()..)
                .take_while(|(t, _)| t.starts_with(q))
            {
                add(ps);
            }
        } else if let Some(ps) = self.terms.get(q) {
            add(ps);
        }
        out
    }

    /// Entries holding every token of `query`, best first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut qs: Vec<String> = Vec::new();
        for t in tokenize(query, Mode::Query) {
            if !qs.contains(&t.text) {
                qs.push(t.text);
            }
        }
        let Some((first, rest)) = qs.split_first() else {
            return Vec::new();
        };
        let mut hits: BTreeMap<u32, Hit> = BTreeMap::new();
        for (doc, p) in self.matches(first) {
            hits.insert(
                doc,
                score(
                    Hit {
                        doc: doc as usize,
                        title_terms: 0,
                        heading_terms: 0,
                        tf: 0,
                    },
                    &p,
                ),
            );
        }
        for q in rest {
            let m = self.matches(q);
            hits.retain(|doc, h| match m.get(doc) {
                Some(p) => {
                    *h = score(*h, p);
                    true
                }
                None => false,
            });
        }
        let mut out: Vec<Hit> = hits.into_values().collect();
        out.sort_by(|a, b| {
            (b.title_terms, b.heading_terms, b.tf, a.doc).cmp(&(a.title_terms, a.heading_terms, a.tf, b.doc))
        });
        out
    }

    /// The index as JavaScript files (path under the site root, contents),
    /// as [`IndexWriter::finish`] writes them.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        writer_of(&self.entries).finish()
    }
}

fn writer_of(entries: &[Entry]) -> IndexWriter {
    let pages: Vec<_> = entries.par_iter().map(|e| count_page(vec![e.clone()])).collect();
    let mut writer = IndexWriter::new();
    writer.add_pages(pages);
    writer
}

fn score(mut h: Hit, p: &Posting) -> Hit {
    h.title_terms += usize::from(p.title > 0);
    h.heading_terms += usize::from(p.heading > 0);
    h.tf += p.title + p.heading + p.body;
    h
}
