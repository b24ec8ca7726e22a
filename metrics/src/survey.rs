//! Survey files to reports: what `coursegen metrics` does, as a function that
//! returns text (a readable report or JSON) and leaves printing to the caller.

use std::path::Path;

use super::{
    AttributeScore, Column, Encoding, MetricsError, Scale, Weights, csi, nps, read_scores_with,
    render_csi_text, render_nps_text, render_weighted_csi_text, weighted_csi,
};

#[derive(Debug, Clone)]
pub enum Survey {
    /// 0–10 scores of one column.
    Nps,
    /// Answers on `scale` of one column, or — with `weights` — one column per
    /// attribute (the first `weights.len()` columns), combined into a weighted CSI.
    Csi { scale: Scale, weights: Option<Vec<f64>> },
}

#[derive(Debug)]
pub enum SurveyError {
    Io(std::io::Error),
    Metrics(MetricsError),
}

impl std::fmt::Display for SurveyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SurveyError::Io(e) => write!(f, "{e}"),
            SurveyError::Metrics(e) => write!(f, "{e}"),
        }
    }
}

impl From<MetricsError> for SurveyError {
    fn from(e: MetricsError) -> Self {
        SurveyError::Metrics(e)
    }
}

/// A report and how its file was read.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyOutput {
    /// The readable report, or JSON.
    pub text: String,
    /// The encoding the file was read in (`Utf8` or `Gb18030`).
    pub encoding: Encoding,
}

/// `column`: a header name or a 1-based number; `None` for the only column.
/// `encoding`: `Auto` reads the file once to see whether it is UTF-8, then
/// again to compute (memory stays constant).
pub fn survey_report(
    path: &Path,
    survey: &Survey,
    column: Option<&str>,
    json: bool,
    encoding: Encoding,
) -> Result<SurveyOutput, SurveyError> {
    let open = || -> Result<std::io::BufReader<std::fs::File>, SurveyError> {
        let f = std::fs::File::open(path).map_err(SurveyError::Io)?;
        Ok(std::io::BufReader::with_capacity(1 << 16, f))
    };
    let encoding = match encoding {
        Encoding::Auto => Encoding::detect(open()?).map_err(SurveyError::Io)?,
        chosen => chosen,
    };
    let read = |column, scale| -> Result<super::ReadSummary, SurveyError> {
        Ok(read_scores_with(open()?, column, scale, encoding)?)
    };
    let column = column.map(|c| match c.parse::<usize>() {
        Ok(n) => Column::Index(n),
        Err(_) => Column::Name(c),
    });
    let text = |value: Result<serde_json::Value, serde_json::Error>, plain: String| {
        if json {
            value
                .map(|v| serde_json::to_string_pretty(&v).unwrap_or_default())
                .unwrap_or_default()
        } else {
            plain
        }
    };
    let text = match survey {
        Survey::Nps => {
            let r = nps(&read(column, Scale::NPS)?.histogram)?;
            text(serde_json::to_value(&r), render_nps_text(&r))
        }
        Survey::Csi { scale, weights: None } => {
            let r = csi(&read(column, *scale)?.histogram)?;
            text(serde_json::to_value(&r), render_csi_text(&r))
        }
        Survey::Csi {
            scale,
            weights: Some(weights),
        } => {
            let mut attributes = Vec::with_capacity(weights.len());
            for i in 1..=weights.len() {
                let summary = read(Some(Column::Index(i)), *scale)?;
                let name = summary.header.clone().unwrap_or_else(|| format!("#{i}"));
                attributes.push(AttributeScore::from_histogram(name, &summary.histogram)?);
            }
            let r = weighted_csi(
                *scale,
                &attributes,
                &Weights::Explicit {
                    weights: weights.clone(),
                },
            )?;
            text(serde_json::to_value(&r), render_weighted_csi_text(&r))
        }
    };
    Ok(SurveyOutput { text, encoding })
}
