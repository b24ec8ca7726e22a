//! Exports of a course to other systems' formats.

pub mod gift;
pub mod scorm;
