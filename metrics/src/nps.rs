//! Net Promoter Score with Wald and adjusted-Wald 95% intervals.
//!
//! Segments on the 0–10 scale: promoters 9–10, passives 7–8, detractors
//! 0–6. `NPS = 100·(P − D)/n`, in −100..=100.
//!
//! Standard error (NPS points): `SE = 100·√((p + d − (p − d)²)/n)` with
//! `p = P/n`, `d = D/n`; the 95% margin of error is `1.96·SE`.
//!
//! * **Wald**: centre = NPS, bounds NPS ± 1.96·SE.
//! * **Adjusted Wald**: `n' = n + 3`, `P' = P + ¾`, `D' = D + ¾`, the same SE
//!   formula on `p' = P'/n'`, `d' = D'/n'`; centre `100·(p' − d')`, bounds
//!   centre ± 1.96·SE'.
//!
//! Both intervals are always reported, bounds clamped to [−100, 100].
//! **Recommendation rule** ([`IntervalMethod::recommended_for`]): use the
//! adjusted-Wald interval when `n < 30` or `|NPS| ≥ 90` (raw, unrounded
//! NPS) — there the Wald interval is too narrow (at NPS ±100 it collapses to
//! zero width) — otherwise Wald.

use serde::Serialize;

use super::error::MetricsError;
use super::histogram::Histogram;
use super::scale::Scale;

/// z for a two-sided 95% interval.
pub const Z_95: f64 = 1.96;

/// Which interval construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalMethod {
    /// Plain Wald (normal approximation on the observed proportions).
    Wald,
    /// Adjusted Wald (add ¾ promoter, ¾ detractor, 3 respondents).
    AdjustedWald,
}

impl IntervalMethod {
    /// The documented rule: adjusted Wald when `n < 30` or `|nps| ≥ 90`.
    pub fn recommended_for(n: u64, nps: f64) -> IntervalMethod {
        if n < 30 || nps.abs() >= 90.0 {
            IntervalMethod::AdjustedWald
        } else {
            IntervalMethod::Wald
        }
    }
}

/// A 95% interval for the NPS, in NPS points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NpsInterval {
    /// How it was computed.
    pub method: IntervalMethod,
    /// Centre (the NPS for Wald; `100·(p' − d')` for adjusted Wald).
    pub centre: f64,
    /// Standard error in NPS points.
    pub standard_error: f64,
    /// Margin of error, `1.96 · standard_error`.
    pub margin_of_error: f64,
    /// `centre − margin`, clamped to ≥ −100.
    pub lower: f64,
    /// `centre + margin`, clamped to ≤ 100.
    pub upper: f64,
}

/// Count and share of one segment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Segment {
    /// Respondents in the segment.
    pub count: u64,
    /// `100 · count / n` (raw, unrounded).
    pub percent: f64,
}

/// Everything about one NPS result. Floats are raw; round only when
/// displaying (the `nps_rounded` field is the one display rounding of the
/// NPS, half away from zero).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NpsReport {
    /// Respondents.
    pub n: u64,
    /// Scores 9–10.
    pub promoters: Segment,
    /// Scores 7–8.
    pub passives: Segment,
    /// Scores 0–6.
    pub detractors: Segment,
    /// `100·(P − D)/n`, raw.
    pub nps: f64,
    /// NPS rounded half away from zero to an integer (−16.67 → −17).
    pub nps_rounded: i64,
    /// Counts for scores 0..=10 (11 entries).
    pub histogram: Vec<u64>,
    /// Wald interval.
    pub wald: NpsInterval,
    /// Adjusted-Wald interval.
    pub adjusted_wald: NpsInterval,
    /// Which of the two to show (see the module docs for the rule).
    pub recommended: IntervalMethod,
}

impl NpsReport {
    /// The interval named by `recommended`.
    pub fn recommended_interval(&self) -> &NpsInterval {
        match self.recommended {
            IntervalMethod::Wald => &self.wald,
            IntervalMethod::AdjustedWald => &self.adjusted_wald,
        }
    }
}

