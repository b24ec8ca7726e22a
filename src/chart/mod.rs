//! ```` ```chart ```` blocks: a small YAML description of a bar, line or stacked
//! bar chart, rendered at build time to inline, accessible SVG with a data table.

mod svg;

use serde::Deserialize;

pub use svg::render_svg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartType {
    Bar,
    Line,
    StackedBar,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chart {
    #[serde(rename = "type")]
    pub kind: ChartType,
    pub title: String,
    #[serde(default)]
    pub x_label: Option<String>,
    #[serde(default)]
    pub y_label: Option<String>,
    /// Appended to every value (`%`, `分`…).
    #[serde(default)]
    pub unit: Option<String>,
    pub x: Vec<Label>,
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// An x-axis label as written: `2018` or `客户满意度`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "crate::yaml::Scalar")]
pub enum Label {
    Int(i64),
    Float(f64),
    Text(String),
}

impl TryFrom<crate::yaml::Scalar> for Label {
    type Error = String;

    fn try_from(s: crate::yaml::Scalar) -> Result<Self, String> {
        use crate::yaml::Scalar;
        match s {
            Scalar::Int(i) => Ok(Label::Int(i)),
            Scalar::Float(f) => Ok(Label::Float(f)),
            Scalar::Text(t) => Ok(Label::Text(t)),
            Scalar::Bool(b) => Err(format!(
                "`{b}` is not a label; put it in quotes to show it as text"
            )),
        }
    }
}

impl Label {
    pub fn text(&self) -> String {
        match self {
            Label::Int(i) => i.to_string(),
            Label::Float(f) => f.to_string(),
            Label::Text(s) => s.clone(),
        }
    }
}

/// A chart problem; `offset` is a byte offset into the YAML when known.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartError {
    pub message: String,
    pub offset: Option<usize>,
}

/// Most series in one chart (the theme's series colours).
pub const MAX_SERIES: usize = 4;
/// Most `x` labels in one chart.
pub const MAX_POINTS: usize = 200;
/// Most characters in one `x` label or series name.
pub const MAX_LABEL: usize = 80;

/// Parses and checks a chart block.
pub fn parse_chart(yaml: &str) -> Result<Chart, ChartError> {
    let chart: Chart = crate::yaml::parse_str(yaml).map_err(|e| ChartError {
        message: e.message,
        offset: Some(e.offset),
    })?;
    let fail = |message: String| {
        Err(ChartError {
            message,
            offset: None,
        })
    };
    if chart.title.trim().is_empty() {
        return fail("chart title is empty".into());
    }
    if chart.x.is_empty() {
        return fail("chart has no `x` values".into());
    }
    if chart.series.is_empty() {
        return fail("chart has no `series`".into());
    }
    // What a chart can show: the theme has four series colours, and the
    // description and data table repeat every label for every series, so
    // the page grows with series × labels × label length (a 4 MB label in
    // 16,000 series asked for tens of gigabytes; found by src/yaml/attack.rs).
    if chart.series.len() > MAX_SERIES {
        return fail(format!(
            "chart has {} series; at most {MAX_SERIES} can be told apart (the theme has {MAX_SERIES} series colours): split it into several charts",
            chart.series.len()
        ));
    }
    if chart.x.len() > MAX_POINTS {
        return fail(format!(
            "chart has {} `x` labels; at most {MAX_POINTS} fit on a page: group the data or split the chart",
            chart.x.len()
        ));
    }
    let labels = chart
        .x
        .iter()
        .map(|l| l.text())
        .chain(chart.series.iter().map(|s| s.name.clone()));
    for label in labels {
        let chars = label.chars().count();
        if chars > MAX_LABEL {
            let start: String = label.chars().take(12).collect();
            return fail(format!(
                "chart label `{start}…` has {chars} characters; at most {MAX_LABEL} fit on a chart: shorten it and say more in the text"
            ));
        }
    }
    for s in &chart.series {
        if s.values.len() != chart.x.len() {
            return fail(format!(
                "series `{}` has {} values but `x` has {} labels",
                s.name,
                s.values.len(),
                chart.x.len()
            ));
        }
        if s.values.iter().any(|v| !v.is_finite()) {
            return fail(format!("series `{}` has a value that is not a number", s.name));
        }
        if chart.kind == ChartType::StackedBar && s.values.iter().any(|v| *v < 0.0) {
            return fail(format!(
                "stacked bars cannot show the negative values of `{}`",
                s.name
            ));
        }
    }
    Ok(chart)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_line_chart() {
        let c = parse_chart(
            "type: line\ntitle: 指数\nx: [2018, 2023]\nseries:\n  - name: 期望\n    values: [65, 95]\n",
        )
        .unwrap();
        assert_eq!(c.kind, ChartType::Line);
        assert_eq!(c.x[0].text(), "2018");
        assert_eq!(c.series[0].values, [65.0, 95.0]);
    }

    #[test]
    fn rejects_charts_too_big_to_read() {
        let series = "  - {name: s, values: [1]}\n".repeat(MAX_SERIES + 1);
        let e = parse_chart(&format!("type: bar\ntitle: t\nx: [a]\nseries:\n{series}")).unwrap_err();
        assert!(e.message.contains("chart has 5 series; at most 4"), "{e:?}");
        let labels = vec!["a"; MAX_POINTS + 1].join(", ");
        let values = vec!["1"; MAX_POINTS + 1].join(", ");
        let e = parse_chart(&format!(
            "type: line\ntitle: t\nx: [{labels}]\nseries:\n  - {{name: s, values: [{values}]}}\n"
        ))
        .unwrap_err();
        assert!(e.message.contains("chart has 201 `x` labels"), "{e:?}");
        let long = "长".repeat(MAX_LABEL + 1);
        let e = parse_chart(&format!(
            "type: bar\ntitle: t\nx: [a]\nseries:\n  - {{name: {long}, values: [1]}}\n"
        ))
        .unwrap_err();
        assert!(e.message.contains("has 81 characters; at most 80"), "{e:?}");
        // The limits themselves are fine.
        let ok = "长".repeat(MAX_LABEL);
        let series = format!("  - {{name: {ok}, values: [1]}}\n").repeat(MAX_SERIES);
        parse_chart(&format!("type: bar\ntitle: t\nx: [{ok}]\nseries:\n{series}")).unwrap();
    }

    #[test]
    fn rejects_bad_charts() {
        let e = parse_chart("type: pie\ntitle: t\nx: [a]\nseries: []\n").unwrap_err();
        assert!(e.message.contains("unknown variant `pie`"), "{e:?}");
        assert!(e.offset.is_some());
        let e =
            parse_chart("type: bar\ntitle: t\nx: [a, b]\nseries:\n  - {name: s, values: [1]}\n").unwrap_err();
        assert!(e.message.contains("has 1 values but `x` has 2"), "{e:?}");
        let e =
            parse_chart("type: bar\ntitle: t\nx: [a]\nseries:\n  - {name: s, values: [abc]}\n").unwrap_err();
        assert!(e.offset.is_some(), "{e:?}");
        let e =
            parse_chart("type: bar\ntitle: t\nx: [a]\ncolour: red\nseries:\n  - {name: s, values: [1]}\n")
                .unwrap_err();
        assert!(e.message.contains("unknown field `colour`"));
        let e = parse_chart("type: bar\ntitle: t\nx: [2018, true]\nseries:\n  - {name: s, values: [1, 2]}\n")
            .unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.offset),
            (
                "`true` is not a label; put it in quotes to show it as text",
                Some(29)
            )
        );
        let c = parse_chart(
            "type: bar\ntitle: t\nx: [2018, 1.5, 客户]\nseries:\n  - {name: s, values: [1, 2, 3]}\n",
        )
        .unwrap();
        assert_eq!(
            c.x,
            [Label::Int(2018), Label::Float(1.5), Label::Text("客户".into())]
        );
    }
}
