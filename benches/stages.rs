//! Micro-benchmarks of the build's hot stages, per page, on the bundled course
//! (real Chinese lessons with tables, callouts, charts and links):
//!
//!   cargo bench --bench stages
//!
//! * `markdown` — one page's Markdown to HTML, with links resolved, heading
//!   ids, reading time and charts (`render::documents::render_markdown`);
//! * `template` — one page's view, sidebar and Tera template, from its
//!   rendered Markdown, written to a sink that discards it (`render::render_pages`);
//! * `search_index` — the index stage for one page: its search page (from the
//!   text its rendering kept), its entries' term counts and files, and its
//!   share of the postings and term shards (`search::write_index`, on one
//!   thread, files discarded).
//!
//! Each reports the time for every page of the course; divan's `items/s`
//! column is pages per second (the per-page time is its inverse).

use std::path::Path;
use std::sync::LazyLock;

use coursegen::build::search_pages;
use coursegen::build::{Build, BuildOptions, Output};
use coursegen::diagnostic::Diagnostics;
use coursegen::output::DiscardSink;
use coursegen::render::documents::render_markdown;
use coursegen::search::write_index;
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// The bundled course, loaded, planned and rendered once (HTML kept).
static COURSE: LazyLock<Build> = LazyLock::new(|| {
    let opts = BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        keep_pages: true,
        ..Default::default()
    };
    let report = Build::run(&opts, Output::Discard)
        .unwrap_or_else(|f| panic!("the bundled course must build: {:?}", f.diagnostics));
    *report.build
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
            let rerender = coursegen::render::Rerender {
                course: &p.course,
                site: &p.site,
                docs: &p.docs,
                theme: &p.theme,
                ui: p.ui,
            };
            let written = coursegen::render::render_pages(&rerender, &pages, &sink, &mut diags);
            assert_eq!(written, pages.len());
        })
    });
}

#[divan::bench]
fn search_index(bencher: Bencher) {
    let p = &*COURSE;
    let texts = p.docs.page_texts();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    bencher
        .counter(ItemsCount::new(texts.len()))
        .with_inputs(|| texts.clone())
        .bench_values(|texts| {
            one.install(|| {
                let pages = search_pages(&p.course, &p.site, texts);
                write_index(pages, &|_, bytes| {
                    divan::black_box(bytes);
                });
            })
        });
}
