//! Counting one page's terms ([`count_page`], on a worker thread) into a
//! [`PageTerms`] that [`super::IndexWriter::add`] appends cheaply: CJK terms
//! are integers, words are interned per page, and each entry's document
//! record is already JSON.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::bytescan::{self, ByteClass, bytes_below, splat, zero_bytes};
use super::counts::{BODY, BODY_UNCAPPED, CAPPED_BODY, HEADING, KEY, TITLE, TermCounts};
use super::index::Entry;
use super::tokenize::{CjkBigrams, CjkTerm, Mode, TokenSink, scan_into};

/// The bit that marks a page's term key as a page-local word number (in the
/// low 32 bits) rather than a [`CjkTerm`] (which never reaches it: two code
/// points below U+40000, the first shifted by 21 bits).
pub(crate) const WORD: u64 = 1 << 39;

/// One page's entries with their term counts; computed on worker threads,
/// cheap to hold briefly.
#[derive(Debug, Default)]
pub struct PageTerms {
    pub(crate) entries: Vec<EntryTerms>,
    /// The words of the page, numbered as in the [`WORD`] keys.
    pub(crate) words: Vec<Box<str>>,
}

/// One entry: its document record and its terms with their count codes.
#[derive(Debug)]
pub(crate) struct EntryTerms {
    /// `["url","title",` (the module number follows) and `,"text"]`, as
    /// JSON.
    pub(crate) head: Vec<u8>,
    pub(crate) module: Option<String>,
    pub(crate) tail: Vec<u8>,
    /// The size the document shards count for this entry.
    pub(crate) size: usize,
    /// Each term once with [`Posting::code`](super::index::Posting::code)
    /// of its counts, [`packed`](super::counts::packed), grouped by
    /// [`part`]: those of part `p` are `terms[parts[p]..parts[p + 1]]`.
    pub(crate) terms: Vec<u64>,
    pub(crate) parts: [u32; PARTS + 1],
}

/// The number of parts the index's terms are split into ([`part`]): the
/// writer keeps the postings of each part in a table of its own and adds a
/// batch of pages part by part, in parallel, each part's table small enough
/// to stay in the cache.
pub(crate) const PARTS: usize = 16;

/// The part of a CJK term (by its key), in `0..PARTS`.
#[inline(always)]
pub(crate) fn cjk_part(key: u64) -> u8 {
    // Another multiplier than the tables' own hash, whose bits they use.
    (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> 60) as u8
}

/// The part of a word (by its text, the same on every page), in `0..PARTS`.
pub(crate) fn word_part(w: &str) -> u8 {
    let mut h = FxHasher::default();
    h.write(w.as_bytes());
    (h.finish() >> 60) as u8
}

/// A small, fast, deterministic hasher for integer term keys and words (our
/// own tokens, so flooding resistance is not needed).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        // The low bits of a product depend only on the low bits of the key
        // (for a bigram: its second character), and the table indexes by the
        // low bits: bring the well-mixed high bits down.
        self.0.rotate_left(26)
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Counts the tokens of one field (`F`: [`TITLE`], [`HEADING`], [`BODY`],
/// [`CAPPED_BODY`]).
struct FieldCounter<'a, const F: usize> {
    counts: &'a mut TermCounts,
    word_ids: &'a mut FastMap<Box<str>, u32>,
    word_parts: &'a mut Vec<u8>,
    /// Set when the text has a character that JSON escapes.
    escapes: &'a mut bool,
}

impl<const F: usize> TokenSink for FieldCounter<'_, F> {
    #[inline(always)]
    fn cjk(&mut self, term: CjkTerm, _: usize) {
        self.counts.add::<F>(term.0);
    }

    fn word(&mut self, w: &str, _: usize) {
        let id = word_id(self.word_ids, self.word_parts, w);
        self.counts.add::<F>(WORD | u64::from(id));
    }

    #[inline(always)]
    fn separator(&mut self, c: char) {
        // Every character outside the fast path comes here or to word(), and
        // all that JSON escapes come here.
        *self.escapes |= Escaped::has_char(c);
    }

    /// A function of its own, so that the loop has the registers to itself
    /// (inlined into the scan, it shares them with the scan's state).
    #[inline(never)]
    fn cjk_bigrams(&mut self, bigrams: &mut CjkBigrams<'_>, _: usize) {
        // A copy, which the compiler keeps in registers (the original, behind
        // a reference, would be written back after every term).
        let mut local = bigrams.clone();
        self.counts.add_all::<F>(&mut (&mut local).map(|term| term.0));
        *bigrams = local;
    }
}

/// Counts the terms of a page's entries.
pub fn count_page(entries: Vec<Entry>) -> PageTerms {
    PageCounter::new().count(entries)
}

