//! Chart → inline SVG. Colours come from CSS classes (`series-N`) so the chart
//! follows the light and dark themes; text uses `currentColor`. The SVG has a
//! title and description, and a data table follows it for every reader.

use std::fmt::Write;

use super::{Chart, ChartType};
use crate::html_escape::escape_html as esc;

// Sized for a phone: the SVG scales to the width of the text column, and at
// 328 px (a 360 px screen) its 15-unit text draws at 12.3 px. The stylesheet
// caps the width (28rem), so on a wide screen the text is about 17 px.
const W: f64 = 400.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 24.0;
const PLOT_H: f64 = 190.0;
const FONT: f64 = 15.0;
const LINE: f64 = FONT + 4.0;

/// Rough width of `text` in user units: CJK and full-width characters are a
/// square, others about 0.6 of the font size.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c as u32 >= 0x2E80 { FONT } else { FONT * 0.6 })
        .sum()
}

/// Renders `chart` as a `<figure>`; `id` must be unique on the page.
pub fn render_svg(chart: &Chart, id: &str, data_table_label: &str) -> String {
    let unit = chart.unit.as_deref().unwrap_or("");
    let n = chart.x.len();
    let (lo, hi) = match chart.kind {
        ChartType::StackedBar => {
            let sums = (0..n).map(|i| chart.series.iter().map(|s| s.values[i]).sum::<f64>());
            (0.0, sums.fold(0.0, f64::max))
        }
        _ => {
            let all = chart.series.iter().flat_map(|s| s.values.iter().copied());
            let (mn, mx) = all.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
            (mn, mx)
        }
    };
    let (lo, hi, step) = nice_scale(lo, hi);
    let ticks: Vec<f64> = (0..)
        .map(|k| lo + step * f64::from(k))
        .take_while(|v| *v <= hi + step / 2.0)
        .take(64)
        .collect();
    // Room on the left for the widest tick label and the rotated y label.
    let widest_tick = ticks
        .iter()
        .map(|v| text_width(&format!("{}{unit}", num(*v))))
        .fold(0.0, f64::max);
    let y_label_room = if chart.y_label.is_some() { FONT + 8.0 } else { 0.0 };
    let left = (widest_tick + 10.0 + y_label_room).ceil();
    let plot_w = W - left - RIGHT;
    let plot_h = PLOT_H;
    let slot = plot_w / n as f64;
    // X labels, wrapped to the slot width; the height grows with their lines.
    let per_line = ((slot - 12.0) / FONT).floor().max(2.0) as usize;
    let x_lines: Vec<Vec<String>> = chart.x.iter().map(|l| wrap(&l.text(), per_line)).collect();
    let max_lines = x_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let last_x_line = TOP + plot_h + 20.0 + (max_lines - 1) as f64 * LINE;
    let x_label_y = last_x_line + LINE + 6.0;
    let h = if chart.x_label.is_some() {
        x_label_y
    } else {
        last_x_line
    } + 8.0;
    let y = |v: f64| TOP + plot_h * (hi - v) / (hi - lo);
    let cx = |i: usize| left + slot * (i as f64 + 0.5);

    let summary: Vec<String> = chart
        .series
        .iter()
        .map(|s| {
            let pts: Vec<String> = chart
                .x
                .iter()
                .zip(&s.values)
                .map(|(x, v)| format!("{}：{}{unit}", x.text(), num(*v)))
                .collect();
            format!("{}（{}）", s.name, pts.join("，"))
        })
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart-svg\" viewBox=\"0 0 {W} {h}\" font-size=\"{FONT}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(&chart.title),
        esc(&summary.join("；"))
    );
    // Grid lines and y-axis labels.
    for &v in &ticks {
        let yy = y(v);
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\"/>\
             <text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}{}</text>",
            W - RIGHT,
            left - 6.0,
            yy + FONT * 0.35,
            num(v),
            esc(unit)
        );
    }
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\"/>",
        W - RIGHT,
        y(0.0),
        y(0.0)
    );
    match chart.kind {
        ChartType::Bar => {
            let k = chart.series.len() as f64;
            let bar = slot * 0.7 / k;
            for (si, s) in chart.series.iter().enumerate() {
                for (i, val) in s.values.iter().enumerate() {
                    let x0 = cx(i) - slot * 0.35 + bar * si as f64;
                    let (top, bottom) = (y(val.max(0.0)), y(val.min(0.0)));
                    let label_y = if *val >= 0.0 {
                        top - 5.0
                    } else {
                        bottom + FONT + 2.0
                    };
                    let _ = write!(
                        svg,
                        "<rect class=\"series-{si}\" x=\"{x0:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>\
                         <text class=\"value\" x=\"{:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\">{}{}</text>",
                        bar * 0.92,
                        (bottom - top).max(0.5),
                        x0 + bar * 0.46,
                        num(*val),
                        esc(unit)
                    );
                }
            }
        }
        ChartType::StackedBar => {
            let width = slot * 0.55;
            for i in 0..n {
                let mut base = 0.0;
                for (si, s) in chart.series.iter().enumerate() {
                    let val = s.values[i];
                    let (top, bottom) = (y(base + val), y(base));
                    let _ = write!(
                        svg,
                        "<rect class=\"series-{si}\" x=\"{:.1}\" y=\"{top:.1}\" width=\"{width:.1}\" height=\"{:.1}\"/>",
                        cx(i) - width / 2.0,
                        (bottom - top).max(0.5)
                    );
                    if bottom - top > FONT + 2.0 {
                        let _ = write!(
                            svg,
                            "<text class=\"value on-bar\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}{}</text>",
                            cx(i),
                            (top + bottom) / 2.0 + FONT * 0.35,
                            num(val),
                            esc(unit)
                        );
                    }
                    base += val;
                }
            }
        }
        ChartType::Line => {
            for (si, s) in chart.series.iter().enumerate() {
                let pts: Vec<String> = s
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| format!("{:.1},{:.1}", cx(i), y(*v)))
                    .collect();
                let _ = write!(
                    svg,
                    "<polyline class=\"line series-{si}\" points=\"{}\"/>",
                    pts.join(" ")
                );
                for (i, val) in s.values.iter().enumerate() {
                    let _ = write!(
                        svg,
                        "<circle class=\"series-{si}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\"/>\
                         <text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}{}</text>",
                        cx(i),
                        y(*val),
                        cx(i),
                        y(*val) - 9.0,
                        num(*val),
                        esc(unit)
                    );
                }
            }
        }
    }
    for (i, lines) in x_lines.iter().enumerate() {
        for (li, line) in lines.iter().enumerate() {
            let _ = write!(
                svg,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                cx(i),
                TOP + plot_h + 20.0 + li as f64 * LINE,
                esc(line)
            );
        }
    }
    if let Some(xl) = &chart.x_label {
        let _ = write!(
            svg,
            "<text class=\"axis-label\" x=\"{:.1}\" y=\"{x_label_y:.1}\" text-anchor=\"middle\">{}</text>",
            left + plot_w / 2.0,
            esc(xl)
        );
    }
    if let Some(yl) = &chart.y_label {
        let (x, yy) = (FONT, TOP + plot_h / 2.0);
        let _ = write!(
            svg,
            "<text class=\"axis-label\" x=\"{x}\" y=\"{yy:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 {x} {yy:.1})\">{}</text>",
            esc(yl)
        );
    }
    svg.push_str("</svg>");

    let mut html = format!(
        "<figure class=\"chart\" id=\"{id}\">\n<figcaption>{}</figcaption>\n{svg}\n",
        esc(&chart.title)
    );
    if chart.series.len() > 1 {
        html.push_str("<ul class=\"chart-legend\">");
        for (si, s) in chart.series.iter().enumerate() {
            let _ = write!(
                html,
                "<li><span class=\"swatch series-{si}\"></span>{}</li>",
                esc(&s.name)
            );
        }
        html.push_str("</ul>\n");
    }
    let _ = write!(
        html,
        "<details class=\"chart-data\"><summary>{}</summary>\n<table><thead><tr><th scope=\"col\">{}</th>",
        esc(data_table_label),
        esc(chart.x_label.as_deref().unwrap_or(""))
    );
    for s in &chart.series {
        let _ = write!(html, "<th scope=\"col\">{}</th>", esc(&s.name));
    }
    html.push_str("</tr></thead><tbody>");
    for (i, label) in chart.x.iter().enumerate() {
        let _ = write!(html, "<tr><th scope=\"row\">{}</th>", esc(&label.text()));
        for s in &chart.series {
            let _ = write!(html, "<td>{}{}</td>", num(s.values[i]), esc(unit));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></details>\n</figure>\n");
    html
}

/// Axis bounds and step on a 1-2-5 grid that include `lo` and `hi`.
pub fn nice_scale(lo: f64, hi: f64) -> (f64, f64, f64) {
    let range = if hi > lo { hi - lo } else { hi.abs().max(1.0) };
    let rough = range / 5.0;
    let mag = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * mag);
    let lo = (lo / step).floor() * step;
    let mut hi = (hi / step).ceil() * step;
    if hi <= lo {
        hi = lo + 5.0 * step;
    }
    (lo, hi, step)
}

