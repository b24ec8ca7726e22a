//! The integration tests that need no browser, as one binary (one link of the
//! library instead of one per file): the real `coursegen` binary on fixture
//! courses, the library's stages, the dev server, SCORM, the JavaScript cores
//! under `node --test` and ESLint, and the W3C Nu checker.

#[path = "../fixture/mod.rs"]
mod fixture;
#[path = "../support/mod.rs"]
mod support;

mod anchors;
mod architecture;
mod build_errors;
mod build_site;
mod bundled_course;
mod cases;
mod classroom;
mod cli_export;
mod cli_metrics;
mod code_blocks;
mod html_valid;
mod js_units;
mod publish_crawl;
mod raw_html;
mod reader;
mod scenarios;
mod schema;
mod scorm;
mod search;
mod serve;