/// Counts pages like [`count_page`], keeping its scratch space from one page
/// to the next (one per worker thread, e.g. with rayon's `map_init`).
pub struct PageCounter {
    counts: TermCounts,
    word_ids: FastMap<Box<str>, u32>,
    /// The [`word_part`] of each word of the page, by its number.
    word_parts: Vec<u8>,
    /// Scratch space for an entry's terms before they are grouped by part.
    drained: Vec<u64>,
    scratch: String,
    /// Whether the text scanned since this was cleared has a character that
    /// JSON escapes (the scan sees every character anyway, so the entry text
    /// needs no second pass to find out).
    escapes: bool,
}

impl Default for PageCounter {
    fn default() -> PageCounter {
        PageCounter::new()
    }
}

impl PageCounter {
    pub fn new() -> PageCounter {
        PageCounter {
            counts: TermCounts::with_capacity(1024),
            word_ids: FastMap::default(),
            word_parts: Vec::new(),
            drained: Vec::new(),
            scratch: String::new(),
            escapes: false,
        }
    }

    /// The terms of a page's entries.
    pub fn count(&mut self, entries: Vec<Entry>) -> PageTerms {
        let mut page = PageTerms::default();
        for e in entries {
            self.count_entry(e, &mut page);
        }
        // The words by number, moved out of the map (which keeps its room
        // for the next page).
        page.words = vec![Box::default(); self.word_ids.len()];
        for (w, id) in self.word_ids.drain() {
            page.words[id as usize] = w;
        }
        self.word_parts.clear();
        page
    }

    /// Counts one entry into `page`.
    fn count_entry(&mut self, e: Entry, page: &mut PageTerms) {
        self.count_field::<TITLE>(&e.title);
        for h in &e.headings {
            self.count_field::<HEADING>(h);
        }
        self.escapes = false;
        if e.text.len() < BODY_UNCAPPED {
            self.count_field::<BODY>(&e.text);
        } else {
            self.count_field::<CAPPED_BODY>(&e.text);
        }
        self.drained.clear();
        self.counts.drain_into(&mut self.drained);
        let (terms, parts) = by_part(&self.drained, &self.word_parts);
        let mut head = Vec::with_capacity(e.url.len() + e.title.len() + 8);
        head.push(b'[');
        push_json_str(&mut head, &e.url);
        head.push(b',');
        push_json_str(&mut head, &e.title);
        head.push(b',');
        let mut tail = Vec::with_capacity(e.text.len() + 8);
        tail.push(b',');
        if self.escapes {
            push_json_str(&mut tail, &e.text);
        } else {
            tail.push(b'"');
            tail.extend_from_slice(e.text.as_bytes());
            tail.push(b'"');
        }
        tail.push(b']');
        page.entries.push(EntryTerms {
            head,
            module: e.module,
            tail,
            size: e.url.len() + e.title.len() + e.text.len() + 16,
            terms,
            parts,
        });
    }

    /// Counts the tokens of `text` in field `F`.
    fn count_field<const F: usize>(&mut self, text: &str) {
        let mut sink = FieldCounter::<F> {
            counts: &mut self.counts,
            word_ids: &mut self.word_ids,
            word_parts: &mut self.word_parts,
            escapes: &mut self.escapes,
        };
        scan_into(text, Mode::Index, &mut self.scratch, &mut sink);
    }
}

/// The page-local number of word `w` (words are numbered as they come);
/// `parts` gets the part of each new one.
fn word_id(ids: &mut FastMap<Box<str>, u32>, parts: &mut Vec<u8>, w: &str) -> u32 {
    if let Some(&id) = ids.get(w) {
        return id;
    }
    let id = u32::try_from(ids.len()).unwrap_or(u32::MAX);
    ids.insert(w.into(), id);
    parts.push(word_part(w));
    id
}

/// `terms` ([`packed`](super::counts::packed)) grouped by part, in their
/// order within each, and where each part starts; `word_parts` holds the
/// parts of the page's words.
fn by_part(terms: &[u64], word_parts: &[u8]) -> (Vec<u64>, [u32; PARTS + 1]) {
    let part = |t: u64| -> usize {
        let key = t & KEY;
        let p = match key & WORD {
            0 => cjk_part(key),
            _ => word_parts.get((key & !WORD) as usize).copied().unwrap_or(0),
        };
        usize::from(p) % PARTS
    };
    let mut starts = [0u32; PARTS + 1];
    for &t in terms {
        starts[part(t) + 1] += 1;
    }
    for p in 0..PARTS {
        starts[p + 1] += starts[p];
    }
    let mut next = starts;
    let mut out = vec![0; terms.len()];
    for &t in terms {
        let p = part(t);
        if let Some(slot) = out.get_mut(next[p] as usize) {
            *slot = t;
        }
        next[p] += 1;
    }
    (out, starts)
}

/// The bytes a JSON string escapes: `"`, `\\` and the control characters.
struct Escaped;

impl Escaped {
    fn has_char(c: char) -> bool {
        c < ' ' || c == '"' || c == '\\'
    }
}

impl ByteClass for Escaped {
    fn has(b: u8) -> bool {
        Escaped::has_char(char::from(b))
    }

