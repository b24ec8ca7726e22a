//! A plain version of the least work an exact character-bigram index does
//! per page, as a yardstick for the search index's share of a build:
//!
//!   cargo run --release --example bigram_floor -- COURSE_DIR
//!
//! For every Markdown file under COURSE_DIR (read once, before timing): each
//! pair of adjacent CJK ideographs (U+4E00–U+9FFF, three UTF-8 bytes each)
//! becomes a 32-bit key, and each page's distinct keys are found with a
//! small open-addressing set that is reused from page to page: no Markdown,
//! no normalisation, no counts per field, no postings, no output. An index
//! of every page's sub-words does at least this much per character, however
//! it does it (coursegen's own counting loop, which also normalises and
//! counts per field, takes about as long per character). Prints the
//! characters, the distinct page-keys (postings) and the time of the loop,
//! on one thread.

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: bigram_floor COURSE_DIR");
        std::process::exit(2);
    };
    let mut pages: Vec<Vec<u8>> = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md")
                && let Ok(bytes) = std::fs::read(&p)
            {
                pages.push(bytes);
            }
        }
    }
    let start = Instant::now();
    let mut set = PageSet::new(1 << 12);
    let (mut chars, mut postings) = (0usize, 0usize);
    for page in &pages {
        let mut last = 0u32;
        let mut i = 0;
        while let Some(&[b0, b1, b2]) = page.get(i..i + 3) {
            if (0xE4..=0xE9).contains(&b0) {
                let c = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
                if last != 0 {
                    set.insert(last << 16 | c);
                }
                last = c;
                chars += 1;
                i += 3;
            } else {
                last = 0;
                i += 1;
            }
        }
        postings += set.drain();
    }
    let took = start.elapsed();
    println!(
        "{} pages, {chars} CJK characters, {postings} postings: {:.1} ms ({:.2} ns per character)",
        pages.len(),
        took.as_secs_f64() * 1e3,
        took.as_secs_f64() * 1e9 / chars.max(1) as f64
    );
}

/// A set of non-zero `u32` keys, at most half full, emptied per page.
struct PageSet {
    slots: Vec<u32>,
    used: Vec<u32>,
}

impl PageSet {
    fn new(slots: usize) -> PageSet {
        PageSet {
            slots: vec![0; slots],
            used: Vec::new(),
        }
    }

    #[inline(always)]
    fn insert(&mut self, key: u32) {
        let mask = self.slots.len() - 1;
        let mut i = (key.wrapping_mul(0x9E37_79B9) >> 16) as usize & mask;
        loop {
            match self.slots[i] {
                0 => return self.add(i, key),
                k if k == key => return,
                _ => i = (i + 1) & mask,
            }
        }
    }

    #[inline(never)]
    fn add(&mut self, i: usize, key: u32) {
        self.slots[i] = key;
        self.used.push(i as u32);
        if 2 * self.used.len() > self.slots.len() {
            self.grow();
        }
    }

    fn grow(&mut self) {
        let keys: Vec<u32> = self.used.iter().map(|&i| self.slots[i as usize]).collect();
        *self = PageSet::new(2 * self.slots.len());
        for k in keys {
            self.insert(k);
        }
    }

    /// Empties the set; returns how many keys it held.
    fn drain(&mut self) -> usize {
        for &i in &self.used {
            self.slots[i as usize] = 0;
        }
        let n = self.used.len();
        self.used.clear();
        n
    }
}
