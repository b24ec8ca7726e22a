//! [`IndexWriter`]: accumulates counted pages in site order and writes the
//! index files. It keeps each term's postings as encoded bytes
//! ([`super::postings`]) and each finished document shard as bytes, never the
//! entries themselves.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde_json::json;

use super::counts::unpacked;
use super::index::Posting;
use super::postings::decode;
use super::t2s;
use super::terms::{FastMap, PARTS, PageTerms, WORD, push_json_str};
use super::termtable::TermTable;
use super::tokenize::{CjkTerm, MAX_WORD};

/// Writes one file of the index (path under the site root, contents).
pub type WriteFile<'a> = dyn Fn(&str, &[u8]) + Sync + 'a;

/// Target size of one term shard and one document shard, in bytes.
const TERM_SHARD_BYTES: usize = 48 * 1024;
const DOC_SHARD_BYTES: usize = 96 * 1024;
const MAX_SHARDS: usize = 512;
/// Where the files go in the output.
pub const DIR: &str = "static/search";
/// The version of the file format (`v` in the manifest).
const FORMAT: u32 = 2;

/// Accumulates pages in site order and writes the index files.
#[derive(Debug)]
pub struct IndexWriter {
    /// Every term with its postings, a table per [`PARTS`] part: a CJK term
    /// by its key, a word by [`WORD`] and its number in `words`.
    terms: Vec<TermTable>,
    word_ids: FastMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    modules: Vec<String>,
    module_ids: FastMap<String, usize>,
    /// Entries added so far.
    entries: u32,
    docs: DocShards,
}

/// The document shards: `[url, title, module, text]` per entry, as the
/// `d<j>.js` scripts.
#[derive(Debug)]
struct DocShards {
    done: Vec<Vec<u8>>,
    /// Shards already handed out by [`IndexWriter::take_finished`].
    taken: usize,
    current: Vec<u8>,
    /// The size counted for the current shard (`usize::MAX` before the first).
    size: usize,
    /// The first entry of each shard.
    starts: Vec<u32>,
}

impl Default for DocShards {
    fn default() -> DocShards {
        DocShards {
            done: Vec::new(),
            taken: 0,
            current: Vec::new(),
            size: usize::MAX,
            starts: Vec::new(),
        }
    }
}

impl DocShards {
    fn push(&mut self, doc: u32, size: usize, record: [&[u8]; 3]) {
        if self.size.saturating_add(size) > DOC_SHARD_BYTES && self.size > 0 {
            self.close();
            self.current = script_start("d", self.taken + self.done.len());
            self.current.push(b'[');
            self.starts.push(doc);
            self.size = 0;
        } else {
            self.current.push(b',');
        }
        self.size += size;
        for part in record {
            self.current.extend_from_slice(part);
        }
    }

    fn close(&mut self) {
        if !self.current.is_empty() {
            self.current.extend_from_slice(b"]);\n");
            self.done.push(std::mem::take(&mut self.current));
        }
    }
}

impl Default for IndexWriter {
    fn default() -> IndexWriter {
        IndexWriter::new()
    }
}

impl IndexWriter {
    pub fn new() -> IndexWriter {
        IndexWriter {
            // Room for a small course's terms (a real one of a few dozen pages has
            // about 19,000) before the tables grow.
            terms: (0..PARTS).map(|_| TermTable::with_capacity(1024)).collect(),
            word_ids: FastMap::default(),
            words: Vec::new(),
            modules: Vec::new(),
            module_ids: FastMap::default(),
            entries: 0,
            docs: DocShards::default(),
        }
    }

    /// Appends the entries of the next page (called in page order).
    pub fn add(&mut self, page: PageTerms) {
        self.add_pages(std::iter::once(page));
    }