    #[inline(always)]
    fn marks(w: u64) -> u64 {
        bytes_below(w, 0x20) | zero_bytes(w ^ splat(b'"')) | zero_bytes(w ^ splat(b'\\'))
    }
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it (`"`, `\\`
/// and control characters; everything else as is), copying the runs between
/// escapes whole.
pub(crate) fn push_json_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    while let Some(at) = bytescan::find::<Escaped>(bytes, from) {
        out.extend_from_slice(&bytes[from..at]);
        let b = bytes[at];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
            }
        }
        from = at + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::search::counts::unpacked;
    use crate::search::index::Posting;
    use crate::search::samples::{Rng, texts};
    use crate::search::tokenize::tokenize;

    /// Each term of `entry` with its count code, by the tokenizer and the
    /// definition of the code alone.
    fn reference(entry: &Entry) -> BTreeMap<String, u32> {
        let mut counts: BTreeMap<String, [u32; 3]> = BTreeMap::new();
        let fields = [
            vec![entry.title.as_str()],
            entry.headings.iter().map(String::as_str).collect(),
            vec![entry.text.as_str()],
        ];
        for (f, texts) in fields.iter().enumerate() {
            for text in texts {
                for t in tokenize(text, Mode::Index) {
                    counts.entry(t.text).or_default()[f] += 1;
                }
            }
        }
        counts
            .into_iter()
            .map(|(term, [title, heading, body])| {
                let p = Posting {
                    doc: 0,
                    title,
                    heading,
                    body,
                };
                (term, p.code())
            })
            .collect()
    }

    /// The terms of a counted entry by name.
    fn named(e: &EntryTerms, words: &[Box<str>]) -> BTreeMap<String, u32> {
        let mut out = BTreeMap::new();
        for &t in &e.terms {
            let (key, code) = unpacked(t);
            let name = if key & WORD != 0 {
                words[(key & !WORD) as usize].to_string()
            } else {
                let mut s = String::new();
                CjkTerm(key).push_to(&mut s);
                s
            };
            assert!(out.insert(name, code).is_none(), "each term once");
        }
        out
    }

    #[test]
    fn counts_agree_with_the_tokenizer_on_every_kind_of_text() {
        let texts = texts();
        let mut rng = Rng::new(11);
        let mut counter = PageCounter::new();
        for page in 0..120 {
            let mut pick = || texts[rng.below(texts.len())].clone();
            let entries: Vec<Entry> = (0..1 + page % 4)
                .map(|n| Entry {
                    url: format!("p{page}.html#{n}"),
                    title: pick(),
                    module: None,
                    headings: (0..n).map(|_| pick()).collect(),
                    text: [pick(), pick(), pick()].concat(),
                })
                .collect();
            let want: Vec<BTreeMap<String, u32>> = entries.iter().map(reference).collect();
            // The entry text as JSON, as the document shards hold it.
            let tails: Vec<Vec<u8>> = entries
                .iter()
                .map(|e| {
                    let json = serde_json::to_string(&e.text).unwrap_or_default();
                    format!(",{json}]").into_bytes()
                })
                .collect();
            let page = counter.count(entries);
            let got: Vec<BTreeMap<String, u32>> =
                page.entries.iter().map(|e| named(e, &page.words)).collect();
            assert_eq!(got, want);
            for (e, tail) in page.entries.iter().zip(tails) {
                assert_eq!(String::from_utf8_lossy(&e.tail), String::from_utf8_lossy(&tail));
            }
        }
    }

    #[test]
    fn counts_are_capped_as_the_code_caps_them() {
        let entry = Entry {
            url: String::new(),
            title: "服务 ".repeat(150),
            module: None,
            headings: vec!["服务 NPS ".repeat(60), "服务 nps".repeat(60)],
            text: "服务".repeat(1100) + &" nps".repeat(998) + &"質量".repeat(400),
        };
        let want = reference(&entry);
        assert_eq!(want["服务"], 999 + 1000 * 99 + 100_000 * 99);
        let page = count_page(vec![entry]);
        assert_eq!(named(&page.entries[0], &page.words), want);
    }

    #[test]
    fn escaped_bytes_are_found_exactly() {
        bytescan::check::<Escaped>();
    }

    #[test]
    fn json_strings_are_escaped_like_serde_json() {
        let all_ascii: String = (0u8..128).map(char::from).collect();
        let samples = [
            "",
            "plain",
            "客户满意度，服务。",
            "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}i\u{1f}j\u{7f}",
            "\u{2028}\u{2029} </script> 🙂",
            "12345678\"12345678\\",
            &all_ascii,
        ];
        for s in samples.iter().map(|s| s.to_string()).chain(texts()) {
            for prefix in ["", "x", "xyz1234"] {
                let s = format!("{prefix}{s}");
                let mut out = Vec::new();
                push_json_str(&mut out, &s);
                assert_eq!(
                    String::from_utf8(out).ok(),
                    serde_json::to_string(&s).ok(),
                    "{s:?}"
                );
            }
        }
    }
}
