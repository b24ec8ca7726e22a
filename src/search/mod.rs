//! Full-text search that works in Chinese, built at build time and run in the
//! browser without a server (also from `file://`).
//!
//! * [`tokenize`] — normalisation ([`normalize`]: full-width, case,
//!   Traditional → Simplified) and CJK bigrams / words; templates/search.js
//!   has the same algorithm.
//! * [`entries`] — a page's searchable entries, from the plain text its
//!   Markdown rendering kept (`markdown::plain`); [`text`] — HTML → plain
//!   text, and [`text::PlainText`], a text made of pieces of HTML and text.
//! * [`terms`] — [`count_page`]: one page's term counts, on a worker thread,
//!   grouped by the part of the index they go to (`terms::PARTS`); `counts`
//!   holds the innermost loop (every character of every page).
//! * [`writer`] — [`IndexWriter`]: pages in site order → the index as
//!   JavaScript files under `static/search/`: a manifest, term shards (by the
//!   first character of a term, postings encoded as in [`postings`]) and entry
//!   shards, which the page loads with `<script>` tags only when the search
//!   box is first used; `termtable` keeps the postings of one part's terms
//!   meanwhile (the parts are filled in parallel).
//! * `bytescan` — finding the first byte of a class sixteen bytes at a time
//!   (whitespace and HTML in a page's text, JSON escapes).
//! * [`index`] — the index in memory and ranking, for Rust callers and tests.

mod bytescan;
mod counts;
pub mod entries;
pub mod index;
pub mod normalize;
pub mod postings;
#[cfg(test)]
mod samples;
pub mod t2s;
pub mod terms;
mod termtable;
pub mod text;
pub mod tokenize;
pub mod writer;

pub use entries::page_entries;
pub use index::{Entry, Hit, Index};
pub use terms::{PageCounter, PageTerms, count_page};
pub use writer::IndexWriter;

use rayon::prelude::*;

use crate::model::Course;
use crate::render::Documents;
use crate::site::Site;

/// The entries of a course: every lesson, module overview, root page (each
/// `###` section of a root page, such as a glossary term, on its own) and
/// quiz (title and question prompts).
pub fn entries(course: &Course, site: &Site, docs: &Documents) -> Vec<Entry> {
    let per_page: Vec<Vec<Entry>> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| page_entries(course, site, i, doc(docs, i), quiz(docs, i)))
        .collect();
    per_page.into_iter().flatten().collect()
}

fn doc(docs: &Documents, i: usize) -> Option<&crate::markdown::Rendered> {
    docs.docs.get(i).and_then(Option::as_ref)
}

fn quiz(docs: &Documents, i: usize) -> Option<&crate::quiz::view::QuizView> {
    docs.quizzes.get(i).and_then(Option::as_ref)
}

/// The search index files of a prepared course whose documents kept their
/// HTML (paths under the site root). The dev server uses this; a build counts
/// each page as it renders it instead (`render::render_site`).
pub fn index_files(course: &Course, site: &Site, docs: &Documents) -> Vec<(String, Vec<u8>)> {
    let counted: Vec<PageTerms> = (0..site.pages.len())
        .into_par_iter()
        .map_init(PageCounter::new, |counter, i| {
            counter.count(page_entries(course, site, i, doc(docs, i), quiz(docs, i)))
        })
        .collect();
    let mut writer = IndexWriter::new();
    writer.add_pages(counted);
    writer.finish()
}
