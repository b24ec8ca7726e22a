//! Counting one page's terms ([`count_page`], on a worker thread) into a
//! [`PageTerms`] that [`super::IndexWriter::add`] appends cheaply: CJK terms
//! are integers, words are interned per page, and each entry's document
//! record is already JSON.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::index::{Entry, Posting};
use super::tokenize::{CjkTerm, Mode, Term, scan};

/// A term of one page: a CJK term, or (with [`WORD`] set) the number of a
/// word in [`PageTerms::words`].
pub(crate) type PageKey = u64;

/// The bit that marks a [`PageKey`] as a page-local word number (CJK terms
/// use the low 42 bits).
pub(crate) const WORD: u64 = 1 << 63;

/// One page's entries with their term counts; computed on worker threads,
/// cheap to hold briefly.
#[derive(Debug, Default)]
pub struct PageTerms {
    pub(crate) entries: Vec<EntryTerms>,
    /// The words of the page, numbered as in the [`PageKey`]s.
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
    /// Each term once, with [`Posting::code`] of its counts.
    pub(crate) terms: Vec<(PageKey, u32)>,
}

/// The fields a term is counted in.
const TITLE: usize = 0;
const HEADING: usize = 1;
const BODY: usize = 2;

/// One entry's term counts per field: an open-addressing table (linear
/// probing, at most half full) keyed by [`PageKey`], with the slots in use
/// listed so that emptying it costs only what was used.
struct Counts {
    slots: Vec<Slot>,
    used: Vec<usize>,
}

/// A term key and its counts (saturating: [`Posting::code`] caps them lower).
#[derive(Clone, Copy)]
struct Slot {
    key: PageKey,
    counts: [u16; 3],
}

/// A free slot (no term key is 0: CJK characters are above U+3000, and words
/// have [`WORD`] set).
const FREE: Slot = Slot {
    key: 0,
    counts: [0; 3],
};

impl Counts {
    fn new() -> Counts {
        Counts {
            slots: vec![FREE; 2048],
            used: Vec::new(),
        }
    }

    /// The slot of `key`, or the free slot where it goes.
    #[inline]
    fn slot(&self, key: PageKey) -> usize {
        let mask = self.slots.len() - 1;
        // Fibonacci hashing: the top bits of the product.
        let bits = self.slots.len().trailing_zeros();
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
        while self.slots[i].key != key && self.slots[i].key != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    #[inline]
    fn add(&mut self, key: PageKey, field: usize) {
        let mut i = self.slot(key);
        if self.slots[i].key == 0 {
            if 2 * (self.used.len() + 1) > self.slots.len() {
                self.grow();
                i = self.slot(key);
            }
            self.slots[i].key = key;
            self.used.push(i);
        }
        let c = &mut self.slots[i].counts[field];
        *c = c.saturating_add(1);
    }

    fn grow(&mut self) {
        let old: Vec<Slot> = self.used.iter().map(|&i| self.slots[i]).collect();
        self.slots = vec![FREE; self.slots.len() * 2];
        self.used.clear();
        for s in old {
            let i = self.slot(s.key);
            self.slots[i] = s;
            self.used.push(i);
        }
    }

    /// Each term once with [`Posting::code`] of its counts; empties the table.
    fn drain(&mut self) -> Vec<(PageKey, u32)> {
        let mut out = Vec::with_capacity(self.used.len());
        for &i in &self.used {
            let Slot { key, counts } = std::mem::replace(&mut self.slots[i], FREE);
            let [title, heading, body] = counts.map(u32::from);
            let p = Posting {
                doc: 0,
                title,
                heading,
                body,
            };
            out.push((key, p.code()));
        }
        self.used.clear();
        out
    }
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

/// Counts the terms of a page's entries.
pub fn count_page(entries: Vec<Entry>) -> PageTerms {
    PageCounter::new().count(entries)
}

/// Counts pages like [`count_page`], keeping its scratch space from one page
/// to the next (one per worker thread, e.g. with rayon's `map_init`).
pub struct PageCounter {
    counts: Counts,
    word_ids: FastMap<Box<str>, u32>,
    scratch: String,
}

impl Default for PageCounter {
    fn default() -> PageCounter {
        PageCounter::new()
    }
}

impl PageCounter {
    pub fn new() -> PageCounter {
        PageCounter {
            counts: Counts::new(),
            word_ids: FastMap::default(),
            scratch: String::new(),
        }
    }

    /// The terms of a page's entries.
    pub fn count(&mut self, entries: Vec<Entry>) -> PageTerms {
        let PageCounter {
            counts,
            word_ids,
            scratch,
        } = self;
        word_ids.clear();
        let mut page = PageTerms::default();
        for e in entries {
            count_entry(e, counts, word_ids, scratch, &mut page);
        }
        page
    }
}

/// Counts one entry into `page`.
fn count_entry(
    e: Entry,
    counts: &mut Counts,
    word_ids: &mut FastMap<Box<str>, u32>,
    scratch: &mut String,
    page: &mut PageTerms,
) {
    let mut count = |text: &str, field: usize| {
        scan(text, Mode::Index, scratch, |term, _| {
            let key = match term {
                Term::Cjk(CjkTerm(k)) => k,
                Term::Word(w) => WORD | u64::from(word_id(word_ids, &mut page.words, w)),
            };
            counts.add(key, field);
        });
    };
    count(&e.title, TITLE);
    for h in &e.headings {
        count(h, HEADING);
    }
    count(&e.text, BODY);
    let terms = counts.drain();
    let mut head = Vec::with_capacity(e.url.len() + e.title.len() + 8);
    head.push(b'[');
    push_json_str(&mut head, &e.url);
    head.push(b',');
    push_json_str(&mut head, &e.title);
    head.push(b',');
    let mut tail = Vec::with_capacity(e.text.len() + 8);
    tail.push(b',');
    push_json_str(&mut tail, &e.text);
    tail.push(b']');
    page.entries.push(EntryTerms {
        head,
        module: e.module,
        tail,
        size: e.url.len() + e.title.len() + e.text.len() + 16,
        terms,
    });
}

/// The page-local number of word `w`.
fn word_id(ids: &mut FastMap<Box<str>, u32>, words: &mut Vec<Box<str>>, w: &str) -> u32 {
    if let Some(&id) = ids.get(w) {
        return id;
    }
    let id = u32::try_from(words.len()).unwrap_or(u32::MAX);
    words.push(w.into());
    ids.insert(w.into(), id);
    id
}

/// Appends `s` as a JSON string.
pub(crate) fn push_json_str(out: &mut Vec<u8>, s: &str) {
    // Writing to a Vec cannot fail.
    let _ = serde_json::to_writer(out, s);
}
