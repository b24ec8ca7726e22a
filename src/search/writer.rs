//! [`Indexer`]: takes pages in site order, writes each entry's file at once
//! and keeps every term's postings (encoded, [`super::postings`]); at the
//! end it writes the term shards and the manifest.

use std::collections::HashMap;

use foldhash::fast::FixedState;
use rayon::prelude::*;
use serde_json::json;

use super::entries::{PARTS, Terms, page_entries};
use super::postings::Postings;
use super::{DIR, Page, WriteFile, script, t2s};

/// The size a term shard is filled to, in bytes, for `total` bytes of terms
/// and postings in all (a term whose postings are larger is a shard of its
/// own): √(3·total), at least 1 KiB.
///
/// A query loads about three shards (one per term) and the manifest, which
/// lists the first term of each shard, about 9 bytes each: 3·S + 9·total/S
/// bytes, the least at S = √(3·total). That is about 1 KiB for the bundled
/// course and 9 KiB for 10,000 pages of real text (see README, Search).
pub fn shard_bytes(total: usize) -> usize {
    ((3.0 * total as f64).sqrt() as usize).max(1024)
}

/// The version of the file format (`v` in the manifest).
pub const FORMAT: u32 = 3;

/// Builds the index from pages handed to it in site order.
pub struct Indexer<'w> {
    write: &'w WriteFile<'w>,
    /// Every term with its postings, in [`PARTS`] parts.
    parts: Vec<HashMap<Box<str>, Postings, FixedState>>,
    /// Entries so far.
    entries: u32,
}

impl<'w> Indexer<'w> {
    pub fn new(write: &'w WriteFile<'w>) -> Indexer<'w> {
        Indexer {
            write,
            parts: (0..PARTS).map(|_| HashMap::default()).collect(),
            entries: 0,
        }
    }

    /// Adds the next pages (in site order): their entries are counted and
    /// their files written in parallel, then their postings added, part by
    /// part in parallel, each part in order.
    pub fn add(&mut self, pages: Vec<Page>) {
        let start = self.entries;
        // The number of each page's first entry.
        let mut first = Vec::with_capacity(pages.len());
        for p in &pages {
            first.push(self.entries);
            self.entries += p.sections.len() as u32;
        }
        let write = self.write;
        let counted: Vec<Vec<Terms>> = pages
            .into_par_iter()
            .zip(first)
            .map(|(page, first)| page_entries(page, first, write))
            .collect();
        let entries: Vec<Terms> = counted.into_iter().flatten().collect();
        self.parts.par_iter_mut().enumerate().for_each(|(p, terms)| {
            for (doc, entry) in (start..).zip(&entries) {
                for (term, code) in entry.part(p) {
                    match terms.get_mut(term) {
                        Some(postings) => postings.push(doc, code),
                        None => {
                            let mut postings = Postings::default();
                            postings.push(doc, code);
                            terms.insert(term.into(), postings);
                        }
                    }
                }
            }
        });
    }

    /// Writes the term shards and the manifest.
    pub fn finish(self) {
        let mut terms: Vec<(Box<str>, Postings)> = self.parts.into_iter().flatten().collect();
        // In order (of their characters), so that the browser finds a term's
        // shard by comparing it with the first term of each.
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let len = |(term, postings): &(Box<str>, Postings)| term.len() + postings.bytes.len() + 6;
        let target = shard_bytes(terms.iter().map(len).sum());
        let mut shards: Vec<&[(Box<str>, Postings)]> = Vec::new();
        let (mut start, mut size) = (0, 0);
        for (i, term) in terms.iter().enumerate() {
            let len = len(term);
            if size > 0 && size + len > target {
                shards.push(&terms[start..i]);
                (start, size) = (i, 0);
            }
            size += len;
        }
        shards.push(&terms[start..]);
        shards.par_iter().enumerate().for_each(|(i, shard)| {
            let mut json = Vec::with_capacity(target + 64);
            json.push(b'{');
            for (n, (term, postings)) in shard.iter().enumerate() {
                if n > 0 {
                    json.push(b',');
                }
                // Terms are letters, digits and CJK characters, which JSON
                // leaves as they are; postings need no escaping either.
                json.push(b'"');
                json.extend_from_slice(term.as_bytes());
                json.extend_from_slice(b"\":\"");
                json.extend_from_slice(&postings.bytes);
                json.push(b'"');
            }
            json.push(b'}');
            (self.write)(&format!("{DIR}/t{i}.js"), &script("t", i, &json));
        });
        let first_terms: Vec<&str> = shards.iter().map(|s| s.first().map_or("", |t| &*t.0)).collect();
        let manifest = json!({
            "v": FORMAT,
            "n": self.entries,
            "shards": first_terms,
            "t2s": t2s::compact(),
        });
        (self.write)(
            &format!("{DIR}/index.js"),
            &script("m", 0, manifest.to_string().as_bytes()),
        );
    }
}
