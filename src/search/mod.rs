//! The index stage: full-text search that works in Chinese, built after the
//! pages are rendered and run in the browser without a server (also from
//! `file://`, and under a subpath).
//!
//! It reads [`Page`]s — each page's URL, title, module and text, split into
//! the sections that are results of their own — and writes the index as
//! plain scripts under `static/search/`, which templates/search.js loads only
//! when the search box is first used:
//!
//! * `index.js`, the manifest: the entry count, the first term of each term
//!   shard and the Traditional → Simplified table ([`t2s`]);
//! * `t<i>.js`, the term shards: every term in order (of its characters), cut
//!   into files of about [`writer::shard_bytes`], each term with its
//!   postings ([`postings`]);
//! * `e<n>.js`, one file per entry: URL, title, module and text (for the
//!   snippet), loaded only for the results shown.
//!
//! [`tokenize`] is the tokenizer (templates/search-core.js has the same one
//! for queries); [`entries`] turns a page into entries and counts their
//! terms; [`writer::Indexer`] gathers the postings and writes the files.
//! Ranking happens only in the browser (templates/search-core.js).

pub mod entries;
pub mod postings;
pub mod t2s;
pub mod tokenize;
pub mod writer;

use std::sync::Mutex;
use std::sync::mpsc::{SyncSender, sync_channel};

pub use writer::Indexer;

/// One page as the index reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// Site-relative URL.
    pub url: String,
    pub title: String,
    /// The module the page belongs to, shown under its result.
    pub module: Option<String>,
    /// The page's own entry (no anchor) and the sections that are results
    /// of their own (such as the terms of a glossary), in page order.
    pub sections: Vec<Section>,
}

/// A searchable part of a page: one result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The id of the heading the section starts at (its result links to
    /// `url#anchor` and shows the page title as its module); `None` for the
    /// page's own entry.
    pub anchor: Option<String>,
    pub title: String,
    /// Terms in headings rank above terms in the text.
    pub headings: Vec<String>,
    /// What a reader sees, headings included.
    pub text: String,
}

/// Writes one file of the index (path under the site root, contents).
pub type WriteFile<'a> = dyn Fn(&str, &[u8]) + Sync + 'a;

/// Where the files go in the output.
pub const DIR: &str = "static/search";

/// Writes the index of `pages` (in site order).
pub fn write_index(pages: Vec<Page>, write: &WriteFile<'_>) {
    let mut index = Indexer::new(write);
    index.add(pages);
    index.finish();
}

/// The index files of `pages` (path under the site root, contents), sorted
/// by path.
pub fn index_files(pages: Vec<Page>) -> Vec<(String, Vec<u8>)> {
    let files = Mutex::new(Vec::new());
    write_index(pages, &|path, bytes| {
        if let Ok(mut files) = files.lock() {
            files.push((path.to_string(), bytes.to_vec()));
        }
    });
    let mut files = files.into_inner().unwrap_or_default();
    files.sort();
    files
}

/// `window.__coursegenSearch&&window.__coursegenSearch.add("kind",i,json);`,
/// one file of the index (JSON is JavaScript).
fn script(kind: &str, i: usize, json: &[u8]) -> Vec<u8> {
    let mut out =
        format!("window.__coursegenSearch&&window.__coursegenSearch.add(\"{kind}\",{i},").into_bytes();
    out.extend_from_slice(json);
    out.extend_from_slice(b");\n");
    out
}

/// Hands pages to an index built alongside ([`write_index_alongside`]).
#[derive(Debug)]
pub struct Feed(SyncSender<Vec<Page>>);

impl Feed {
    /// Adds the next pages (in site order).
    pub fn add(&mut self, pages: Vec<Page>) {
        // The index thread only stops early by panicking, which
        // `write_index_alongside` passes on.
        let _ = self.0.send(pages);
    }
}

/// Runs `f` (a build's render stage) while the index of the pages it hands
/// to its [`Feed`] is built on a thread of its own; then writes the rest of
/// the index and returns what `f` returned.
///
/// A page's text is indexed, its entry file written and the text dropped
/// soon after the page is rendered, so that a large site's texts are never
/// all in memory at once; the feed holds at most two batches waiting.
pub fn write_index_alongside<R>(write: &WriteFile<'_>, f: impl FnOnce(&mut Feed) -> R) -> R {
    let (tx, rx) = sync_channel::<Vec<Page>>(2);
    std::thread::scope(|scope| {
        let indexer = scope.spawn(move || {
            let mut index = Indexer::new(write);
            for pages in rx {
                index.add(pages);
            }
            index.finish();
        });
        let mut feed = Feed(tx);
        let out = f(&mut feed);
        drop(feed);
        if let Err(panic) = indexer.join() {
            std::panic::resume_unwind(panic);
        }
        out
    })
}
