//! Micro-benchmarks of the build's hot stages, per page, on the bundled course
//! (real Chinese lessons with tables, callouts, charts and links):
//!
//!   cargo bench --bench stages
//!
//! * `markdown` — one page's Markdown to HTML, with links resolved, heading
//!   ids, reading time and charts (`render::documents::render_markdown`);
//! * `template` — one page's view, sidebar and Tera template, from its
//!   rendered Markdown, written to a sink that discards it (`render::render_pages`);
//! * `search_index` — one page's search entries (from the plain text its
//!   Markdown rendering kept), their term counts, and its share of writing
//!   the index files.
//!
//! Each reports the time for every page of the course; divan's `items/s`
//! column is pages per second (the per-page time is its inverse).

use std::path::Path;
use std::sync::LazyLock;

use coursegen::build::{BuildOptions, Prepared, render_in_memory};
use coursegen::diagnostic::Diagnostics;
use coursegen::render::documents::render_markdown;
use coursegen::search::{IndexWriter, PageCounter, page_entries};
use coursegen::write::DiscardSink;
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// The bundled course, loaded, planned and rendered once (HTML kept).
static COURSE: LazyLock<Prepared> = LazyLock::new(|| {
    let opts = BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..Default::default()
    };
    render_in_memory(&opts).unwrap_or_else(|f| panic!("the bundled course must build: {:?}", f.diagnostics))
});

fn pages() -> Vec<usize> {
    (0..COURSE.site.pages.len()).collect()
}

#[divan::bench]
fn markdown(bencher: Bencher) {
    let p = &*COURSE;
    let pages = pages();
    bencher.counter(ItemsCount::new(pages.len())).bench(|| {
        for &i in &pages {
            divan::black_box(render_markdown(&p.course, &p.site, p.ui, i, false));
        }
    });
}

#[divan::bench]
fn template(bencher: Bencher) {
    let p = &*COURSE;
    let pages = pages();
    // One thread, so the figure is per page rather than per core count.
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    bencher.counter(ItemsCount::new(pages.len())).bench(|| {
        one.install(|| {
            let sink = DiscardSink::default();
            let mut diags = Diagnostics::default();
            let written = coursegen::render::render_pages(p, &pages, &sink, &mut diags);
            assert_eq!(written, pages.len());
        })
    });
}

#[divan::bench]
fn search_index(bencher: Bencher) {
    let p = &*COURSE;
    let pages = pages();
    bencher.counter(ItemsCount::new(pages.len())).bench(|| {
        let mut counter = PageCounter::new();
        let counted = pages.iter().map(|&i| {
            let doc = p.docs.docs[i].as_ref();
            let quiz = p.docs.quizzes[i].as_ref();
            counter.count(page_entries(&p.course, &p.site, i, doc, quiz))
        });
        let mut index = IndexWriter::new();
        index.add_pages(counted.collect::<Vec<_>>());
        divan::black_box(index.finish())
    });
}
