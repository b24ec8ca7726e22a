//! Customer Satisfaction Index and CSAT.
//!
//! * Mean-scaled CSI: `(mean − min)/(max − min) · 100`, so the lowest
//!   possible mean is 0 and the highest 100.
//! * CSAT: share of top-two-box answers (`max` and `max − 1`), in percent.
//! * Weighted CSI: `Σ wᵢ · CSIᵢ` over attributes, where `CSIᵢ` is the
//!   mean-scaled CSI of attribute i's mean score and the weights are
//!   normalised to sum to 1. Weights come as plain weights or as raw
//!   importance ratings on a scale; both are normalised the same way.
//!   Default attributes are SERVQUAL's five dimensions with equal weights.
//!   The *weakest* attribute is the one with the lowest CSI (first on ties).

use serde::Serialize;

use super::error::{Location, MetricsError};
use super::histogram::Histogram;
use super::scale::Scale;

/// SERVQUAL's five dimensions: tangibles, reliability, responsiveness,
/// assurance, empathy.
pub const SERVQUAL_DIMENSIONS: [&str; 5] = ["有形性", "可靠性", "响应性", "保证性", "移情性"];

/// CSI and CSAT of one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsiReport {
    /// The answer scale.
    pub scale: Scale,
    /// Respondents.
    pub n: u64,
    /// Mean score (raw).
    pub mean: f64,
    /// Mean-scaled CSI, 0..=100 (raw).
    pub csi: f64,
    /// Answers at `max` or `max − 1`.
    pub top_two_box: u64,
    /// `100 · top_two_box / n` (raw).
    pub csat_percent: f64,
    /// Counts per score, lowest first.
    pub histogram: Vec<u64>,
}

/// CSI report of a histogram on any scale.
pub fn csi(hist: &Histogram) -> Result<CsiReport, MetricsError> {
    let scale = hist.scale();
    let mean = hist.mean().ok_or(MetricsError::Empty { what: "scores" })?;
    let n = hist.total();
    let top_two_box = hist.count_range(scale.max() - 1, scale.max());
    Ok(CsiReport {
        scale,
        n,
        mean,
        csi: scaled(mean, scale),
        top_two_box,
        csat_percent: 100.0 * top_two_box as f64 / n as f64,
        histogram: hist.counts().to_vec(),
    })
}

/// CSI report from raw integer scores on `scale`.
pub fn csi_from_scores(scale: Scale, scores: &[i64]) -> Result<CsiReport, MetricsError> {
    csi(&Histogram::from_scores(scale, scores)?)
}

fn scaled(mean: f64, scale: Scale) -> f64 {
    let min = scale.min() as f64;
    let span = scale.max() as f64 - min;
    ((mean - min) / span * 100.0).clamp(0.0, 100.0)
}

/// Mean-scaled CSI of a mean score; the mean must be finite and within
/// the scale.
pub fn csi_from_mean(mean: f64, scale: Scale) -> Result<f64, MetricsError> {
    check_value(mean, scale, Location::NONE)?;
    Ok(scaled(mean, scale))
}

fn check_value(x: f64, scale: Scale, at: Location) -> Result<(), MetricsError> {
    if !x.is_finite() {
        return Err(MetricsError::NonFinite {
            text: format!("{x}"),
            at,
        });
    }
    if x < scale.min() as f64 || x > scale.max() as f64 {
        return Err(MetricsError::OutOfRange {
            value: format!("{x}"),
            min: scale.min(),
            max: scale.max(),
            at,
        });
    }
    Ok(())
}

/// One attribute's mean satisfaction score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeScore {
    /// Attribute name.
    pub name: String,
    /// Mean score on the CSI scale.
    pub mean: f64,
}

impl AttributeScore {
    /// Named attribute with a mean score.
    pub fn new(name: impl Into<String>, mean: f64) -> AttributeScore {
        AttributeScore {
            name: name.into(),
            mean,
        }
    }

    /// Attribute whose mean comes from a histogram of its answers.
    pub fn from_histogram(name: impl Into<String>, hist: &Histogram) -> Result<AttributeScore, MetricsError> {
        let mean = hist.mean().ok_or(MetricsError::Empty { what: "scores" })?;
        Ok(AttributeScore::new(name, mean))
    }
}

/// The five SERVQUAL dimensions with the given means, in
/// [`SERVQUAL_DIMENSIONS`] order.
pub fn servqual_attributes(means: [f64; 5]) -> Vec<AttributeScore> {
    SERVQUAL_DIMENSIONS
        .iter()
        .zip(means)
        .map(|(name, mean)| AttributeScore::new(*name, mean))
        .collect()
}