    /// Appends the entries of the next pages (in page order): each entry's
    /// document record in turn, then the postings part by part, the parts
    /// in parallel.
    pub fn add_pages(&mut self, pages: impl IntoIterator<Item = PageTerms>) {
        // (entry number, terms and their parts, the page's word keys)
        let mut batch: Vec<(u32, Vec<u64>, [u32; PARTS + 1], usize)> = Vec::new();
        let mut word_keys: Vec<Vec<u64>> = Vec::new();
        for page in pages {
            // The page's word numbers as the writer's word keys.
            let words: Vec<u64> = page
                .words
                .into_iter()
                .map(|w| WORD | u64::from(self.word_number(w)))
                .collect();
            word_keys.push(words);
            for e in page.entries {
                let doc = self.entries;
                self.entries += 1;
                let mut module = itoa_buf();
                let module = match e.module {
                    Some(m) => write_number(&mut module, self.module_id(m)),
                    None => b"-1".as_slice(),
                };
                self.docs.push(doc, e.size, [&e.head, module, &e.tail]);
                batch.push((doc, e.terms, e.parts, word_keys.len() - 1));
            }
        }
        self.terms.par_iter_mut().enumerate().for_each(|(p, table)| {
            for (doc, terms, parts, page) in &batch {
                let words = word_keys.get(*page).map_or(&[][..], Vec::as_slice);
                let part = terms.get(parts[p] as usize..parts[p + 1] as usize).unwrap_or(&[]);
                let mut terms = part.iter().map(|&term| {
                    let (key, code) = unpacked(term);
                    match key & WORD {
                        0 => (key, code),
                        _ => (words.get((key & !WORD) as usize).copied().unwrap_or(WORD), code),
                    }
                });
                table.add_postings(*doc, &mut terms);
            }
        });
    }

    /// The writer's number of word `w`.
    fn word_number(&mut self, w: Box<str>) -> u32 {
        if let Some(&n) = self.word_ids.get(&w) {
            return n;
        }
        let n = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.words.push(w.clone());
        self.word_ids.insert(w, n);
        n
    }

    /// The text of term `key`.
    fn name(&self, key: u64) -> String {
        if key & WORD != 0 {
            return self
                .words
                .get((key & !WORD) as usize)
                .map(|w| w.to_string())
                .unwrap_or_default();
        }
        let mut s = String::new();
        CjkTerm(key).push_to(&mut s);
        s
    }

    fn module_id(&mut self, m: String) -> usize {
        if let Some(&id) = self.module_ids.get(&m) {
            return id;
        }
        self.modules.push(m.clone());
        self.module_ids.insert(m, self.modules.len() - 1);
        self.modules.len() - 1
    }

    /// The document shards completed so far (each file once), so that a build
    /// can write them as it goes instead of holding every page's text.
    pub fn take_finished(&mut self) -> Vec<(String, Vec<u8>)> {
        let first = self.docs.taken;
        self.docs.taken += self.docs.done.len();
        self.docs
            .done
            .drain(..)
            .enumerate()
            .map(|(j, d)| (format!("{DIR}/d{}.js", first + j), d))
            .collect()
    }

    /// Every term with its postings (as the browser decodes them), in order.
    pub fn terms(&self) -> BTreeMap<String, Vec<Posting>> {
        self.terms
            .iter()
            .flat_map(TermTable::iter)
            .map(|(key, bytes)| (self.name(key), decode(bytes)))
            .collect()
    }

    /// The index files (path under the site root, contents): `index.js` (the
    /// manifest), `t<i>.js` (terms by first character) and `d<j>.js`
    /// (entries: URL, title, module, text).
    pub fn finish(self) -> Vec<(String, Vec<u8>)> {
        self.finish_writing(None)
    }

