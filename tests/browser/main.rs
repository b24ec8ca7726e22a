//! The tests that need a page: headless Chromium at phone and desktop sizes,
//! light and dark, by keyboard and touch, over HTTP under a subpath and from
//! `file://`. They skip where Chromium is absent, unless
//! `COURSEGEN_REQUIRE_BROWSER=1` (CI sets it).

#[path = "../fixture/mod.rs"]
mod fixture;
#[path = "../support/mod.rs"]
mod support;

mod a11y;
mod calculator;
mod code;
mod learner_journey;
mod phone;
mod progress;
mod quiz;
mod raw_html;
mod reader;
mod scenario;
mod scorm;
mod search;
mod serve;
mod slides;
mod theme;
