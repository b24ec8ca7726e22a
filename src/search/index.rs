//! The search index: postings per term with title / heading / body counts,
//! ranking (the same rules as templates/search.js) and the JavaScript files
//! the browser loads on demand.

use std::collections::{BTreeMap, HashMap};

use std::fmt::Write as _;

use rayon::prelude::*;
use serde_json::{Value, json};

use super::t2s;
use super::tokenize::{MAX_WORD, Mode, is_prefix_term, shard_of, tokenize};

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

/// Target size of one term shard and one document shard, in bytes.
const TERM_SHARD_BYTES: usize = 48 * 1024;
const DOC_SHARD_BYTES: usize = 96 * 1024;
const MAX_SHARDS: usize = 512;
/// Where the files go in the output.
pub const DIR: &str = "static/search";

/// A small, fast, deterministic hasher for the term maps (the keys are our own
/// tokens, so flooding resistance is not needed; SipHash was a tenth of the time).
#[derive(Default)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastHash = std::hash::BuildHasherDefault<FxHasher>;

/// Entries counted in parallel before their terms are merged.
const COUNT_CHUNK: usize = 256;

/// One entry's terms with their counts per field.
fn count_terms(doc: usize, e: &Entry) -> Vec<(String, Posting)> {
    let mut counts: HashMap<String, Posting, FastHash> = HashMap::default();
    let mut count = |text: &str, field: fn(&mut Posting) -> &mut u32| {
        for t in tokenize(text, Mode::Index) {
            let p = counts.entry(t.text).or_default();
            *field(p) += 1;
        }
    };
    count(&e.title, |p| &mut p.title);
    for h in &e.headings {
        count(h, |p| &mut p.heading);
    }
    count(&e.text, |p| &mut p.body);
    let doc = u32::try_from(doc).unwrap_or(u32::MAX);
    counts
        .into_iter()
        .map(|(t, mut p)| {
            p.doc = doc;
            (t, p)
        })
        .collect()
}

impl Index {
    pub fn build(entries: Vec<Entry>) -> Index {
        // Count terms a chunk of entries at a time (in parallel within the
        // chunk) and merge each chunk at once, in entry order, so memory holds
        // the merged postings plus one chunk's counts, not every entry's.
        let mut merged: HashMap<String, Vec<Posting>, FastHash> = HashMap::default();
        let docs: Vec<usize> = (0..entries.len()).collect();
        for chunk in docs.chunks(COUNT_CHUNK) {
            let counted: Vec<Vec<(String, Posting)>> = chunk
                .par_iter()
                .map(|&doc| count_terms(doc, &entries[doc]))
                .collect();
            for (term, p) in counted.into_iter().flatten() {
                merged.entry(term).or_default().push(p);
            }
        }
        // Sort the terms once.
        let terms: BTreeMap<String, Vec<Posting>> = merged.into_iter().collect();
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

    /// The index as JavaScript files (path under the site root, contents):
    /// `index.js` (the manifest), `t<i>.js` (terms by first character) and
    /// `d<j>.js` (entries: URL, title, module, text).
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut modules: Vec<&str> = Vec::new();
        let module_ids: Vec<i64> = self
            .entries
            .iter()
            .map(|e| match &e.module {
                Some(m) => match modules.iter().position(|x| x == m) {
                    Some(i) => i as i64,
                    None => {
                        modules.push(m);
                        (modules.len() - 1) as i64
                    }
                },
                None => -1,
            })
            .collect();

        let estimate: usize = self.terms.iter().map(|(t, ps)| t.len() + 4 + ps.len() * 7).sum();
        let k = estimate.div_ceil(TERM_SHARD_BYTES).clamp(1, MAX_SHARDS);
        let mut shards: Vec<String> = vec![String::from("{"); k];
        for (term, ps) in &self.terms {
            let Some(s) = shards.get_mut(shard_of(term, k)) else {
                continue;
            };
            if s.len() > 1 {
                s.push(',');
            }
            s.push_str(&Value::from(term.as_str()).to_string());
            s.push_str(":[");
            let mut last = 0u32;
            for (i, p) in ps.iter().enumerate() {
                let sep = if i == 0 { "" } else { "," };
                let _ = write!(s, "{sep}{},{}", p.doc - last, p.code());
                last = p.doc;
            }
            s.push(']');
        }

        let mut doc_shards: Vec<Vec<Value>> = Vec::new();
        let mut starts: Vec<usize> = Vec::new();
        let mut size = usize::MAX;
        for (i, e) in self.entries.iter().enumerate() {
            let len = e.url.len() + e.title.len() + e.text.len() + 16;
            if size.saturating_add(len) > DOC_SHARD_BYTES && size > 0 {
                doc_shards.push(Vec::new());
                starts.push(i);
                size = 0;
            }
            size += len;
            if let Some(s) = doc_shards.last_mut() {
                s.push(json!([e.url, e.title, module_ids[i], e.text]));
            }
        }

        let manifest = json!({
            "v": 1,
            "k": k,
            "n": self.entries.len(),
            "ds": starts,
            "modules": modules,
            "max": MAX_WORD,
            "t2s": t2s::compact(),
        });
        let mut files = vec![(format!("{DIR}/index.js"), script("m", 0, &manifest))];
        for (i, mut s) in shards.into_iter().enumerate() {
            s.push('}');
            files.push((format!("{DIR}/t{i}.js"), script_raw("t", i, &s)));
        }
        for (j, d) in doc_shards.into_iter().enumerate() {
            files.push((format!("{DIR}/d{j}.js"), script("d", j, &Value::Array(d))));
        }
        files
    }
}

fn score(mut h: Hit, p: &Posting) -> Hit {
    h.title_terms += usize::from(p.title > 0);
    h.heading_terms += usize::from(p.heading > 0);
    h.tf += p.title + p.heading + p.body;
    h
}

/// `window.__coursegenSearch.add(kind, i, data);`: JSON is valid JavaScript.
fn script(kind: &str, i: usize, data: &Value) -> Vec<u8> {
    script_raw(kind, i, &data.to_string())
}

fn script_raw(kind: &str, i: usize, json: &str) -> Vec<u8> {
    let mut s = format!("window.__coursegenSearch&&window.__coursegenSearch.add(\"{kind}\",{i},");
    s.push_str(json);
    s.push_str(");\n");
    s.into_bytes()
}