/// How attributes are weighted.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Weights {
    /// Every attribute weighs the same (the default).
    #[default]
    Equal,
    /// Non-negative weights, one per attribute, not all zero; normalised.
    Explicit { weights: Vec<f64> },
    /// Raw importance ratings on `scale`, one per attribute; normalised.
    Importance { ratings: Vec<f64>, scale: Scale },
}

/// Normalise weights to sum to 1. Errors: empty, NaN/inf (`NonFinite` with
/// index), a negative weight (`NegativeWeight` with index), all zero.
pub fn normalise_weights(weights: &[f64]) -> Result<Vec<f64>, MetricsError> {
    if weights.is_empty() {
        return Err(MetricsError::Empty { what: "weights" });
    }
    for (i, &w) in weights.iter().enumerate() {
        if !w.is_finite() {
            return Err(MetricsError::NonFinite {
                text: format!("{w}"),
                at: Location::index(i),
            });
        }
        if w < 0.0 {
            return Err(MetricsError::NegativeWeight { value: w, index: i });
        }
    }
    // Divide by the largest first so huge weights cannot overflow the sum.
    let largest = weights.iter().copied().fold(0.0_f64, f64::max);
    if largest == 0.0 {
        return Err(MetricsError::AllZeroWeights);
    }
    let sum: f64 = weights.iter().map(|w| w / largest).sum();
    Ok(weights.iter().map(|w| w / largest / sum).collect())
}

/// One attribute in a weighted CSI result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeResult {
    /// Attribute name.
    pub name: String,
    /// Mean score (as given).
    pub mean: f64,
    /// Mean-scaled CSI of that mean.
    pub csi: f64,
    /// Normalised weight (all weights sum to 1).
    pub weight: f64,
}

/// A weighted multi-attribute CSI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightedCsiReport {
    /// The satisfaction scale of the means.
    pub scale: Scale,
    /// `Σ weight · csi`, 0..=100 (raw).
    pub csi: f64,
    /// Per-attribute results, input order.
    pub attributes: Vec<AttributeResult>,
    /// Name of the attribute with the lowest CSI (first on ties).
    pub weakest: String,
    /// Its 0-based index.
    pub weakest_index: usize,
}

/// Weighted CSI of `attributes` (means on `scale`). Errors: no attributes,
/// a mean that is NaN/inf or off the scale (index given), a weight count
/// that differs from the attribute count, bad weights (see
/// [`normalise_weights`]), importance ratings off their scale.
pub fn weighted_csi(
    scale: Scale,
    attributes: &[AttributeScore],
    weights: &Weights,
) -> Result<WeightedCsiReport, MetricsError> {
    if attributes.is_empty() {
        return Err(MetricsError::Empty { what: "attributes" });
    }
    for (i, a) in attributes.iter().enumerate() {
        check_value(a.mean, scale, Location::index(i))?;
    }
    let raw: Vec<f64> = match weights {
        Weights::Equal => vec![1.0; attributes.len()],
        Weights::Explicit { weights } => weights.clone(),
        Weights::Importance { ratings, scale } => {
            for (i, &r) in ratings.iter().enumerate() {
                check_value(r, *scale, Location::index(i))?;
            }
            ratings.clone()
        }
    };
    if raw.len() != attributes.len() {
        return Err(MetricsError::LengthMismatch {
            what: "weights",
            expected: attributes.len(),
            found: raw.len(),
        });
    }
    let w = normalise_weights(&raw)?;
    let results: Vec<AttributeResult> = attributes
        .iter()
        .zip(&w)
        .map(|(a, &weight)| AttributeResult {
            name: a.name.clone(),
            mean: a.mean,
            csi: scaled(a.mean, scale),
            weight,
        })
        .collect();
    let total: f64 = results.iter().map(|r| r.weight * r.csi).sum();
    let mut weakest_index = 0;
    for (i, r) in results.iter().enumerate() {
        if results.get(weakest_index).is_some_and(|best| r.csi < best.csi) {
            weakest_index = i;
        }
    }
    let weakest = results
        .get(weakest_index)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    Ok(WeightedCsiReport {
        scale,
        csi: total.clamp(0.0, 100.0),
        attributes: results,
        weakest,
        weakest_index,
    })
}

/// Weighted CSI over the SERVQUAL dimensions (see [`servqual_attributes`]).
pub fn weighted_csi_servqual(
    scale: Scale,
    means: [f64; 5],
    weights: &Weights,
) -> Result<WeightedCsiReport, MetricsError> {
    weighted_csi(scale, &servqual_attributes(means), weights)
}