    /// [`IndexWriter::finish`], except that when `write` is given each term
    /// shard goes to it as soon as it is made, and is then dropped, instead
    /// of being returned: the shards are never all in memory at once.
    pub fn finish_writing(mut self, write: Option<&WriteFile<'_>>) -> Vec<(String, Vec<u8>)> {
        self.docs.close();
        // Postings plus about 12 bytes for the term and punctuation.
        let all = || self.terms.iter().flat_map(TermTable::iter);
        let estimate: usize = all().map(|(_, bytes)| bytes.len() + 12).sum();
        let k = estimate.div_ceil(TERM_SHARD_BYTES).clamp(1, MAX_SHARDS);
        let mut groups: Vec<Vec<(TermName, &[u8])>> = (0..k).map(|_| Vec::new()).collect();
        for (key, bytes) in all() {
            let name = match key & WORD {
                0 => TermName::Cjk(CjkTerm(key)),
                _ => TermName::Word(self.words.get((key & !WORD) as usize).map_or("", |w| w)),
            };
            let shard = name.chars().next().map_or(0, |c| c as usize) % k;
            groups[shard].push((name, bytes));
        }
        let term_files: Vec<(String, Vec<u8>)> = groups
            .into_par_iter()
            .enumerate()
            .filter_map(|(i, g)| {
                let path = format!("{DIR}/t{i}.js");
                let bytes = term_shard(i, g);
                match write {
                    Some(write) => {
                        write(&path, &bytes);
                        None
                    }
                    None => Some((path, bytes)),
                }
            })
            .collect();

        let manifest = json!({
            "v": FORMAT,
            "k": k,
            "n": self.entries,
            "ds": self.docs.starts,
            "modules": self.modules,
            "max": MAX_WORD,
            "t2s": t2s::compact(),
        });
        let mut files = Vec::with_capacity(1 + k + self.docs.done.len());
        let mut m = script_start("m", 0);
        m.extend_from_slice(manifest.to_string().as_bytes());
        m.extend_from_slice(b");\n");
        files.push((format!("{DIR}/index.js"), m));
        files.extend(term_files);
        let first = self.docs.taken;
        for (j, d) in self.docs.done.into_iter().enumerate() {
            files.push((format!("{DIR}/d{}.js", first + j), d));
        }
        files
    }
}

/// Room for a number in decimal.
fn itoa_buf() -> [u8; 20] {
    [0; 20]
}

/// `n` in decimal, written at the end of `buf`.
fn write_number(buf: &mut [u8; 20], mut n: usize) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[at..];
        }
    }
}

/// A term's name as [`IndexWriter::finish`] sorts and writes it, without a
/// string of its own for each CJK term (most of them).
#[derive(Debug, Clone, Copy)]
enum TermName<'a> {
    Cjk(CjkTerm),
    Word(&'a str),
}

impl TermName<'_> {
    fn chars(self) -> impl Iterator<Item = char> {
        let (cjk, word) = match self {
            TermName::Cjk(t) => {
                let [a, b] =
                    [t.first(), (t.0 & 0x1F_FFFF) as u32].map(|u| char::from_u32(u).filter(|&c| c != '\0'));
                (a.into_iter().chain(b), "")
            }
            TermName::Word(w) => (None.into_iter().chain(None), w),
        };
        cjk.chain(word.chars())
    }

    /// The order of the names as strings (of their UTF-8 bytes, which is that
    /// of their characters; for two CJK terms, that of their keys).
    fn cmp(self, other: TermName<'_>) -> std::cmp::Ordering {
        match (self, other) {
            (TermName::Cjk(a), TermName::Cjk(b)) => a.cmp(&b),
            (TermName::Word(a), TermName::Word(b)) => a.cmp(b),
            _ => self.chars().cmp(other.chars()),
        }
    }

    /// Appends the name as a JSON string.
    fn push_json(self, out: &mut Vec<u8>) {
        match self {
            TermName::Word(w) => push_json_str(out, w),
            TermName::Cjk(_) => {
                // CJK characters need no escaping.
                out.push(b'"');
                for c in self.chars() {
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                out.push(b'"');
            }
        }
    }
}

/// The script of term shard `i`: `{"term":"postings",…}`, terms sorted.
fn term_shard(i: usize, mut terms: Vec<(TermName, &[u8])>) -> Vec<u8> {
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let size: usize = terms.iter().map(|(_, p)| p.len() + 16).sum();
    let mut out = script_start("t", i);
    out.reserve(size + 4);
    out.push(b'{');
    for (n, (term, postings)) in terms.into_iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        term.push_json(&mut out);
        out.extend_from_slice(b":\"");
        out.extend_from_slice(postings);
        out.push(b'"');
    }
    out.extend_from_slice(b"});\n");
    out
}

