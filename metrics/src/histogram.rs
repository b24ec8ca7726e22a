//! Counts per score on a [`Scale`]: the one input type every metric uses.

use serde::Serialize;

use super::error::{Location, MetricsError};
use super::scale::{Scale, parse_score_bytes, score_from_f64};

/// Counts per score. `counts()[i]` is the number of answers with score
/// `scale.min() + i`. The total is tracked and never overflows (adding
/// past `u64::MAX` is an `Overflow` error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Histogram {
    scale: Scale,
    counts: Vec<u64>,
    total: u64,
}

impl Histogram {
    /// An empty histogram on `scale`.
    pub fn new(scale: Scale) -> Histogram {
        Histogram {
            scale,
            counts: vec![0; scale.points()],
            total: 0,
        }
    }

    /// From counts per score, lowest score first; `counts.len()` must equal
    /// `scale.points()`.
    pub fn from_counts(scale: Scale, counts: &[u64]) -> Result<Histogram, MetricsError> {
        if counts.len() != scale.points() {
            return Err(MetricsError::LengthMismatch {
                what: "histogram counts",
                expected: scale.points(),
                found: counts.len(),
            });
        }
        let mut total: u64 = 0;
        for (i, &c) in counts.iter().enumerate() {
            total = total.checked_add(c).ok_or(MetricsError::Overflow {
                at: Location::index(i),
            })?;
        }
        Ok(Histogram {
            scale,
            counts: counts.to_vec(),
            total,
        })
    }

    /// From integer scores; the first score off the scale is an
    /// `OutOfRange` error with its index.
    pub fn from_scores(scale: Scale, scores: &[i64]) -> Result<Histogram, MetricsError> {
        let mut h = Histogram::new(scale);
        for (i, &s) in scores.iter().enumerate() {
            h.add(s).map_err(|e| e.at(Location::index(i)))?;
        }
        Ok(h)
    }

    /// From numeric scores: each must be finite, whole and on the scale.
    pub fn from_numbers(scale: Scale, scores: &[f64]) -> Result<Histogram, MetricsError> {
        let mut h = Histogram::new(scale);
        for (i, &x) in scores.iter().enumerate() {
            let at = Location::index(i);
            let s =
                score_from_f64(x, scale).map_err(|e| e.into_error(format!("{x}").as_bytes(), scale, at))?;
            h.add(s).map_err(|e| e.at(at))?;
        }
        Ok(h)
    }

    /// From textual scores (e.g. form fields); see [`super::parse_score`].
    pub fn from_texts<S: AsRef<str>>(scale: Scale, scores: &[S]) -> Result<Histogram, MetricsError> {
        let mut h = Histogram::new(scale);
        for (i, s) in scores.iter().enumerate() {
            let b = s.as_ref().as_bytes();
            let at = Location::index(i);
            let v = parse_score_bytes(b, scale).map_err(|e| e.into_error(b, scale, at))?;
            h.add(v).map_err(|e| e.at(at))?;
        }
        Ok(h)
    }

    /// Count one answer.
    pub fn add(&mut self, score: i64) -> Result<(), MetricsError> {
        self.add_count(score, 1)
    }

    /// Count `count` answers with `score`.
    pub fn add_count(&mut self, score: i64, count: u64) -> Result<(), MetricsError> {
        if !self.scale.contains(score) {
            return Err(MetricsError::OutOfRange {
                value: score.to_string(),
                min: self.scale.min(),
                max: self.scale.max(),
                at: Location::NONE,
            });
        }
        let total = self
            .total
            .checked_add(count)
            .ok_or(MetricsError::Overflow { at: Location::NONE })?;
        let i = (score - self.scale.min()) as usize;
        if let Some(slot) = self.counts.get_mut(i) {
            // Cannot overflow: slot <= total.
            *slot += count;
            self.total = total;
        }
        Ok(())
    }

    /// Add another histogram on the same scale.
    pub fn merge(&mut self, other: &Histogram) -> Result<(), MetricsError> {
        if other.scale != self.scale {
            return Err(MetricsError::WrongScale {
                expected: self.scale,
                found: other.scale,
            });
        }
        let total = self
            .total
            .checked_add(other.total)
            .ok_or(MetricsError::Overflow { at: Location::NONE })?;
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.total = total;
        Ok(())
    }

    /// The scale.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// Counts per score, lowest score first.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Count for one score (0 if off the scale).
    pub fn count(&self, score: i64) -> u64 {
        if !self.scale.contains(score) {
            return 0;
        }
        self.counts
            .get((score - self.scale.min()) as usize)
            .copied()
            .unwrap_or(0)
    }

    /// Sum of counts for scores in `lo..=hi` (clipped to the scale).
    pub fn count_range(&self, lo: i64, hi: i64) -> u64 {
        (lo.max(self.scale.min())..=hi.min(self.scale.max()))
            .map(|s| self.count(s))
            .sum()
    }

    /// Number of answers.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Whether there are no answers.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Mean score, computed from exact integer sums; `None` when empty.
    pub fn mean(&self) -> Option<f64> {
        if self.total == 0 {
            return None;
        }
        // Exact integer sum of scores, then one division.
        let offsets: i128 = self
            .counts
            .iter()
            .enumerate()
            .map(|(i, &c)| i as i128 * i128::from(c))
            .sum();
        let sum = i128::from(self.scale.min()) * i128::from(self.total) + offsets;
        Some(sum as f64 / self.total as f64)
    }
}
