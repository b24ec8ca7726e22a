//! coursegen: a static training-course site generator.
//!
//! The pipeline reads top-down in [`build`]: [`load`] walks `course/`, [`parse`]
//! turns course.yaml and front matter into the [`model`], [`site`] plans every
//! output page, [`render`] turns Markdown and templates into HTML, and [`write`]
//! swaps the finished site into place. The library never prints.

pub mod agenda;
pub mod build;
pub mod chart;
pub mod diagnostic;
pub mod export;
pub mod html_escape;
pub mod i18n;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod parse;
pub mod publish;
pub mod quiz;
pub mod render;
pub mod scaffold;
pub mod scenario;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod write;
pub mod yaml;

pub use build::{Build, BuildFailure, BuildOptions, BuildReport, Output, build, check};
pub use diagnostic::{Diagnostic, Severity};
