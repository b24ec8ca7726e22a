//! Plain-text rendering of reports (returned as `String`, never printed).
//! All figures are rounded once, here, half away from zero.

use std::fmt::Write;

use super::csi::{CsiReport, WeightedCsiReport};
use super::nps::{IntervalMethod, NpsInterval, NpsReport};
use super::round::{format_rounded, round_half_away};
use super::scale::Scale;

/// Width of the longest histogram bar, in characters.
pub const BAR_WIDTH: usize = 40;

fn pct(x: f64) -> String {
    format!("{}%", format_rounded(x, 1))
}

fn method_name(m: IntervalMethod) -> &'static str {
    match m {
        IntervalMethod::Wald => "Wald",
        IntervalMethod::AdjustedWald => "adjusted Wald",
    }
}

fn interval_line(i: &NpsInterval) -> String {
    format!(
        "{} to {} (centre {}, ±{})",
        format_rounded(i.lower, 1),
        format_rounded(i.upper, 1),
        format_rounded(i.centre, 1),
        format_rounded(i.margin_of_error, 1)
    )
}

/// Bar of `count` relative to `largest`: [`BAR_WIDTH`] blocks for the
/// largest count, at least one block for any non-zero count.
pub fn bar(count: u64, largest: u64) -> String {
    if count == 0 || largest == 0 {
        return String::new();
    }
    let len = round_half_away(count as f64 / largest as f64 * BAR_WIDTH as f64, 0);
    let len = (len as usize).clamp(1, BAR_WIDTH);
    "█".repeat(len)
}

/// Text histogram, highest score first: `score │bar  count  percent`.
pub fn render_histogram(scale: Scale, counts: &[u64]) -> String {
    let total: u64 = counts.iter().fold(0u64, |a, &c| a.saturating_add(c));
    let largest = counts.iter().copied().max().unwrap_or(0);
    let label_width = scale.min().to_string().len().max(scale.max().to_string().len());
    let count_width = largest.to_string().len();
    let mut out = String::new();
    for (i, &c) in counts.iter().enumerate().rev() {
        let score = scale.min().saturating_add(i as i64);
        let share = if total == 0 {
            0.0
        } else {
            100.0 * c as f64 / total as f64
        };
        let _ = writeln!(
            out,
            "  {score:>label_width$} │{:<BAR_WIDTH$} {c:>count_width$}  {:>6}",
            bar(c, largest),
            pct(share)
        );
    }
    out
}

/// Readable NPS report: counts, percentages, NPS ± margin of error (the
/// recommended interval), both intervals, and the score histogram.
pub fn render_nps_text(r: &NpsReport) -> String {
    let mut out = String::new();
    let rec = r.recommended_interval();
    let w = r.n.to_string().len();
    let _ = writeln!(out, "Net Promoter Score (n = {})", r.n);
    for (label, s) in [
        ("Promoters  (9–10)", &r.promoters),
        ("Passives   (7–8) ", &r.passives),
        ("Detractors (0–6) ", &r.detractors),
    ] {
        let _ = writeln!(out, "  {label}  {:>w$}  {:>6}", s.count, pct(s.percent));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "  NPS: {} ± {}  (95%, {})",
        r.nps_rounded,
        format_rounded(rec.margin_of_error, 1),
        method_name(r.recommended)
    );
    let _ = writeln!(out, "  95% interval, Wald:          {}", interval_line(&r.wald));
    let _ = writeln!(
        out,
        "  95% interval, adjusted Wald: {}",
        interval_line(&r.adjusted_wald)
    );
    let why = match r.recommended {
        IntervalMethod::Wald => "n ≥ 30 and |NPS| < 90",
        IntervalMethod::AdjustedWald => "n < 30 or |NPS| ≥ 90",
    };
    let _ = writeln!(out, "  Recommended: {} ({why})", method_name(r.recommended));
    let _ = writeln!(out);
    let _ = writeln!(out, "Score distribution");
    out.push_str(&render_histogram(Scale::NPS, &r.histogram));
    out
}

/// Readable CSI/CSAT report with the score histogram.
pub fn render_csi_text(r: &CsiReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Customer satisfaction, scale {} (n = {})", r.scale, r.n);
    let _ = writeln!(out, "  Mean score: {}", format_rounded(r.mean, 2));
    let _ = writeln!(out, "  CSI:        {}", format_rounded(r.csi, 1));
    let _ = writeln!(
        out,
        "  CSAT:       {} ({} of {} in the top two boxes, {}–{})",
        pct(r.csat_percent),
        r.top_two_box,
        r.n,
        r.scale.max() - 1,
        r.scale.max()
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "Score distribution");
    out.push_str(&render_histogram(r.scale, &r.histogram));
    out
}

/// Readable weighted-CSI report: one line per attribute, the total and the
/// weakest attribute.
pub fn render_weighted_csi_text(r: &WeightedCsiReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Weighted CSI, scale {}", r.scale);
    let name_width = r
        .attributes
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(0);
    for a in &r.attributes {
        let pad = name_width.saturating_sub(a.name.chars().count());
        let _ = writeln!(
            out,
            "  {}{}  mean {:>6}  CSI {:>5}  weight {:>5}",
            a.name,
            " ".repeat(pad),
            format_rounded(a.mean, 2),
            format_rounded(a.csi, 1),
            pct(a.weight * 100.0)
        );
    }
    let _ = writeln!(out, "  CSI: {}", format_rounded(r.csi, 1));
    let _ = writeln!(out, "  Weakest attribute: {}", r.weakest);
    out
}
