//! Survey metrics core: NPS (with Wald and adjusted-Wald intervals), CSI,
//! weighted multi-attribute CSI, CSAT, display rounding and a streaming
//! survey-file reader (UTF-8 or GB18030).
//!
//! Design rules: bad input is a typed [`MetricsError`] (never a guess, never
//! a panic); reports keep raw counts and raw floats and derive
//! `serde::Serialize` with stable field names; rounding for display happens
//! once ([`round_half_away`]); no printing and no global state.
//!
//! Its own crate in the workspace: it depends on nothing of coursegen, and
//! only the `coursegen metrics` command uses it (the calculator page has the
//! same formulas in templates/calc-core.js). Tests live in `tests/` beside
//! this file and read the vectors the page's tests share,
//! `tests/data/metrics_vectors.json` of the project.

mod csi;
mod csv;
mod encoding;
mod error;
mod histogram;
mod nps;
mod reader;
mod report;
mod round;
mod scale;
mod survey;

#[cfg(test)]
mod tests;

pub use csi::{
    AttributeResult, AttributeScore, CsiReport, SERVQUAL_DIMENSIONS, WeightedCsiReport, Weights, csi,
    csi_from_mean, csi_from_scores, normalise_weights, servqual_attributes, weighted_csi,
    weighted_csi_servqual,
};
pub use encoding::Encoding;
pub use error::{Location, MetricsError};
pub use histogram::Histogram;
pub use nps::{
    IntervalMethod, NpsInterval, NpsReport, Segment, Z_95, adjusted_wald_interval, nps, nps_from_counts,
    nps_from_scores, wald_interval,
};
pub use reader::{Column, ReadSummary, read_scores, read_scores_with};
pub use report::{
    BAR_WIDTH, bar, render_csi_text, render_histogram, render_nps_text, render_weighted_csi_text,
};
pub use round::{format_rounded, round_half_away};
pub use scale::{Scale, parse_score, score_from_number};
pub use survey::{Survey, SurveyError, SurveyOutput, survey_report};