/// `window.__coursegenSearch&&window.__coursegenSearch.add(kind,i,` (the data
/// and `);` follow; JSON is valid JavaScript).
fn script_start(kind: &str, i: usize) -> Vec<u8> {
    let mut s = String::with_capacity(DOC_SHARD_BYTES + 1024);
    let _ = write!(
        s,
        "window.__coursegenSearch&&window.__coursegenSearch.add(\"{kind}\",{i},"
    );
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::samples::{Rng, texts};
    use crate::search::tokenize::{Mode, Term, scan};

    #[test]
    fn term_names_sort_and_print_as_their_strings() {
        // Every term of the sample texts, CJK and words alike.
        let mut keys: Vec<CjkTerm> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        for text in texts() {
            scan(&text, Mode::Index, &mut String::new(), |term, _| match term {
                Term::Cjk(t) => keys.push(t),
                Term::Word(w) => words.push(w.to_string()),
            });
        }
        let names: Vec<TermName> = keys
            .iter()
            .map(|&t| TermName::Cjk(t))
            .chain(words.iter().map(|w| TermName::Word(w)))
            .collect();
        let text = |n: TermName| n.chars().collect::<String>();
        let mut rng = Rng::new(1);
        for _ in 0..50_000 {
            let (a, b) = (names[rng.below(names.len())], names[rng.below(names.len())]);
            assert_eq!(a.cmp(b), text(a).cmp(&text(b)), "{a:?} {b:?}");
        }
        for &t in &keys {
            let mut name = String::new();
            t.push_to(&mut name);
            assert_eq!(text(TermName::Cjk(t)), name);
            let (mut got, mut want) = (Vec::new(), Vec::new());
            TermName::Cjk(t).push_json(&mut got);
            push_json_str(&mut want, &name);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn each_term_is_in_one_part_with_every_entry_that_has_it() {
        use crate::search::index::Entry;
        use crate::search::terms::count_page;
        // Pages of two entries each, sharing words and characters, added in
        // batches of different sizes.
        let texts = texts();
        let entries: Vec<Entry> = texts
            .iter()
            .map(|t| Entry {
                url: "u".into(),
                title: "标题".into(),
                text: t.clone(),
                ..Entry::default()
            })
            .collect();
        let pages: Vec<Vec<Entry>> = entries.chunks(2).map(<[Entry]>::to_vec).collect();
        let mut writer = IndexWriter::new();
        let mut counted = pages.iter().map(|p| count_page(p.clone()));
        let mut batch = 1;
        loop {
            let next: Vec<PageTerms> = counted.by_ref().take(batch).collect();
            if next.is_empty() {
                break;
            }
            writer.add_pages(next);
            batch += 2;
        }
        // No key in two parts.
        let mut keys: Vec<u64> = writer
            .terms
            .iter()
            .flat_map(TermTable::iter)
            .map(|(k, _)| k)
            .collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
        // Each term lists exactly the entries whose tokens include it.
        let got = writer.terms();
        let mut want: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (doc, e) in entries.iter().enumerate() {
            let mut seen = std::collections::BTreeSet::new();
            for text in [&e.title, &e.text] {
                scan(text, Mode::Index, &mut String::new(), |term, _| {
                    let name = match term {
                        Term::Cjk(t) => {
                            let mut s = String::new();
                            t.push_to(&mut s);
                            s
                        }
                        Term::Word(w) => w.to_string(),
                    };
                    seen.insert(name);
                });
            }
            for name in seen {
                want.entry(name).or_default().push(doc as u32);
            }
        }
        let got: BTreeMap<String, Vec<u32>> = got
            .into_iter()
            .map(|(name, ps)| (name, ps.iter().map(|p| p.doc).collect()))
            .collect();
        assert_eq!(got, want);
    }
}