fn interval(method: IntervalMethod, promoters: f64, detractors: f64, n: f64) -> NpsInterval {
    let p = promoters / n;
    let d = detractors / n;
    // Mathematically ≥ 0; clamp tiny negative rounding error before sqrt.
    let variance = ((p + d - (p - d) * (p - d)) / n).max(0.0);
    let standard_error = 100.0 * variance.sqrt();
    // 100·(P − D)/n: the same value as 100·(p − d), computed so that the
    // Wald centre is bit-identical to the reported NPS.
    let centre = 100.0 * (promoters - detractors) / n;
    let margin_of_error = Z_95 * standard_error;
    NpsInterval {
        method,
        centre,
        standard_error,
        margin_of_error,
        lower: (centre - margin_of_error).clamp(-100.0, 100.0),
        upper: (centre + margin_of_error).clamp(-100.0, 100.0),
    }
}

/// Wald interval from segment counts (`n = promoters + passives + detractors`
/// must be > 0).
pub fn wald_interval(promoters: u64, detractors: u64, n: u64) -> Result<NpsInterval, MetricsError> {
    check_counts(promoters, detractors, n)?;
    Ok(interval(
        IntervalMethod::Wald,
        promoters as f64,
        detractors as f64,
        n as f64,
    ))
}

/// Adjusted-Wald interval from segment counts.
pub fn adjusted_wald_interval(promoters: u64, detractors: u64, n: u64) -> Result<NpsInterval, MetricsError> {
    check_counts(promoters, detractors, n)?;
    Ok(interval(
        IntervalMethod::AdjustedWald,
        promoters as f64 + 0.75,
        detractors as f64 + 0.75,
        n as f64 + 3.0,
    ))
}

fn check_counts(promoters: u64, detractors: u64, n: u64) -> Result<(), MetricsError> {
    if n == 0 {
        return Err(MetricsError::Empty { what: "scores" });
    }
    let pd = promoters.checked_add(detractors);
    if pd.is_none_or(|pd| pd > n) {
        return Err(MetricsError::InconsistentCounts {
            promoters,
            detractors,
            n,
        });
    }
    Ok(())
}

/// NPS report from a histogram on the 0–10 scale.
pub fn nps(hist: &Histogram) -> Result<NpsReport, MetricsError> {
    if hist.scale() != Scale::NPS {
        return Err(MetricsError::WrongScale {
            expected: Scale::NPS,
            found: hist.scale(),
        });
    }
    let n = hist.total();
    if n == 0 {
        return Err(MetricsError::Empty { what: "scores" });
    }
    let p = hist.count_range(9, 10);
    let pa = hist.count_range(7, 8);
    let d = hist.count_range(0, 6);
    let nf = n as f64;
    let seg = |count: u64| Segment {
        count,
        percent: 100.0 * count as f64 / nf,
    };
    let wald = interval(IntervalMethod::Wald, p as f64, d as f64, nf);
    let nps = wald.centre;
    let rounded = super::round::round_half_away(nps, 0);
    let adjusted_wald = interval(
        IntervalMethod::AdjustedWald,
        p as f64 + 0.75,
        d as f64 + 0.75,
        nf + 3.0,
    );
    Ok(NpsReport {
        n,
        promoters: seg(p),
        passives: seg(pa),
        detractors: seg(d),
        nps,
        nps_rounded: rounded as i64,
        histogram: hist.counts().to_vec(),
        wald,
        adjusted_wald,
        recommended: IntervalMethod::recommended_for(n, nps),
    })
}

/// NPS report from 11 counts (scores 0..=10).
pub fn nps_from_counts(counts: &[u64]) -> Result<NpsReport, MetricsError> {
    nps(&Histogram::from_counts(Scale::NPS, counts)?)
}

/// NPS report from raw 0–10 scores (order does not matter).
pub fn nps_from_scores(scores: &[i64]) -> Result<NpsReport, MetricsError> {
    nps(&Histogram::from_scores(Scale::NPS, scores)?)
}