fn num(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    if r == 0.0 { "0".into() } else { format!("{r}") }
}

/// Splits text into lines of at most `width` characters (CJK) or words, as
/// even as the number of lines allows (no one character left alone), at
/// most three.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = wrap_greedy(text, width);
    if lines.len() > 1 {
        let even = text.chars().count().div_ceil(lines.len()).max(1);
        let balanced = wrap_greedy(text, even);
        if balanced.len() == lines.len() {
            lines = balanced;
        }
    }
    if lines.len() > 3 {
        lines.truncate(3);
        lines[2].push('…');
    }
    lines
}

fn wrap_greedy(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // Characters in `line`, counted as they come: counting them again for
    // every character made a long word take quadratic time.
    let mut chars = 0;
    for word in text.split_inclusive(' ') {
        for c in word.chars() {
            if chars >= width && (c as u32 > 0x2E80 || line.ends_with(' ')) {
                lines.push(line.trim_end().to_string());
                line.clear();
                chars = 0;
            }
            line.push(c);
            chars += 1;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::parse_chart;
    use super::*;

    #[test]
    fn scales_are_nice() {
        assert_eq!(nice_scale(0.0, 95.0), (0.0, 100.0, 20.0));
        assert_eq!(nice_scale(0.0, 68.0), (0.0, 80.0, 20.0));
        assert_eq!(nice_scale(-30.0, 29.0), (-40.0, 40.0, 20.0));
        assert_eq!(nice_scale(0.0, 0.0), (0.0, 1.0, 0.2));
    }

    #[test]
    fn bar_chart_svg_is_accessible_and_has_a_table() {
        let c = parse_chart("type: bar\ntitle: 保留率 <对比>\nunit: \"%\"\nx: [高, 低]\nseries:\n  - {name: 保留率, values: [92, 50]}\n").unwrap();
        let html = render_svg(&c, "chart-1", "数据表");
        assert!(html.contains("role=\"img\" aria-labelledby=\"chart-1-title chart-1-desc\""));
        assert!(html.contains("<title id=\"chart-1-title\">保留率 &lt;对比&gt;</title>"));
        assert!(html.contains("高：92%"));
        assert_eq!(html.matches("<rect class=\"series-0\"").count(), 2);
        assert!(html.contains("<tr><th scope=\"row\">低</th><td>50%</td></tr>"));
        assert!(!html.contains("NaN"));
    }

    #[test]
    fn line_and_stacked_charts() {
        let line = parse_chart("type: line\ntitle: t\nx: [2018, 2023]\nseries:\n  - {name: a, values: [65, 95]}\n  - {name: b, values: [60, 70]}\n").unwrap();
        let html = render_svg(&line, "c", "数据");
        assert_eq!(html.matches("<polyline").count(), 2);
        assert!(html.contains("class=\"chart-legend\""));
        let stacked = parse_chart("type: stacked-bar\ntitle: t\nx: [A]\nseries:\n  - {name: a, values: [30]}\n  - {name: b, values: [70]}\n").unwrap();
        let html = render_svg(&stacked, "c", "数据");
        assert_eq!(html.matches("<rect").count(), 2);
    }

    #[test]
    fn long_labels_wrap() {
        assert_eq!(
            wrap("偏好自助解决简单问题的客户", 6),
            ["偏好自助解", "决简单问题", "的客户"]
        );
        assert_eq!(
            wrap("相比人工的平均成本降低率", 7),
            ["相比人工的平", "均成本降低率"]
        );
        assert_eq!(
            wrap("一二三四五六七八九十甲乙丙丁戊", 4),
            ["一二三四", "五六七八", "九十甲乙…"]
        );
        assert_eq!(wrap("2018", 6), ["2018"]);
    }

    /// Found by the property tests (src/yaml/attack.rs): a label of 5 MB
    /// without spaces took about 20 minutes to wrap (the line's characters
    /// were counted again for each new one: a million took about 40 s in a
    /// debug build). Now it takes a fraction of a second.
    #[test]
    fn a_huge_label_wraps_in_linear_time() {
        let label = "x".repeat(1_000_000);
        assert_eq!(wrap(&label, 6), std::slice::from_ref(&label));
        // Such a label is now an error before anything is drawn.
        let e = parse_chart(&format!(
            "type: bar\ntitle: t\nx: [{label}, 乙]\nseries:\n  - {{name: s, values: [1, 2]}}\n"
        ))
        .unwrap_err();
        assert!(e.message.contains("has 1000000 characters"), "{e:?}");
    }
}
